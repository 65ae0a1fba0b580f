#include "util/file_store.h"

namespace mlpipe::util {

Result<bool> FileStore::Exists(const std::string& path) {
  auto status = Stat(path);
  if (status.ok()) return true;
  if (status.status().code() == StatusCode::kNotFound) return false;
  return status.status();
}

}  // namespace mlpipe::util
