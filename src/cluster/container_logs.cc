// ResourceManagerClient::ContainerLogs: finds the app's containers on the NodeManagers and reads
// their log files there. Containers come from three places, because no single one has them all:
// the NMs' live container lists (running apps), the RM's attempts (each attempt's AM container,
// finished apps too), and, since an NM lists no containers of a finished app although it keeps
// their logs until deletion, probing the attempt's container numbers on every NM that knows the
// app.
#include <algorithm>
#include <cstdio>

#include "cluster/remote_exception.h"
#include "cluster/resource_manager.h"
#include "cluster/yarn_json.h"
#include "util/strings.h"

namespace mlpipe::cluster {
namespace {

// Consecutive container numbers without logs on one NM before probing stops; grows with the number
// of NMs, since the numbers of one attempt are spread over all of them.
constexpr size_t kMinProbeMisses = 4;

// container_[e<epoch>_]<cluster ts>_<app>_<attempt>_<number>: the AM is number 1 of an attempt.
bool IsAmContainer(const std::string& id) { return EndsWith(id, "_000001"); }

// "container_…_01_" of "container_…_01_000001".
std::string ContainerPrefix(const std::string& id) { return id.substr(0, id.rfind('_') + 1); }

std::string ContainerId(const std::string& prefix, size_t number) {
  char digits[24];
  std::snprintf(digits, sizeof(digits), "%06zu", number);
  return prefix + digits;
}

// Hadoop 3 NMs wrap a LOCAL log file ("Container: … LogType:stdout … LogContents:\n<text>End of
// LogType:stdout."); the file's own text is what callers want.
std::string StripLogWrapper(std::string body) {
  constexpr std::string_view kStart = "LogContents:\n";
  const size_t start = body.find(kStart);
  if (start == std::string::npos) return body;
  const size_t begin = start + kStart.size();
  size_t end = body.rfind("End of LogType:");
  if (end == std::string::npos || end < begin) end = body.size();
  return body.substr(begin, end - begin);
}

// stdout and stderr first; then what the NM lists (launch_container.sh, directory.info, …).
int FileRank(const std::string& file) { return file == "stdout" ? 0 : file == "stderr" ? 1 : 2; }

struct FoundContainer {
  std::string node, id;
  std::vector<std::string> files;
};

}  // namespace

Result<std::vector<ContainerLog>> ResourceManagerClient::ContainerLogs(const std::string& app_id,
                                                                       int64_t tail_bytes) {
  MLPIPE_ASSIGN_OR_RETURN(auto nodes_response, Call("GET", "/ws/v1/cluster/nodes", ""));
  if (nodes_response.status != 200) {
    return Status::Unavailable(
        "ResourceManager " + rms_.active() +
        " could not list its NodeManagers: " + DescribeHttpError(nodes_response));
  }
  auto nodes = ParseNodeHttpAddresses(nodes_response.body);
  if (!nodes.ok()) return Unexpected("the node list", nodes.status());
  const std::string scheme = StartsWith(rms_.active(), "https://") ? "https://" : "http://";
  auto nm_api = [&](const std::string& node) { return scheme + node + "/ws/v1/node/"; };

  std::vector<FoundContainer> found;
  auto known = [&](const std::string& node, const std::string& id) {
    return std::any_of(found.begin(), found.end(),
                       [&](const auto& c) { return c.node == node && c.id == id; });
  };
  // Records the container when its NM has log files for it.
  auto add = [&](const std::string& node, const std::string& id) {
    auto listing = Get(nm_api(node) + "containers/" + util::UrlEncode(id) + "/logs");
    if (!listing.ok() || listing->status != 200) return false;
    auto files = ParseContainerLogFiles(listing->body);
    if (!files.ok() || files->empty()) return false;
    std::stable_sort(files->begin(), files->end(), [](const std::string& a, const std::string& b) {
      return FileRank(a) < FileRank(b);
    });
    found.push_back({node, id, std::move(*files)});
    return true;
  };

  std::vector<std::string> app_nodes, unreachable;
  for (const auto& node : *nodes) {
    auto response = Get(nm_api(node) + "apps/" + util::UrlEncode(app_id));
    if (!response.ok()) {
      unreachable.push_back(response.status().message());
      continue;
    }
    if (response->status != 200) continue;  // 404: this NM never ran (or has forgotten) the app
    app_nodes.push_back(node);
    for (const auto& id : ParseNodeAppContainerIds(response->body).ValueOr({})) add(node, id);
  }
  std::vector<AmContainer> attempts;
  if (auto response =
          Call("GET", "/ws/v1/cluster/apps/" + util::UrlEncode(app_id) + "/appattempts", "");
      response.ok() && response->status == 200) {
    attempts = ParseAppAttempts(response->body).ValueOr({});
  }
  for (const auto& am : attempts) {
    if (!known(am.node_http_address, am.container_id)) add(am.node_http_address, am.container_id);
  }
  const size_t max_misses = kMinProbeMisses + 2 * app_nodes.size();
  for (const auto& am : attempts) {
    const std::string prefix = ContainerPrefix(am.container_id);
    for (const auto& node : app_nodes) {
      for (size_t number = 1, misses = 0; misses < max_misses; ++number) {
        const std::string id = ContainerId(prefix, number);
        misses = known(node, id) || add(node, id) ? 0 : misses + 1;
      }
    }
  }

  std::sort(found.begin(), found.end(), [](const FoundContainer& a, const FoundContainer& b) {
    return std::make_pair(!IsAmContainer(a.id), a.id) < std::make_pair(!IsAmContainer(b.id), b.id);
  });
  std::vector<ContainerLog> logs;
  for (const auto& c : found) {
    for (const auto& file : c.files) {
      std::string url =
          nm_api(c.node) + "containerlogs/" + util::UrlEncode(c.id) + "/" + util::UrlEncode(file);
      if (tail_bytes > 0) url += "?size=-" + std::to_string(tail_bytes);
      auto text = Get(url);
      if (!text.ok() || text->status != 200) continue;
      std::string body = StripLogWrapper(std::move(text->body));
      if (tail_bytes > 0 && static_cast<int64_t>(body.size()) > tail_bytes)
        body.erase(0, body.size() - tail_bytes);
      logs.push_back({c.id, c.node, file, std::move(body)});
    }
  }
  if (!logs.empty()) return logs;
  if (!unreachable.empty()) {
    return Status::Unavailable(
        "no logs of " + app_id +
        " found, and some NodeManagers could not be reached: " + Join(unreachable, "; "));
  }
  return Status::NotFound(
      "the logs of " + app_id +
      " are no longer available from the NodeManagers (they delete local logs after an app "
      "ends and its logs are aggregated); read the aggregated logs with `yarn logs "
      "-applicationId " +
      app_id + "`");
}

}  // namespace mlpipe::cluster
