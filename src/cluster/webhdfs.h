// WebHdfsClient: HDFS over the WebHDFS REST API (no libhdfs, no JVM). Handles CREATE/OPEN's
// two-step DataNode redirect, turns RemoteException bodies into clear Status errors
// (FileNotFoundException -> NotFound, AccessControlException -> IOError "permission denied ..."),
// and on a StandbyException (or a refused connection) tries the next NameNode of an HA pair.
// Paths are absolute HDFS paths ("/ml-pipeline/models"); "hdfs://host:port/x" is accepted too.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "util/http.h"
#include "util/result.h"

namespace mlpipe::cluster {

struct HdfsFileStatus {
  std::string name;          // pathSuffix (empty for GETFILESTATUS)
  bool is_dir = false;
  int64_t length = 0;
  std::string owner, group;
  std::string permission;    // octal, e.g. "755"
  int64_t modification_ms = 0;
  int replication = 0;
};

class WebHdfsClient {
 public:
  WebHdfsClient(util::HttpClient& http, std::vector<std::string> namenode_http_urls, std::string user,
                bool kerberos = false);

  Result<HdfsFileStatus> Stat(const std::string& path);
  Result<bool> Exists(const std::string& path);
  Result<std::vector<HdfsFileStatus>> List(const std::string& path);
  Status Mkdirs(const std::string& path, const std::string& permission = "");
  // Uploads a local file; refuses to replace an existing file unless `overwrite`.
  Status PutFile(const std::string& local_path, const std::string& hdfs_path, bool overwrite);
  // Uploads a local directory tree (files and sub-directories).
  Status PutDirectory(const std::string& local_dir, const std::string& hdfs_dir, bool overwrite);
  Status WriteString(const std::string& hdfs_path, const std::string& data, bool overwrite);
  Status GetFile(const std::string& hdfs_path, const std::string& local_path);
  Status GetDirectory(const std::string& hdfs_dir, const std::string& local_dir);
  Result<std::string> ReadString(const std::string& hdfs_path);
  Status Delete(const std::string& path, bool recursive);
  Status Rename(const std::string& from, const std::string& to);
  Status SetPermission(const std::string& path, const std::string& octal);
  Status SetOwner(const std::string& path, const std::string& owner, const std::string& group);

 private:
  util::HttpClient& http_;
  std::vector<std::string> nn_urls_;
  std::string user_;
  bool kerberos_;
  size_t active_ = 0;
};

}  // namespace mlpipe::cluster
