#include "cluster/uri.h"

#include <charconv>

namespace mlpipe::cluster {

std::string Uri::Origin() const {
  std::string out = scheme.empty() ? host : scheme + "://" + host;
  if (port > 0) out += ":" + std::to_string(port);
  return out;
}

std::optional<Uri> ParseUri(std::string_view text) {
  Uri uri;
  if (const size_t sep = text.find("://"); sep != std::string_view::npos) {
    uri.scheme = std::string(text.substr(0, sep));
    text.remove_prefix(sep + 3);
  }
  const size_t slash = text.find('/');
  std::string_view authority = text.substr(0, slash);
  if (slash != std::string_view::npos) uri.path = std::string(text.substr(slash));
  if (const size_t colon = authority.rfind(':'); colon != std::string_view::npos) {
    const std::string_view port = authority.substr(colon + 1);
    const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), uri.port);
    if (ec != std::errc() || end != port.data() + port.size() || uri.port < 1 || uri.port > 65535) {
      return std::nullopt;
    }
    authority = authority.substr(0, colon);
  }
  if (authority.empty()) return std::nullopt;
  uri.host = std::string(authority);
  return uri;
}

}  // namespace mlpipe::cluster
