#include "store/home.h"

#include <fcntl.h>
#include <pwd.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>

#include "util/log.h"

namespace mlpipe::store {
namespace {

std::string Field(std::string value) {
  if (value.empty()) return "-";
  for (char& c : value) {
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  }
  return value;
}

}  // namespace

fs::path MlpipeHome() {
  const char* env = std::getenv("MLPIPE_HOME");
  if (env != nullptr && *env != '\0') return fs::path(env);
  return UserHome() / ".mlpipe";
}

fs::path UserHome() {
  const char* home = std::getenv("HOME");
  if (home == nullptr || *home == '\0') {
    const passwd* pw = ::getpwuid(::getuid());
    home = pw != nullptr ? pw->pw_dir : "/tmp";
  }
  return fs::path(home);
}

fs::path RegistryPath(const fs::path& home) { return home / "registry.db"; }
fs::path DefaultWarehouseRoot(const fs::path& home) { return home / "warehouse"; }
fs::path SubmissionLogPath(const fs::path& home) { return home / "mlpipe_job_submission.log"; }

Status AppendSubmissionLog(const fs::path& log_path, const SubmissionLogEntry& e) {
  if (log_path.has_parent_path()) MLPIPE_RETURN_NOT_OK(MakeDirs(log_path.parent_path()));
  std::string line = FormatUtcMillis(e.time_ms);
  for (const std::string* f : {&e.app_id, &e.name, &e.job_type, &e.backend, &e.user, &e.outcome}) {
    line += "\t" + Field(*f);
  }
  line += "\n";
  const int fd = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) {
    return Status::IOErrorFromErrno(errno,
                                    "cannot open submission log '" + log_path.string() + "'");
  }
  const ssize_t n = ::write(fd, line.data(), line.size());
  const int write_errno = errno;
  ::close(fd);
  if (n != static_cast<ssize_t>(line.size())) {
    return Status::IOErrorFromErrno(write_errno,
                                    "cannot append to submission log '" + log_path.string() + "'");
  }
  return Status::OK();
}

}  // namespace mlpipe::store
