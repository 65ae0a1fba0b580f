#include "cluster/resource_manager.h"

#include <algorithm>

#include "cluster/remote_exception.h"
#include "cluster/yarn_json.h"
#include "util/strings.h"

namespace mlpipe::cluster {
namespace {

constexpr char kAppsPath[] = "/ws/v1/cluster/apps";
constexpr char kRmHint[] =
    "is the ResourceManager running? check HADOOP_CONF_DIR (yarn-site.xml) or "
    "environment_config.resourcemanager_url";

// A standby RM redirects to the active one (3xx) or, with no active known yet, answers 503.
std::optional<std::string> StandbyReason(const std::string& rm, const util::HttpResponse& r) {
  if ((r.status >= 300 && r.status < 400) || r.status == 503) {
    return rm + " is not the active ResourceManager (" + DescribeHttpError(r) + ")";
  }
  return std::nullopt;
}

std::string CommaList(const std::vector<std::string>& values, bool lower) {
  std::vector<std::string> parts;
  for (const auto& v : values) parts.push_back(util::UrlEncode(lower ? ToLower(v) : v));
  return Join(parts, ",");
}

}  // namespace

ResourceManagerClient::ResourceManagerClient(util::HttpClient& http,
                                             std::vector<std::string> rm_web_urls, std::string user,
                                             bool kerberos)
    : http_(http), rms_(std::move(rm_web_urls)), user_(std::move(user)), kerberos_(kerberos) {}

std::string ResourceManagerClient::WithAuth(const std::string& url) const {
  if (kerberos_ || user_.empty()) return url;
  return url + (url.find('?') == std::string::npos ? "?" : "&") +
         "user.name=" + util::UrlEncode(user_);
}

Result<util::HttpResponse> ResourceManagerClient::Get(const std::string& url) {
  util::HttpRequest request;
  request.url = WithAuth(url);
  request.negotiate = kerberos_;
  return http_.Send(request);
}

Result<util::HttpResponse> ResourceManagerClient::Call(const std::string& method,
                                                       const std::string& path,
                                                       const std::string& body) {
  if (rms_.empty()) {
    return Status::ConfigError(
        "no ResourceManager address: set HADOOP_CONF_DIR to the cluster's configuration directory "
        "(yarn-site.xml) or environment_config.resourcemanager_url (http://rm:8088)");
  }
  const auto make_request = [&](const std::string& rm) {
    util::HttpRequest request;
    request.method = method;
    request.url = WithAuth(rm + path);
    request.negotiate = kerberos_;
    if (!body.empty()) {
      request.body = body;
      request.headers.emplace_back("Content-Type", "application/json");
    }
    request.headers.emplace_back("Accept", "application/json");
    return request;
  };
  return rms_.Send(http_, make_request, StandbyReason, "ResourceManager", method + " " + path,
                   kRmHint);
}

Status ResourceManagerClient::Unexpected(const std::string& what, const Status& parse_error) const {
  return Status::Unavailable("unexpected answer from the ResourceManager " + rms_.active() +
                             " to " + what + ": " + parse_error.message());
}

Result<std::vector<YarnApp>> ResourceManagerClient::ListApps(const AppFilter& filter) {
  std::vector<std::string> query = {"deSelects=resourceRequests"};
  if (!filter.states.empty()) query.push_back("states=" + CommaList(filter.states, false));
  if (!filter.queue.empty()) query.push_back("queue=" + util::UrlEncode(filter.queue));
  if (!filter.user.empty()) query.push_back("user=" + util::UrlEncode(filter.user));
  if (!filter.tags.empty()) query.push_back("applicationTags=" + CommaList(filter.tags, true));
  if (filter.limit > 0) query.push_back("limit=" + std::to_string(filter.limit));
  MLPIPE_ASSIGN_OR_RETURN(auto response,
                          Call("GET", std::string(kAppsPath) + "?" + Join(query, "&"), ""));
  if (response.status != 200) {
    return Status::Unavailable("ResourceManager " + rms_.active() +
                               " refused to list applications: " + DescribeHttpError(response));
  }
  auto apps = ParseAppsResponse(response.body);
  if (!apps.ok()) return Unexpected("the application list", apps.status());
  if (!filter.tags
           .empty()) {  // YARN lower-cases tags; do not rely on every version filtering server-side
    std::erase_if(*apps, [&](const YarnApp& app) {
      return std::none_of(filter.tags.begin(), filter.tags.end(), [&](const std::string& tag) {
        return std::find(app.tags.begin(), app.tags.end(), ToLower(tag)) != app.tags.end();
      });
    });
  }
  return apps;
}

Result<YarnApp> ResourceManagerClient::GetApp(const std::string& app_id) {
  MLPIPE_ASSIGN_OR_RETURN(auto response,
                          Call("GET", std::string(kAppsPath) + "/" + util::UrlEncode(app_id), ""));
  if (response.status == 404) {
    return Status::NotFound(
        "application " + app_id + " not found on the ResourceManager " + rms_.active() +
        " (it may be older than the RM keeps: yarn.resourcemanager.max-completed-applications)");
  }
  if (response.status == 400) {
    return Status::InvalidArgument("the ResourceManager rejected application id '" + app_id +
                                   "': " + DescribeHttpError(response));
  }
  if (response.status != 200) {
    return Status::Unavailable("ResourceManager " + rms_.active() + " could not report " + app_id +
                               ": " + DescribeHttpError(response));
  }
  auto app = ParseAppResponse(response.body);
  if (!app.ok()) return Unexpected("application " + app_id, app.status());
  return app;
}

Result<YarnApp> ResourceManagerClient::FindByTag(const std::string& tag) {
  AppFilter filter;
  filter.tags = {tag};
  MLPIPE_ASSIGN_OR_RETURN(auto apps, ListApps(filter));
  if (apps.empty()) {
    return Status::NotFound("no YARN application carries the tag '" + ToLower(tag) +
                            "' on the ResourceManager " + rms_.active());
  }
  return *std::max_element(apps.begin(), apps.end(), [](const YarnApp& a, const YarnApp& b) {
    return a.started_ms < b.started_ms;
  });
}

Status ResourceManagerClient::Kill(const std::string& app_id) {
  MLPIPE_ASSIGN_OR_RETURN(
      auto response, Call("PUT", std::string(kAppsPath) + "/" + util::UrlEncode(app_id) + "/state",
                          R"({"state":"KILLED"})"));
  if (response.status == 200 || response.status == 202) return Status::OK();
  if (response.status == 404) return GetApp(app_id).status();  // NotFound with the usual message
  // Refused: fine when the app has already ended (YARN will not kill a finished app).
  if (auto app = GetApp(app_id); app.ok() && app->Ended()) return Status::OK();
  const std::string what = "the ResourceManager " + rms_.active() + " refused to kill " + app_id +
                           ": " + DescribeHttpError(response);
  if (response.status == 401) {
    return Status::Unavailable(
        what +
        "; the RM web API needs authentication: with Kerberos run kinit first "
        "(security_config.enable_kerberos), with simple auth it must accept ?user.name=");
  }
  if (response.status == 403) {
    return Status::IOError(what + "; user '" + user_ +
                           "' may not kill it (yarn.admin.acl, queue ACLs)");
  }
  return Status::Unavailable(what);
}

}  // namespace mlpipe::cluster
