// An exclusive flock(2) held for the object's lifetime, across threads and processes: on a lock
// file (created if missing) or on a directory (opened read-only, so it also works where the user
// may only read). Acquire blocks until the lock is free; closing the descriptor releases it.
#pragma once

#include "util/fs.h"
#include "util/result.h"

namespace mlpipe {

class FileLock {
 public:
  static Result<FileLock> Acquire(const fs::path& path);
  FileLock(FileLock&& other) noexcept;
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;
  FileLock& operator=(FileLock&&) = delete;
  ~FileLock();

 private:
  explicit FileLock(int fd) : fd_(fd) {}
  int fd_;
};

}  // namespace mlpipe
