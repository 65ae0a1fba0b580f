// ResourceManagerClient: the YARN ResourceManager and NodeManager REST APIs, everything mlpipe does
// after spark-submit: list/find/get applications, kill, and read container logs. Tries each RM
// of an HA pair in order (a standby answers with a redirect or 503, a stopped one with a connection
// error) and remembers the active one. Simple auth sends ?user.name=; Kerberos uses SPNEGO.
// Not thread-safe (it remembers the active RM).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "cluster/ha_servers.h"
#include "util/http.h"
#include "util/result.h"

namespace mlpipe::cluster {

struct YarnApp {
  std::string id, name, user, queue, application_type;
  std::string
      state;  // NEW | NEW_SAVING | SUBMITTED | ACCEPTED | RUNNING | FINISHED | FAILED | KILLED
  std::string final_status;  // UNDEFINED | SUCCEEDED | FAILED | KILLED
  double progress = 0;       // percent
  std::string tracking_url, diagnostics, am_container_logs, am_host_http_address;
  std::vector<std::string> tags;
  int64_t started_ms = 0, finished_ms = 0, elapsed_ms = 0;
  int64_t allocated_mb = 0, allocated_vcores = 0, running_containers = 0;

  // FINISHED, FAILED or KILLED: the application will not run again.
  bool Ended() const { return state == "FINISHED" || state == "FAILED" || state == "KILLED"; }
};

struct AppFilter {
  std::vector<std::string> states;  // YARN states, upper case; empty = all
  std::string queue, user;
  std::vector<std::string> tags;  // any of
  int limit = 0;                  // 0 = no limit
};

struct ContainerLog {
  std::string container_id, node_http_address, file_name;  // file_name: stdout, stderr, ...
  std::string text;
};

class ResourceManagerClient {
 public:
  ResourceManagerClient(util::HttpClient& http, std::vector<std::string> rm_web_urls,
                        std::string user, bool kerberos = false);

  Result<std::vector<YarnApp>> ListApps(const AppFilter& filter);
  Result<YarnApp> GetApp(const std::string& app_id);  // NotFound names the id and the RM
  Result<YarnApp> FindByTag(const std::string& tag);  // NotFound when no app carries it
  // PUT state=KILLED. OK when the app is (or already was) in a final state.
  Status Kill(const std::string& app_id);
  // Logs of every container of the app, AM first (stdout, stderr, then other files), from the
  // NodeManagers (running and finished apps while the NMs keep them; see container_logs.cc).
  // NotFound with a clear "no longer available" message when no NodeManager has logs for the app
  // any more. `tail_bytes` > 0 keeps each file's end.
  Result<std::vector<ContainerLog>> ContainerLogs(const std::string& app_id, int64_t tail_bytes);

 private:
  // `path` on each RM in turn, from the last active one; moves on at a connection error or a
  // standby answer (3xx redirect, 503).
  Result<util::HttpResponse> Call(const std::string& method, const std::string& path,
                                  const std::string& body);
  Result<util::HttpResponse> Get(const std::string& url);  // one absolute URL (a NodeManager)
  std::string WithAuth(const std::string& url) const;      // + user.name= under simple auth
  Status Unexpected(const std::string& what, const Status& parse_error) const;

  util::HttpClient& http_;
  HaServers rms_;
  std::string user_;
  bool kerberos_;
};

}  // namespace mlpipe::cluster
