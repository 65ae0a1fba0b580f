#include "util/file_store.h"

#include <algorithm>

#include "util/fs.h"

namespace mlpipe::util {

Result<bool> FileStore::Exists(const std::string& path) {
  auto status = Stat(path);
  if (status.ok()) return true;
  if (status.status().code() == StatusCode::kNotFound) return false;
  return status.status();
}

std::string ChildPath(const std::string& dir, const std::string& name) {
  return !dir.empty() && dir.back() == '/' ? dir + name : dir + "/" + name;
}

namespace {
std::string_view WithoutTrailingSlashes(std::string_view p) {
  while (p.size() > 1 && p.back() == '/') p.remove_suffix(1);
  return p;
}
}  // namespace

std::string ParentPath(std::string_view path) {
  const std::string_view p = WithoutTrailingSlashes(path);
  const size_t slash = p.rfind('/');
  if (slash == std::string_view::npos) return "";
  return std::string(slash == 0 ? p.substr(0, 1) : p.substr(0, slash));
}

std::string BaseName(std::string_view path) {
  const std::string_view p = WithoutTrailingSlashes(path);
  const size_t slash = p.rfind('/');
  return std::string(slash == std::string_view::npos ? p : p.substr(slash + 1));
}

Status FileStore::PutDirectory(const std::string& local_dir, const std::string& path,
                               bool overwrite) {
  std::error_code ec;
  if (!fs::is_directory(local_dir, ec))
    return Status::NotFound("local directory not found: " + local_dir);
  MLPIPE_RETURN_NOT_OK(Mkdirs(path));
  std::vector<fs::directory_entry> entries;
  for (const auto& entry : fs::directory_iterator(local_dir, ec)) entries.push_back(entry);
  if (ec) return Status::IOError("cannot list local directory " + local_dir + ": " + ec.message());
  std::sort(entries.begin(), entries.end());
  for (const auto& entry : entries) {
    const std::string child = ChildPath(path, entry.path().filename().string());
    if (entry.is_directory()) {
      MLPIPE_RETURN_NOT_OK(PutDirectory(entry.path().string(), child, overwrite));
    } else if (entry.is_regular_file()) {
      MLPIPE_RETURN_NOT_OK(PutFile(entry.path().string(), child, overwrite));
    } else {
      return Status::InvalidArgument("cannot copy " + entry.path().string() + " into " + Name() +
                                     ": neither a regular file nor a directory");
    }
  }
  return Status::OK();
}

Status FileStore::GetDirectory(const std::string& path, const std::string& local_dir) {
  MLPIPE_RETURN_NOT_OK(MakeDirs(local_dir));
  MLPIPE_ASSIGN_OR_RETURN(auto entries, List(path));
  for (const auto& entry : entries) {
    const std::string child = ChildPath(path, entry.name);
    const std::string local_child = (fs::path(local_dir) / entry.name).string();
    MLPIPE_RETURN_NOT_OK(entry.is_dir ? GetDirectory(child, local_child)
                                      : GetFile(child, local_child));
  }
  return Status::OK();
}

Result<std::optional<std::string>> FileStore::ReadIfExists(const std::string& path) {
  auto text = ReadString(path);
  if (text.ok()) return std::optional<std::string>(std::move(*text));
  if (text.status().code() == StatusCode::kNotFound) return std::optional<std::string>();
  return text.status();
}

}  // namespace mlpipe::util
