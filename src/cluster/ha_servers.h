// The servers of an HA pair (NameNodes for WebHDFS, ResourceManagers for the REST API) and the one
// failover rule both clients use: send to each server in turn, starting with the one that answered
// last, moving on at a connection error or at an answer the caller recognizes as a standby's; the
// first other answer makes its server the active one and is returned as is.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/http.h"
#include "util/result.h"

namespace mlpipe::cluster {

class HaServers {
 public:
  explicit HaServers(std::vector<std::string> base_urls) : urls_(std::move(base_urls)) {}

  bool empty() const { return urls_.empty(); }
  // The server that answered last (the first one before any answer). REQUIRES: !empty().
  const std::string& active() const { return urls_[active_]; }

  // Why `response` of server `base_url` is a standby's answer, or nullopt when it is not.
  using StandbyCheck = std::function<std::optional<std::string>(const std::string& base_url,
                                                                const util::HttpResponse&)>;

  // Sends `make_request(base_url)` to each server as above. Unavailable "no <what> answered
  // <request>: <each server's failure>; <hint>" when none gives a non-standby answer.
  // REQUIRES: !empty().
  Result<util::HttpResponse> Send(
      util::HttpClient& http,
      const std::function<util::HttpRequest(const std::string&)>& make_request,
      const StandbyCheck& is_standby, std::string_view what, std::string_view request,
      std::string_view hint);

 private:
  std::vector<std::string> urls_;
  size_t active_ = 0;
};

}  // namespace mlpipe::cluster
