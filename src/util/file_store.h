// FileStore: the file tree `mlpipe fs` works on, behind one small interface: HDFS over WebHDFS
// (cluster/webhdfs.h) on the yarn backend, the local warehouse (store/warehouse_files.h) on the
// local one. Paths are the store's absolute paths ("/ml-pipeline/data/raw/x.csv"); every error
// names the path and the store. Missing paths are Status::NotFound.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.h"

namespace mlpipe::util {

struct FileStatus {
  std::string name;  // the last path component (empty for Stat)
  bool is_dir = false;
  int64_t length = 0;
  std::string owner, group;
  std::string permission;  // octal, e.g. "755"
  int64_t modification_ms = 0;
  int replication = 0;  // HDFS replication; 1 for a local file, 0 for directories
};

// "dir/name" without a doubled '/' ("/" + "x" -> "/x").
std::string ChildPath(const std::string& dir, const std::string& name);
// The directory holding `path`: "/a/b" -> "/a", "/a" -> "/" (trailing '/' ignored).
std::string ParentPath(std::string_view path);
// The last component of `path`: "/a/b" -> "b", "/a/b/" -> "b", "b" -> "b".
std::string BaseName(std::string_view path);

class FileStore {
 public:
  virtual ~FileStore() = default;

  // For messages: "HDFS" or "the local warehouse (/home/u/.mlpipe/warehouse)".
  virtual std::string Name() const = 0;

  virtual Result<FileStatus> Stat(const std::string& path) = 0;
  Result<bool> Exists(const std::string& path);
  virtual Result<std::vector<FileStatus>> List(const std::string& path) = 0;
  virtual Status Mkdirs(const std::string& path, const std::string& permission = "") = 0;
  // Copies a local file in; an existing file needs `overwrite`.
  virtual Status PutFile(const std::string& local_path, const std::string& path,
                         bool overwrite) = 0;
  // Copies a local tree in (Mkdirs and PutFile, in name order); directories are merged.
  Status PutDirectory(const std::string& local_dir, const std::string& path, bool overwrite);
  // Copies a file out, written to a temporary name and renamed into place.
  virtual Status GetFile(const std::string& path, const std::string& local_path) = 0;
  // Copies a tree out (List and GetFile).
  Status GetDirectory(const std::string& path, const std::string& local_dir);
  virtual Result<std::string> ReadString(const std::string& path) = 0;
  // ReadString; nullopt when nothing is at `path`.
  Result<std::optional<std::string>> ReadIfExists(const std::string& path);
  virtual Status Delete(const std::string& path, bool recursive) = 0;
  virtual Status SetPermission(const std::string& path, const std::string& octal) = 0;
  // An empty owner or group leaves it as it is.
  virtual Status SetOwner(const std::string& path, const std::string& owner,
                          const std::string& group) = 0;
};

}  // namespace mlpipe::util
