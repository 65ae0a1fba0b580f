#include "cluster/webhdfs.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "cluster/remote_exception.h"
#include "util/command_names.h"
#include "util/fs.h"
#include "util/strings.h"

namespace mlpipe::cluster {
namespace {

using nlohmann::json;

constexpr char kNameNodeHint[] =
    "is the NameNode running with WebHDFS enabled (dfs.webhdfs.enabled)? check HADOOP_CONF_DIR "
    "(hdfs-site.xml) "
    "or environment_config.webhdfs_url";

// "/a/b" from "/a/b", "hdfs://nn:8020/a/b" or "hdfs:///a/b"; trailing '/' removed ("/" stays).
std::string NormalizePath(std::string path) {
  if (StartsWith(path, "hdfs://")) {
    const size_t slash = path.find('/', 7);
    path = slash == std::string::npos ? "/" : path.substr(slash);
  }
  if (!StartsWith(path, "/")) path = "/" + path;
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  return path;
}

std::string Bool(bool b) { return b ? "true" : "false"; }

std::optional<std::string> StandbyReason(const std::string& namenode, const util::HttpResponse& r) {
  if (r.status != 403) return std::nullopt;
  const auto e = ParseRemoteException(r.body);
  if (!e || e->exception != "StandbyException") return std::nullopt;
  return namenode + " is a standby NameNode";
}

// The Status for a failed WebHDFS answer about `path` (from the NameNode or a DataNode).
Status ErrorFor(const util::HttpResponse& r, const std::string& op, const std::string& path) {
  const auto e = ParseRemoteException(r.body);
  const std::string name = e ? e->exception : "";
  const std::string message = e ? e->message : DescribeHttpError(r);
  if (name == "FileNotFoundException" || (!e && r.status == 404)) {
    return Status::NotFound("file or directory not found on HDFS: " + path);
  }
  if (name == "AccessControlException") {
    return Status::IOError("permission denied on HDFS path " + path + ": " + message +
                           "; check owner and mode with " +
                           commands::Suggest({commands::kFs, commands::kFsLs}) +
                           ", or act as a user allowed to " + op + " there (HADOOP_USER_NAME)");
  }
  if (name == "FileAlreadyExistsException") {
    return Status::AlreadyExists(path + " already exists on HDFS; overwrite it with -f");
  }
  if (name == "PathIsNotEmptyDirectoryException") {
    return Status::IOError(path + " is a non-empty directory on HDFS; delete it recursively (-r)");
  }
  if (name == "SafeModeException") {
    return Status::Unavailable("the NameNode is in safe mode, so " + op + " " + path +
                               " is refused: " + message +
                               "; wait for it to leave safe mode (hdfs dfsadmin -safemode get)");
  }
  if (r.status == 401) {
    return Status::Unavailable("WebHDFS refused " + op + " " + path + " without authentication (" +
                               DescribeHttpError(r) + "); with Kerberos run kinit first");
  }
  if (name == "IllegalArgumentException" || name == "InvalidPathException") {
    return Status::InvalidArgument("WebHDFS rejected " + op + " " + path + ": " + message);
  }
  return Status::IOError("WebHDFS " + op + " " + path + " failed: " + DescribeHttpError(r));
}

Result<json> ParseJson(const util::HttpResponse& r, const std::string& op,
                       const std::string& path) {
  json doc = json::parse(r.body, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object()) {
    return Status::Unavailable("unexpected WebHDFS answer to " + op + " " + path + ": " +
                               std::string(Trim(r.body).substr(0, 120)));
  }
  return doc;
}

util::FileStatus StatusFromJson(const json& j) {
  util::FileStatus s;
  s.name = j.value("pathSuffix", "");
  s.is_dir = j.value("type", "") == "DIRECTORY";
  s.length = j.value("length", int64_t{0});
  s.owner = j.value("owner", "");
  s.group = j.value("group", "");
  s.permission = j.value("permission", "");
  s.modification_ms = j.value("modificationTime", int64_t{0});
  s.replication = j.value("replication", 0);
  return s;
}

bool BooleanAnswer(const json& doc) { return doc.value("boolean", false); }

}  // namespace

WebHdfsClient::WebHdfsClient(util::HttpClient& http, std::vector<std::string> namenode_http_urls,
                             std::string user, bool kerberos)
    : http_(http),
      namenodes_(std::move(namenode_http_urls)),
      user_(std::move(user)),
      kerberos_(kerberos) {}

Result<util::HttpResponse> WebHdfsClient::Call(const std::string& method, const std::string& path,
                                               const std::string& op, const std::string& params,
                                               const std::string& download_file) {
  if (namenodes_.empty()) {
    return Status::ConfigError(
        "no NameNode HTTP address: set HADOOP_CONF_DIR to the cluster's configuration directory "
        "(core-site.xml, hdfs-site.xml), or environment_config.webhdfs_url (http://namenode:9870) "
        "or namenode_url");
  }
  std::string query = "?op=" + op + params;
  if (!kerberos_) query += "&user.name=" + util::UrlEncode(user_);
  const auto make_request = [&](const std::string& namenode) {
    util::HttpRequest request;
    request.method = method;
    request.url = namenode + "/webhdfs/v1" + util::UrlEncode(path, /*keep_slash=*/true) + query;
    request.negotiate = kerberos_;
    request.download_file = download_file;
    if (method != "GET")
      request.headers.emplace_back("X-XSRF-HEADER", "mlpipe");  // dfs.webhdfs.rest-csrf
    return request;
  };
  return namenodes_.Send(http_, make_request, StandbyReason, "NameNode",
                         "WebHDFS " + op + " " + path, kNameNodeHint);
}

Result<util::HttpResponse> WebHdfsClient::CallOk(const std::string& method, const std::string& path,
                                                 const std::string& op, const std::string& params) {
  MLPIPE_ASSIGN_OR_RETURN(auto response, Call(method, path, op, params, ""));
  if (response.status != 200) return ErrorFor(response, op, path);
  return response;
}

Result<util::HttpResponse> WebHdfsClient::FollowRedirect(const util::HttpResponse& first,
                                                         util::HttpRequest second,
                                                         const std::string& op,
                                                         const std::string& path) {
  const auto location = first.headers.find("location");
  if (location == first.headers.end() || location->second.empty()) {
    return Status::Unavailable("the NameNode answered WebHDFS " + op + " " + path +
                               " with a redirect but no Location header");
  }
  second.url = location->second;
  second.timeout_ms = 0;  // data transfer: limited by the stall detector, not a deadline
  auto response = http_.Send(second);
  if (!response.ok()) {
    return Status::Unavailable(
        response.status().message() + "; the NameNode sent the data transfer for " + path +
        " to that DataNode: check that this machine resolves and reaches it");
  }
  return response;
}

Result<util::FileStatus> WebHdfsClient::Stat(const std::string& path) {
  const std::string p = NormalizePath(path);
  MLPIPE_ASSIGN_OR_RETURN(auto response, CallOk("GET", p, "GETFILESTATUS", ""));
  MLPIPE_ASSIGN_OR_RETURN(auto doc, ParseJson(response, "GETFILESTATUS", p));
  if (!doc.contains("FileStatus"))
    return Status::Unavailable("WebHDFS GETFILESTATUS " + p + ": no FileStatus");
  return StatusFromJson(doc["FileStatus"]);
}

Result<std::vector<util::FileStatus>> WebHdfsClient::List(const std::string& path) {
  const std::string p = NormalizePath(path);
  MLPIPE_ASSIGN_OR_RETURN(auto response, CallOk("GET", p, "LISTSTATUS", ""));
  MLPIPE_ASSIGN_OR_RETURN(auto doc, ParseJson(response, "LISTSTATUS", p));
  std::vector<util::FileStatus> out;
  const json statuses =
      doc.value("FileStatuses", json::object()).value("FileStatus", json::array());
  for (const auto& s : statuses) out.push_back(StatusFromJson(s));
  return out;
}

Status WebHdfsClient::Mkdirs(const std::string& path, const std::string& permission) {
  const std::string p = NormalizePath(path);
  const std::string params = permission.empty() ? "" : "&permission=" + util::UrlEncode(permission);
  MLPIPE_ASSIGN_OR_RETURN(auto response, CallOk("PUT", p, "MKDIRS", params));
  MLPIPE_ASSIGN_OR_RETURN(auto doc, ParseJson(response, "MKDIRS", p));
  if (!BooleanAnswer(doc)) return Status::IOError("HDFS refused to create directory " + p);
  return Status::OK();
}

Status WebHdfsClient::Create(const std::string& hdfs_path, bool overwrite, util::HttpRequest data) {
  const std::string p = NormalizePath(hdfs_path);
  MLPIPE_ASSIGN_OR_RETURN(auto first,
                          Call("PUT", p, "CREATE", "&overwrite=" + Bool(overwrite), ""));
  if (first.status != 307) return ErrorFor(first, "CREATE", p);
  data.method = "PUT";
  data.headers.emplace_back("Content-Type", "application/octet-stream");
  MLPIPE_ASSIGN_OR_RETURN(auto second, FollowRedirect(first, std::move(data), "CREATE", p));
  if (second.status != 201 && second.status != 200) return ErrorFor(second, "CREATE", p);
  return Status::OK();
}

Status WebHdfsClient::PutFile(const std::string& local_path, const std::string& hdfs_path,
                              bool overwrite) {
  std::error_code ec;
  if (!fs::is_regular_file(local_path, ec))
    return Status::NotFound("local file not found: " + local_path);
  util::HttpRequest data;
  data.upload_file = local_path;
  return Create(hdfs_path, overwrite, std::move(data));
}

Status WebHdfsClient::WriteString(const std::string& hdfs_path, const std::string& data,
                                  bool overwrite) {
  util::HttpRequest request;
  request.body = data;
  return Create(hdfs_path, overwrite, std::move(request));
}

Result<util::HttpResponse> WebHdfsClient::Open(const std::string& hdfs_path,
                                               const std::string& download_file,
                                               const std::string& params) {
  const std::string p = NormalizePath(hdfs_path);
  MLPIPE_ASSIGN_OR_RETURN(auto first, Call("GET", p, "OPEN", params, download_file));
  if (first.status == 200) return first;  // served directly (e.g. an HttpFS gateway)
  if (first.status != 307) return ErrorFor(first, "OPEN", p);
  util::HttpRequest data;
  data.download_file = download_file;
  MLPIPE_ASSIGN_OR_RETURN(auto second, FollowRedirect(first, std::move(data), "OPEN", p));
  if (second.status != 200) return ErrorFor(second, "OPEN", p);
  return second;
}

Status WebHdfsClient::GetFile(const std::string& hdfs_path, const std::string& local_path) {
  const fs::path target = fs::absolute(local_path);
  MLPIPE_RETURN_NOT_OK(MakeDirs(target.parent_path()));
  const fs::path staging = StagingPathFor(target);
  auto response = Open(hdfs_path, staging.string());
  if (!response.ok()) {
    std::error_code ec;
    fs::remove(staging, ec);
    return response.status();
  }
  return ::mlpipe::Rename(staging, target);
}

Result<std::string> WebHdfsClient::ReadString(const std::string& hdfs_path) {
  MLPIPE_ASSIGN_OR_RETURN(auto response, Open(hdfs_path, ""));
  return std::move(response.body);
}

Result<std::string> WebHdfsClient::ReadHead(const std::string& hdfs_path, int64_t max_bytes) {
  MLPIPE_ASSIGN_OR_RETURN(auto response,
                          Open(hdfs_path, "", "&length=" + std::to_string(max_bytes)));
  return std::move(response.body);
}

Status WebHdfsClient::Delete(const std::string& path, bool recursive) {
  const std::string p = NormalizePath(path);
  MLPIPE_ASSIGN_OR_RETURN(auto response,
                          CallOk("DELETE", p, "DELETE", "&recursive=" + Bool(recursive)));
  MLPIPE_ASSIGN_OR_RETURN(auto doc, ParseJson(response, "DELETE", p));
  if (!BooleanAnswer(doc)) return Status::NotFound("file or directory not found on HDFS: " + p);
  return Status::OK();
}

Status WebHdfsClient::Rename(const std::string& from, const std::string& to) {
  const std::string src = NormalizePath(from), dst = NormalizePath(to);
  MLPIPE_ASSIGN_OR_RETURN(
      auto response,
      CallOk("PUT", src, "RENAME", "&destination=" + util::UrlEncode(dst, /*keep_slash=*/true)));
  MLPIPE_ASSIGN_OR_RETURN(auto doc, ParseJson(response, "RENAME", src));
  if (!BooleanAnswer(doc)) {
    return Status::IOError(
        "HDFS refused to rename " + src + " to " + dst +
        " (the source is missing, or the destination exists or has no parent directory)");
  }
  return Status::OK();
}

Status WebHdfsClient::SetPermission(const std::string& path, const std::string& octal) {
  return CallOk("PUT", NormalizePath(path), "SETPERMISSION",
                "&permission=" + util::UrlEncode(octal))
      .status();
}

Status WebHdfsClient::SetOwner(const std::string& path, const std::string& owner,
                               const std::string& group) {
  if (owner.empty() && group.empty())
    return Status::InvalidArgument("SetOwner needs an owner or a group");
  std::string params;
  if (!owner.empty()) params += "&owner=" + util::UrlEncode(owner);
  if (!group.empty()) params += "&group=" + util::UrlEncode(group);
  return CallOk("PUT", NormalizePath(path), "SETOWNER", params).status();
}

}  // namespace mlpipe::cluster
