// WebHdfsClient: HDFS over the WebHDFS REST API (no libhdfs, no JVM). Handles CREATE/OPEN's
// two-step DataNode redirect, turns RemoteException bodies into clear Status errors
// (FileNotFoundException -> NotFound, AccessControlException -> IOError "permission denied ..."),
// and on a StandbyException (or a refused connection) tries the next NameNode of an HA pair.
// Paths are absolute HDFS paths ("/ml-pipeline/models"); "hdfs://host:port/x" is accepted too.
// Not thread-safe (it remembers the active NameNode).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "cluster/ha_servers.h"
#include "util/file_store.h"
#include "util/http.h"
#include "util/result.h"

namespace mlpipe::cluster {

class WebHdfsClient final : public util::FileStore {
 public:
  WebHdfsClient(util::HttpClient& http, std::vector<std::string> namenode_http_urls,
                std::string user, bool kerberos = false);

  std::string Name() const override { return "HDFS"; }
  Result<util::FileStatus> Stat(const std::string& path) override;
  Result<std::vector<util::FileStatus>> List(const std::string& path) override;
  Status Mkdirs(const std::string& path, const std::string& permission = "") override;  // mkdir -p
  // Uploads a local file; refuses to replace an existing file unless `overwrite`.
  Status PutFile(const std::string& local_path, const std::string& hdfs_path,
                 bool overwrite) override;
  Status WriteString(const std::string& hdfs_path, const std::string& data, bool overwrite);
  // Downloads to a staging file next to `local_path`, then renames it into place.
  Status GetFile(const std::string& hdfs_path, const std::string& local_path) override;
  Result<std::string> ReadString(const std::string& hdfs_path) override;
  // The first `max_bytes` bytes of a file (all of it when shorter).
  Result<std::string> ReadHead(const std::string& hdfs_path, int64_t max_bytes);
  Status Delete(const std::string& path,
                bool recursive) override;  // NotFound when nothing was there
  Status Rename(const std::string& from, const std::string& to);
  Status SetPermission(const std::string& path, const std::string& octal) override;
  Status SetOwner(const std::string& path, const std::string& owner,
                  const std::string& group) override;

 private:
  // `op` on `path` at each NameNode in turn, from the last active one; moves on at a connection
  // error or a StandbyException. Any HTTP answer of the NameNode is returned as is.
  Result<util::HttpResponse> Call(const std::string& method, const std::string& path,
                                  const std::string& op, const std::string& params,
                                  const std::string& download_file);
  // Call, with a non-200 answer turned into the matching Status.
  Result<util::HttpResponse> CallOk(const std::string& method, const std::string& path,
                                    const std::string& op, const std::string& params);
  // Sends `second` to the Location of the NameNode's 307 answer `first` (a DataNode).
  Result<util::HttpResponse> FollowRedirect(const util::HttpResponse& first,
                                            util::HttpRequest second, const std::string& op,
                                            const std::string& path);
  Status Create(const std::string& hdfs_path, bool overwrite,
                util::HttpRequest data);  // two-step CREATE
  // Two-step OPEN; the content is in the body, or in `download_file` when that is set.
  // `params` are OPEN's optional ones ("&length=N").
  Result<util::HttpResponse> Open(const std::string& hdfs_path, const std::string& download_file,
                                  const std::string& params = "");

  util::HttpClient& http_;
  HaServers namenodes_;
  std::string user_;
  bool kerberos_;
};

}  // namespace mlpipe::cluster
