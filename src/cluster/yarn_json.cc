#include "cluster/yarn_json.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "util/strings.h"

namespace mlpipe::cluster {
namespace {

using nlohmann::json;

Result<json> ParseObject(std::string_view body) {
  json doc = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded())
    return Status::DataError("not JSON: " + std::string(Trim(body).substr(0, 120)));
  return doc;
}

// `value` as a list: null/absent -> [], an object or scalar -> [it], an array -> itself.
std::vector<json> AsList(const json* value) {
  if (!value || value->is_null()) return {};
  if (value->is_array()) return value->get<std::vector<json>>();
  return {*value};
}

const json* Member(const json& obj, const char* key) {
  if (!obj.is_object()) return nullptr;
  const auto it = obj.find(key);
  return it == obj.end() ? nullptr : &*it;
}

std::string Str(const json& obj, const char* key) {
  const json* v = Member(obj, key);
  if (!v || v->is_null()) return "";
  return v->is_string() ? v->get<std::string>() : v->dump();
}

double Num(const json& obj, const char* key) {
  const json* v = Member(obj, key);
  if (v && v->is_number()) return v->get<double>();
  if (v && v->is_string()) return std::strtod(v->get<std::string>().c_str(), nullptr);
  return 0;
}

int64_t Int(const json& obj, const char* key) { return static_cast<int64_t>(Num(obj, key)); }

YarnApp AppFromJson(const json& a) {
  YarnApp app;
  app.id = Str(a, "id");
  app.name = Str(a, "name");
  app.user = Str(a, "user");
  app.queue = Str(a, "queue");
  app.application_type = Str(a, "applicationType");
  app.state = Str(a, "state");
  app.final_status = Str(a, "finalStatus");
  app.progress = Num(a, "progress");
  app.tracking_url = Str(a, "trackingUrl");
  app.diagnostics = Str(a, "diagnostics");
  app.am_container_logs = Str(a, "amContainerLogs");
  app.am_host_http_address = Str(a, "amHostHttpAddress");
  std::vector<std::string> tags;  // a comma-separated string; tolerate a list too
  for (const auto& t : AsList(Member(a, "applicationTags"))) {
    for (const auto& tag : Split(t.is_string() ? t.get<std::string>() : "", ','))
      tags.push_back(tag);
  }
  for (const auto& tag : tags) {
    if (!Trim(tag).empty()) app.tags.push_back(ToLower(Trim(tag)));
  }
  app.started_ms = Int(a, "startedTime");
  app.finished_ms = Int(a, "finishedTime");
  app.elapsed_ms = Int(a, "elapsedTime");
  app.allocated_mb = Int(a, "allocatedMB");
  app.allocated_vcores = Int(a, "allocatedVCores");
  app.running_containers = Int(a, "runningContainers");
  return app;
}

}  // namespace

Result<std::vector<YarnApp>> ParseAppsResponse(std::string_view body) {
  MLPIPE_ASSIGN_OR_RETURN(json doc, ParseObject(body));
  if (!Member(doc, "apps")) return Status::DataError("no \"apps\" member");
  const json* apps = Member(doc, "apps");
  std::vector<YarnApp> out;
  for (const auto& a : AsList(apps->is_object() ? Member(*apps, "app") : nullptr))
    out.push_back(AppFromJson(a));
  return out;
}

Result<YarnApp> ParseAppResponse(std::string_view body) {
  MLPIPE_ASSIGN_OR_RETURN(json doc, ParseObject(body));
  const json* app = Member(doc, "app");
  if (!app || !app->is_object()) return Status::DataError("no \"app\" object");
  return AppFromJson(*app);
}

Result<std::vector<std::string>> ParseNodeHttpAddresses(std::string_view body) {
  MLPIPE_ASSIGN_OR_RETURN(json doc, ParseObject(body));
  const json* nodes = Member(doc, "nodes");
  if (!nodes) return Status::DataError("no \"nodes\" member");
  std::vector<std::string> out;
  for (const auto& node : AsList(Member(*nodes, "node"))) {
    if (std::string addr = Str(node, "nodeHTTPAddress"); !addr.empty())
      out.push_back(std::move(addr));
  }
  return out;
}

Result<std::vector<std::string>> ParseNodeAppContainerIds(std::string_view body) {
  MLPIPE_ASSIGN_OR_RETURN(json doc, ParseObject(body));
  const json* app = Member(doc, "app");
  if (!app) return Status::DataError("no \"app\" member");
  std::vector<std::string> out;
  for (const auto& id : AsList(Member(*app, "containerids"))) {
    if (id.is_string()) out.push_back(id.get<std::string>());
  }
  return out;
}

Result<std::vector<AmContainer>> ParseAppAttempts(std::string_view body) {
  MLPIPE_ASSIGN_OR_RETURN(json doc, ParseObject(body));
  const json* attempts = Member(doc, "appAttempts");
  if (!attempts) return Status::DataError("no \"appAttempts\" member");
  std::vector<AmContainer> out;
  for (const auto& attempt : AsList(Member(*attempts, "appAttempt"))) {
    AmContainer am{Str(attempt, "containerId"), Str(attempt, "nodeHttpAddress")};
    if (!am.container_id.empty() && !am.node_http_address.empty()) out.push_back(std::move(am));
  }
  return out;
}

Result<std::vector<std::string>> ParseContainerLogFiles(std::string_view body) {
  MLPIPE_ASSIGN_OR_RETURN(json doc, ParseObject(body));
  // The entries: {"containerLogsInfo": object | [objects]}, a bare [objects], or one bare object.
  std::vector<json> entries;
  if (doc.is_array()) {
    entries = doc.get<std::vector<json>>();
  } else if (const json* info = Member(doc, "containerLogsInfo")) {
    entries = AsList(info);
  } else if (Member(doc, "containerLogInfo")) {
    entries = {doc};
  } else {
    return Status::DataError("no \"containerLogsInfo\" member");
  }
  std::stable_partition(entries.begin(), entries.end(),
                        [](const json& e) { return Str(e, "logAggregationType") != "AGGREGATED"; });
  std::vector<std::string> files;
  for (const auto& entry : entries) {
    for (const auto& file : AsList(Member(entry, "containerLogInfo"))) {
      std::string name = Str(file, "fileName");
      if (!name.empty() && std::find(files.begin(), files.end(), name) == files.end()) {
        files.push_back(std::move(name));
      }
    }
  }
  return files;
}

}  // namespace mlpipe::cluster
