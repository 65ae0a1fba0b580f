#include "cluster/remote_exception.h"

#include <nlohmann/json.hpp>

#include "util/strings.h"

namespace mlpipe::cluster {
namespace {

constexpr size_t kMaxBodyExcerpt = 200;

std::string StringField(const nlohmann::json& obj, const char* key) {
  const auto it = obj.find(key);
  return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

std::optional<RemoteException> ParseRemoteException(std::string_view body) {
  const auto json = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object()) return std::nullopt;
  const auto it = json.find("RemoteException");
  if (it == json.end() || !it->is_object()) return std::nullopt;
  RemoteException e{StringField(*it, "exception"), StringField(*it, "message"),
                    StringField(*it, "javaClassName")};
  e.message =
      std::string(Trim(e.message.substr(0, e.message.find('\n'))));  // drop a Java stack trace
  if (e.exception.empty() && !e.java_class_name.empty()) {
    e.exception = e.java_class_name.substr(e.java_class_name.rfind('.') + 1);
  }
  return e;
}

std::string DescribeHttpError(const util::HttpResponse& response) {
  std::string out = "HTTP " + std::to_string(response.status);
  if (const auto e = ParseRemoteException(response.body)) {
    if (!e->exception.empty()) out += " " + e->exception;
    if (!e->message.empty()) out += ": " + e->message;
    return out;
  }
  std::string_view first_line = Trim(response.body);
  first_line = first_line.substr(0, std::min(first_line.find('\n'), kMaxBodyExcerpt));
  if (!first_line.empty()) out += ": " + std::string(first_line);
  return out;
}

}  // namespace mlpipe::cluster
