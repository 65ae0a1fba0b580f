#include "util/file_store.h"

namespace mlpipe::util {

Result<bool> FileStore::Exists(const std::string& path) {
  auto status = Stat(path);
  if (status.ok()) return true;
  if (status.status().code() == StatusCode::kNotFound) return false;
  return status.status();
}

Result<std::optional<std::string>> FileStore::ReadIfExists(const std::string& path) {
  auto text = ReadString(path);
  if (text.ok()) return std::optional<std::string>(std::move(*text));
  if (text.status().code() == StatusCode::kNotFound) return std::optional<std::string>();
  return text.status();
}

}  // namespace mlpipe::util
