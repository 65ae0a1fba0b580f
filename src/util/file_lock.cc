#include "util/file_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <utility>

namespace mlpipe {

Result<FileLock> FileLock::Acquire(const fs::path& path) {
  std::error_code ec;
  const int fd = fs::is_directory(path, ec)
                     ? ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)
                     : ::open(path.c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0644);
  if (fd < 0)
    return Status::IOErrorFromErrno(errno, "cannot open '" + path.string() + "' to lock it");
  if (::flock(fd, LOCK_EX) != 0) {
    const int e = errno;
    ::close(fd);
    return Status::IOErrorFromErrno(e, "cannot lock '" + path.string() + "'");
  }
  return FileLock(fd);
}

FileLock::FileLock(FileLock&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

FileLock::~FileLock() {
  if (fd_ >= 0) ::close(fd_);
}

}  // namespace mlpipe
