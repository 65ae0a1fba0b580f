#include "util/fs.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <fstream>
#include <random>
#include <sstream>

namespace mlpipe {

namespace {
std::string Quote(const fs::path& p) { return "'" + p.string() + "'"; }
}  // namespace

Result<std::string> ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (!PathExists(path)) return Status::NotFound("file " + Quote(path) + " does not exist");
    return Status::IOErrorFromErrno(errno, "cannot open " + Quote(path));
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Status WriteFileAtomic(const fs::path& path, std::string_view data) {
  if (path.has_parent_path()) MLPIPE_RETURN_NOT_OK(MakeDirs(path.parent_path()));
  const fs::path tmp = StagingPathFor(path);
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Status::IOErrorFromErrno(errno, "cannot create " + Quote(tmp));
  size_t off = 0;
  while (off < data.size()) {
    ssize_t n = ::write(fd, data.data() + off, data.size() - off);
    if (n < 0) {
      if (errno == EINTR) continue;
      int e = errno;
      ::close(fd);
      ::unlink(tmp.c_str());
      return Status::IOErrorFromErrno(e, "cannot write " + Quote(tmp));
    }
    off += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    int e = errno;
    ::unlink(tmp.c_str());
    return Status::IOErrorFromErrno(e, "cannot flush " + Quote(tmp));
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    int e = errno;
    ::unlink(tmp.c_str());
    return Status::IOErrorFromErrno(e, "cannot rename " + Quote(tmp) + " to " + Quote(path));
  }
  return Status::OK();
}

Status MakeDirs(const fs::path& path) {
  std::error_code ec;
  fs::create_directories(path, ec);
  if (ec) return Status::IOError("cannot create directory " + Quote(path) + ": " + ec.message());
  if (!fs::is_directory(path)) return Status::IOError(Quote(path) + " exists and is not a directory");
  return Status::OK();
}

Status RemoveAll(const fs::path& path) {
  std::error_code ec;
  fs::remove_all(path, ec);
  if (ec) return Status::IOError("cannot remove " + Quote(path) + ": " + ec.message());
  return Status::OK();
}

Status Rename(const fs::path& from, const fs::path& to) {
  if (::rename(from.c_str(), to.c_str()) != 0) {
    return Status::IOErrorFromErrno(errno, "cannot rename " + Quote(from) + " to " + Quote(to));
  }
  return Status::OK();
}

bool PathExists(const fs::path& path) {
  std::error_code ec;
  return fs::exists(path, ec);
}

Result<std::vector<fs::path>> ListDataFiles(const fs::path& dir) {
  std::error_code ec;
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    const std::string name = e.path().filename().string();
    if (name.empty() || name[0] == '_' || name[0] == '.') continue;
    if (e.is_regular_file()) out.push_back(e.path());
  }
  if (ec) return Status::IOError("cannot list directory " + Quote(dir) + ": " + ec.message());
  std::sort(out.begin(), out.end());
  return out;
}

fs::path StagingPathFor(const fs::path& final_path, std::string_view kind) {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  std::ostringstream name;
  name << "." << final_path.filename().string() << "." << kind << "-" << ::getpid() << "-"
       << std::hex << rng();
  return final_path.parent_path() / name.str();
}

bool IsStagingName(std::string_view entry_name) {
  return entry_name.starts_with(".") && (entry_name.find(".tmp-", 1) != std::string_view::npos ||
                                         entry_name.find(".old-", 1) != std::string_view::npos);
}

std::optional<long> StagingOwnerPid(std::string_view entry_name, std::string_view output_name) {
  const std::string prefix = "." + std::string(output_name) + ".";
  if (!entry_name.starts_with(prefix)) return std::nullopt;
  std::string_view rest = entry_name.substr(prefix.size());
  if (!rest.starts_with("tmp-") && !rest.starts_with("old-")) return std::nullopt;
  rest.remove_prefix(4);
  const size_t dash = rest.find('-');
  if (dash == 0 || dash == std::string_view::npos) return std::nullopt;
  long pid = 0;
  for (char c : rest.substr(0, dash)) {
    if (c < '0' || c > '9' || pid > 100000000) return std::nullopt;
    pid = pid * 10 + (c - '0');
  }
  return pid;
}

}  // namespace mlpipe
