#include "store/warehouse_files.h"

#include <grp.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "util/command_names.h"

namespace mlpipe::store {
namespace {

std::string OctalOf(mode_t mode) {
  char buf[8];
  std::snprintf(buf, sizeof(buf), "%o", static_cast<unsigned>(mode & 07777));
  return buf;
}

std::string UserName(uid_t uid) {
  const passwd* pw = ::getpwuid(uid);
  return pw ? pw->pw_name : std::to_string(uid);
}

std::string GroupName(gid_t gid) {
  const group* gr = ::getgrgid(gid);
  return gr ? gr->gr_name : std::to_string(gid);
}

// `stat(2)` of a warehouse file as the store's FileStatus; `shown` names it in errors.
Result<util::FileStatus> StatLocal(const fs::path& local, const std::string& shown) {
  struct stat st {};
  if (::stat(local.c_str(), &st) != 0) {
    if (errno == ENOENT || errno == ENOTDIR)
      return Status::NotFound("no such file or directory in the local warehouse: " + shown);
    return Status::IOError("cannot stat " + local.string() + ": " + std::strerror(errno));
  }
  util::FileStatus s;
  s.name = local.filename().string();
  s.is_dir = S_ISDIR(st.st_mode);
  s.length = s.is_dir ? 0 : static_cast<int64_t>(st.st_size);
  s.owner = UserName(st.st_uid);
  s.group = GroupName(st.st_gid);
  s.permission = OctalOf(st.st_mode);
  s.modification_ms = static_cast<int64_t>(st.st_mtim.tv_sec) * 1000 + st.st_mtim.tv_nsec / 1000000;
  s.replication = s.is_dir ? 0 : 1;
  return s;
}

// Copies `from` to a temporary sibling of `to`, then renames it into place.
Status CopyIntoPlace(const fs::path& from, const fs::path& to) {
  MLPIPE_RETURN_NOT_OK(MakeDirs(to.parent_path()));
  const fs::path staging = StagingPathFor(to);
  std::error_code ec;
  fs::copy_file(from, staging, ec);
  if (ec) {
    fs::remove(staging, ec);
    return Status::IOError("cannot copy " + from.string() + " to " + to.string() + ": " +
                           ec.message());
  }
  return Rename(staging, to);
}

Status ErrnoError(const std::string& what, const fs::path& path) {
  if (errno == EPERM || errno == EACCES) {
    return Status::IOError("permission denied: cannot " + what + " " + path.string() + ": " +
                           std::strerror(errno));
  }
  return Status::IOError("cannot " + what + " " + path.string() + ": " + std::strerror(errno));
}

// chmod(2) with an octal mode string ("755").
Status ChmodLocal(const fs::path& local, const std::string& octal) {
  char* end = nullptr;
  const long mode = std::strtol(octal.c_str(), &end, 8);
  if (octal.empty() || *end != '\0' || mode < 0 || mode > 07777)
    return Status::InvalidArgument("not an octal mode: '" + octal + "'");
  if (::chmod(local.c_str(), static_cast<mode_t>(mode)) != 0) return ErrnoError("chmod", local);
  return Status::OK();
}

}  // namespace

WarehouseFiles::WarehouseFiles(Warehouse warehouse, std::string hdfs_base_path)
    : warehouse_(std::move(warehouse)), base_(std::move(hdfs_base_path)) {}

std::string WarehouseFiles::Name() const {
  return "the local warehouse (" + warehouse_.root().string() + ")";
}

Result<fs::path> WarehouseFiles::Local(const std::string& path) const {
  MLPIPE_ASSIGN_OR_RETURN(fs::path local, warehouse_.Resolve(path, base_));
  const auto outside = [&](const fs::path& p, const fs::path& root) {
    const fs::path rel = p.lexically_relative(root);
    return rel.empty() || *rel.begin() == "..";
  };
  if (outside(local, warehouse_.root())) {
    return Status::InvalidArgument("'" + path + "' is outside " + Name() +
                                   ": on the local backend " + commands::Suggest({commands::kFs}) +
                                   " works on the " + "warehouse; give a path under " + base_ +
                                   " or a relative one");
  }
  std::error_code ec;
  const fs::path real = fs::weakly_canonical(local, ec);
  const fs::path real_root = fs::weakly_canonical(warehouse_.root(), ec);
  if (!ec && outside(real, real_root)) {
    return Status::InvalidArgument("'" + path + "' leads through a symbolic link to " +
                                   real.string() + ", outside " + Name() + "; refusing to use it");
  }
  return local;
}

Result<util::FileStatus> WarehouseFiles::Stat(const std::string& path) {
  MLPIPE_ASSIGN_OR_RETURN(auto local, Local(path));
  MLPIPE_ASSIGN_OR_RETURN(auto status, StatLocal(local, path));
  status.name.clear();
  return status;
}

Result<std::vector<util::FileStatus>> WarehouseFiles::List(const std::string& path) {
  MLPIPE_ASSIGN_OR_RETURN(auto local, Local(path));
  MLPIPE_ASSIGN_OR_RETURN(auto top, StatLocal(local, path));
  if (!top.is_dir) return std::vector<util::FileStatus>{top};
  std::error_code ec;
  std::vector<fs::path> children;
  for (const auto& entry : fs::directory_iterator(local, ec)) children.push_back(entry.path());
  if (ec) return Status::IOError("cannot list " + local.string() + ": " + ec.message());
  std::sort(children.begin(), children.end());
  std::vector<util::FileStatus> out;
  for (const auto& child : children) {
    auto status = StatLocal(child, child.string());
    if (status.status().code() == StatusCode::kNotFound) continue;  // gone, or a dangling link
    MLPIPE_RETURN_NOT_OK(status.status());
    out.push_back(std::move(*status));
  }
  return out;
}

Status WarehouseFiles::Mkdirs(const std::string& path, const std::string& permission) {
  MLPIPE_ASSIGN_OR_RETURN(auto local, Local(path));
  std::vector<fs::path> created;
  for (fs::path p = local; !PathExists(p); p = p.parent_path()) created.push_back(p);
  std::error_code ec;
  if (fs::exists(local, ec) && !fs::is_directory(local, ec))
    return Status::IOError(path + " exists in " + Name() + " and is not a directory");
  MLPIPE_RETURN_NOT_OK(MakeDirs(local));
  if (permission.empty()) return Status::OK();
  for (const auto& dir : created) {
    MLPIPE_RETURN_NOT_OK(ChmodLocal(dir, permission));
  }
  return Status::OK();
}

Status WarehouseFiles::PutFile(const std::string& local_path, const std::string& path,
                               bool overwrite) {
  std::error_code ec;
  if (!fs::is_regular_file(local_path, ec))
    return Status::NotFound("local file not found: " + local_path);
  MLPIPE_ASSIGN_OR_RETURN(auto target, Local(path));
  if (fs::is_directory(target, ec))
    return Status::AlreadyExists(path + " is a directory in " + Name());
  if (fs::exists(target, ec) && !overwrite)
    return Status::AlreadyExists(path + " already exists in " + Name() + "; overwrite it with -f");
  return CopyIntoPlace(local_path, target);
}

Status WarehouseFiles::GetFile(const std::string& path, const std::string& local_path) {
  MLPIPE_ASSIGN_OR_RETURN(auto source, Local(path));
  MLPIPE_ASSIGN_OR_RETURN(auto status, StatLocal(source, path));
  if (status.is_dir) return Status::InvalidArgument(path + " is a directory");
  return CopyIntoPlace(source, fs::absolute(local_path));
}

Result<std::string> WarehouseFiles::ReadString(const std::string& path) {
  MLPIPE_ASSIGN_OR_RETURN(auto local, Local(path));
  MLPIPE_ASSIGN_OR_RETURN(auto status, StatLocal(local, path));
  if (status.is_dir) return Status::InvalidArgument(path + " is a directory, not a file");
  return ReadFile(local);
}

Status WarehouseFiles::Delete(const std::string& path, bool recursive) {
  MLPIPE_ASSIGN_OR_RETURN(auto local, Local(path));
  if (local.lexically_relative(warehouse_.root()) == ".") {
    return Status::InvalidArgument("refusing to delete the root of " + Name());
  }
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(local, ec)))
    return Status::NotFound("no such file or directory in the local warehouse: " + path);
  if (!recursive && fs::is_directory(fs::symlink_status(local, ec)) && !fs::is_empty(local, ec))
    return Status::IOError(path + " is a non-empty directory; delete it with -r");
  return RemoveAll(local);
}

Status WarehouseFiles::SetPermission(const std::string& path, const std::string& octal) {
  MLPIPE_ASSIGN_OR_RETURN(auto local, Local(path));
  return ChmodLocal(local, octal);
}

Status WarehouseFiles::SetOwner(const std::string& path, const std::string& owner,
                                const std::string& group) {
  MLPIPE_ASSIGN_OR_RETURN(auto local, Local(path));
  uid_t uid = static_cast<uid_t>(-1);
  gid_t gid = static_cast<gid_t>(-1);
  if (!owner.empty()) {
    const passwd* pw = ::getpwnam(owner.c_str());
    if (!pw) return Status::InvalidArgument("no such user on this machine: '" + owner + "'");
    uid = pw->pw_uid;
  }
  if (!group.empty()) {
    const struct group* gr = ::getgrnam(group.c_str());
    if (!gr) return Status::InvalidArgument("no such group on this machine: '" + group + "'");
    gid = gr->gr_gid;
  }
  if (::chown(local.c_str(), uid, gid) != 0) return ErrnoError("chown", local);
  return Status::OK();
}

}  // namespace mlpipe::store
