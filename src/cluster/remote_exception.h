// RemoteException: the JSON error body of Hadoop's REST services (ResourceManager, NodeManager,
// WebHDFS): {"RemoteException":{"exception","message","javaClassName"}}, and a one-line
// description of any failed response for error messages.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "util/http.h"

namespace mlpipe::cluster {

struct RemoteException {
  std::string exception;        // simple class name, e.g. "FileNotFoundException"
  std::string message;          // its first line (DataNodes append the Java stack trace)
  std::string java_class_name;  // e.g. "java.io.FileNotFoundException"
};

// nullopt when `body` is not such a JSON object.
std::optional<RemoteException> ParseRemoteException(std::string_view body);

// "HTTP 404 FileNotFoundException: File does not exist: /x", or "HTTP 502: <first line of body>".
std::string DescribeHttpError(const util::HttpResponse& response);

}  // namespace mlpipe::cluster
