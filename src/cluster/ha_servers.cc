#include "cluster/ha_servers.h"

#include "util/strings.h"

namespace mlpipe::cluster {

Result<util::HttpResponse> HaServers::Send(
    util::HttpClient& http,
    const std::function<util::HttpRequest(const std::string&)>& make_request,
    const StandbyCheck& is_standby, std::string_view what, std::string_view request,
    std::string_view hint) {
  std::vector<std::string> failures;
  for (size_t i = 0; i < urls_.size(); ++i) {
    const size_t index = (active_ + i) % urls_.size();
    Result<util::HttpResponse> response = http.Send(make_request(urls_[index]));
    if (!response.ok()) {
      failures.push_back(response.status().message());
      continue;
    }
    if (std::optional<std::string> standby = is_standby(urls_[index], *response)) {
      failures.push_back(*standby);
      continue;
    }
    active_ = index;
    return response;
  }
  return Status::Unavailable("no " + std::string(what) + " answered " + std::string(request) +
                             ": " + Join(failures, "; ") + "; " + std::string(hint));
}

}  // namespace mlpipe::cluster
