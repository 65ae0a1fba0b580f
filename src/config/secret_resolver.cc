#include "config/secret_resolver.h"

#include <cstdlib>
#include <string>

#include "util/fs.h"
#include "util/strings.h"

namespace mlpipe::config {

Result<Secret> ResolveSecret(std::string_view text, const SourceLocation& where,
                             std::string_view key_path) {
  if (!StartsWith(text, "${")) return Secret(std::string(text), "inline");
  const std::string at = where.ToString() + ": " + std::string(key_path) + ": ";
  if (!EndsWith(text, "}")) {
    return Status::ConfigError(at +
                               "malformed secret reference; write ${env:NAME} or ${file:/path}");
  }
  const std::string_view body = text.substr(2, text.size() - 3);
  const std::string reference(text);
  if (StartsWith(body, "env:") && body.size() > 4) {
    const std::string name(body.substr(4));
    const char* value = std::getenv(name.c_str());
    if (value == nullptr) {
      return Status::ConfigError(at + "environment variable " + name +
                                 " is not set; export it before running mlpipe");
    }
    return Secret(value, reference);
  }
  if (StartsWith(body, "file:") && body.size() > 5) {
    fs::path path(body.substr(5));
    if (path.is_relative() && !where.file.empty()) path = fs::path(where.file).parent_path() / path;
    Result<std::string> content = ReadRegularFile(path, kMaxSecretFileBytes);
    if (content.status().code() == StatusCode::kInvalidArgument) {
      return Status::ConfigError(at + "secret file " + content.status().message() +
                                 "; point it at a regular file of at most 64 KiB");
    }
    if (!content.ok()) {
      return Status::ConfigError(at + "cannot read secret file '" + path.string() +
                                 "'; check that it exists and is readable by this user");
    }
    std::string value = std::move(content).value();
    if (EndsWith(value, "\n")) value.pop_back();
    if (EndsWith(value, "\r")) value.pop_back();
    return Secret(std::move(value), reference);
  }
  return Status::ConfigError(at +
                             "unsupported secret reference; write ${env:NAME} or ${file:/path}");
}

}  // namespace mlpipe::config
