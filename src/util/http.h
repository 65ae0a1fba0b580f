// HttpClient: the one way mlpipe talks HTTP (YARN ResourceManager/NodeManager REST, WebHDFS).
// A small interface so cluster clients are unit-tested with a fake and integration-tested against
// the real services; MakeCurlHttpClient() is the libcurl implementation. Redirects are never
// followed implicitly: callers that expect one (WebHDFS CREATE/OPEN) follow it themselves.
// Transport failures (refused, DNS, timeout) are Status::Unavailable naming the URL; any HTTP
// status, 4xx/5xx included, is a successful Send() with that status in the response.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "util/result.h"

namespace mlpipe::util {

struct HttpRequest {
  std::string method = "GET";  // GET | PUT | POST | DELETE
  std::string url;             // absolute, query string already encoded
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;           // sent when non-empty and upload_file is empty
  std::string upload_file;    // local file streamed as the body (WebHDFS CREATE)
  std::string download_file;  // when set, a 2xx body is written here, not returned
  // Whole-request limit; 0 = none (large uploads/downloads), where a transfer that moves no data
  // for a minute fails instead. Connecting is limited to 10 s either way.
  int timeout_ms = 30000;
  bool negotiate = false;  // SPNEGO (Kerberos) with the caller's ticket cache
};

struct HttpResponse {
  int status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // lower-case names, e.g. "location"
};

class HttpClient {
 public:
  virtual ~HttpClient() = default;
  virtual Result<HttpResponse> Send(const HttpRequest& request) = 0;
};

std::unique_ptr<HttpClient> MakeCurlHttpClient();

// Percent-encodes one query parameter value or path (keeps '/' when `keep_slash`).
std::string UrlEncode(std::string_view text, bool keep_slash = false);

}  // namespace mlpipe::util
