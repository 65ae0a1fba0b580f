// Uri: the few URL forms Hadoop configuration and mlpipe's config use ("hdfs://nn:8020/path",
// "http://rm:8088", "rm:8032", "0.0.0.0:9870"), split into parts. No IPv6 literals, no userinfo.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mlpipe::cluster {

struct Uri {
  std::string scheme;  // "" for a bare "host:port"
  std::string host;
  int port = 0;      // 0 when absent
  std::string path;  // "" or starting with '/'

  // "scheme://host:port" without the path (or "host:port" without a scheme).
  std::string Origin() const;
};

// nullopt when `text` has no host or a port that is not a number in 1..65535.
std::optional<Uri> ParseUri(std::string_view text);

}  // namespace mlpipe::cluster
