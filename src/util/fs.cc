#include "util/fs.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <fstream>
#include <random>
#include <sstream>

namespace mlpipe {

namespace {
std::string Quote(const fs::path& p) { return "'" + p.string() + "'"; }

// Closes the descriptor when it goes out of scope.
struct FdCloser {
  int fd;
  ~FdCloser() { ::close(fd); }
};
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

std::string_view FileTypeName(fs::file_type type) {
  switch (type) {
    case fs::file_type::regular:
      return "a regular file";
    case fs::file_type::directory:
      return "a directory";
    case fs::file_type::fifo:
      return "a FIFO";
    case fs::file_type::character:
      return "a character device";
    case fs::file_type::block:
      return "a block device";
    case fs::file_type::socket:
      return "a socket";
    case fs::file_type::symlink:
      return "a symbolic link";
    case fs::file_type::not_found:
      return "missing";
    default:
      return "of an unknown file type";
  }
}

Result<std::string> ReadRegularFile(const fs::path& path, size_t max_bytes) {
  // O_NONBLOCK: opening a FIFO must not wait for a writer; fstat then refuses it.
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return Status::NotFound("file " + Quote(path) + " does not exist");
    return Status::IOErrorFromErrno(errno, "cannot open " + Quote(path));
  }
  const FdCloser closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0) return Status::IOErrorFromErrno(errno, "cannot stat " + Quote(path));
  if (!S_ISREG(st.st_mode)) {
    std::error_code ec;
    return Status::InvalidArgument(Quote(path) + " is " +
                                   std::string(FileTypeName(fs::status(path, ec).type())) +
                                   ", not a regular file");
  }
  if (static_cast<uintmax_t>(st.st_size) > max_bytes) {
    return Status::InvalidArgument(Quote(path) + " is " + std::to_string(st.st_size) +
                                   " bytes; the limit is " + std::to_string(max_bytes));
  }
  std::string out;
  char buffer[16384];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Status::IOErrorFromErrno(errno, "cannot read " + Quote(path));
    if (n == 0) return out;
    out.append(buffer, static_cast<size_t>(n));
    if (out.size() > max_bytes) {  // grew while being read
      return Status::InvalidArgument(Quote(path) + " is over " + std::to_string(max_bytes) +
                                     " bytes, the limit");
    }
  }
}

Status WriteFileAtomic(const fs::path& path, std::string_view data, unsigned mode) {
  if (path.has_parent_path()) MLPIPE_RETURN_NOT_OK(MakeDirs(path.parent_path()));
  const fs::path tmp = StagingPathFor(path);
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, static_cast<mode_t>(mode));
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
  if (!fs::is_directory(path))
    return Status::IOError(Quote(path) + " exists and is not a directory");
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

bool IsDataFileName(std::string_view name) {
  return !name.empty() && name[0] != '_' && name[0] != '.';
}

Result<std::vector<fs::path>> ListDataFiles(const fs::path& dir) {
  std::error_code ec;
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (IsDataFileName(e.path().filename().string()) && e.is_regular_file()) {
      out.push_back(e.path());
    }
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
