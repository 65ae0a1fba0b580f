#include "util/process.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>
#include <thread>
#include <utility>

#include "util/strings.h"

extern char** environ;

namespace mlpipe {
namespace {

// Reads exactly `size` bytes unless EOF comes first; returns the count read or -1 on error.
ssize_t ReadFully(int fd, void* buf, size_t size) {
  size_t done = 0;
  while (done < size) {
    ssize_t n = ::read(fd, static_cast<char*>(buf) + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return -1;
    if (n == 0) break;
    done += static_cast<size_t>(n);
  }
  return static_cast<ssize_t>(done);
}

void WriteFully(int fd, const void* buf, size_t size) {
  size_t done = 0;
  while (done < size) {
    ssize_t n = ::write(fd, static_cast<const char*>(buf) + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    done += static_cast<size_t>(n);
  }
}

// An fd that closes itself; `Release` hands ownership back.
class Fd {
 public:
  explicit Fd(int fd = -1) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  Fd& operator=(Fd&& other) noexcept {
    if (this != &other) {
      Reset();
      fd_ = std::exchange(other.fd_, -1);
    }
    return *this;
  }
  ~Fd() { Reset(); }
  int get() const { return fd_; }
  void Reset() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_;
};

// Moves `fd` to a number >= 3 (so dup2 onto 0..2 in the child cannot clobber it), CLOEXEC.
int AboveStdio(int fd) {
  if (fd < 0 || fd > 2) return fd;
  int moved = ::fcntl(fd, F_DUPFD_CLOEXEC, 3);
  ::close(fd);
  return moved;
}

std::vector<std::string> MergedEnvironment(const std::map<std::string, std::string>& extra) {
  std::vector<std::string> env;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    std::string_view entry(*e);
    std::string key(entry.substr(0, entry.find('=')));
    if (extra.count(key) == 0) env.emplace_back(entry);
  }
  for (const auto& [key, value] : extra) env.push_back(key + "=" + value);
  return env;
}

std::vector<char*> CStrings(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (auto& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

// Runs in the grandchild between fork and exec: async-signal-safe calls only.
[[noreturn]] void ExecGrandchild(int null_fd, int log_fd, int err_fd, char* const* argv,
                                 char* const* envp) {
  ::setsid();
  ::dup2(null_fd, STDIN_FILENO);
  ::dup2(log_fd, STDOUT_FILENO);
  ::dup2(log_fd, STDERR_FILENO);
  if (err_fd != 3) {
    ::dup3(err_fd, 3, O_CLOEXEC);
  }
  ::close_range(4, ~0U, 0);
  sigset_t all;
  ::sigemptyset(&all);
  ::sigprocmask(SIG_SETMASK, &all, nullptr);
  for (int sig : {SIGHUP, SIGINT, SIGQUIT, SIGPIPE, SIGTERM, SIGCHLD}) ::signal(sig, SIG_DFL);
  ::execvpe(argv[0], argv, envp);
  int err = errno;
  WriteFully(3, &err, sizeof(err));
  ::_exit(127);
}

// Parses /proc/<pid>/stat into the fields after the command name (field 3 = index 0).
bool ReadStatFields(pid_t pid, std::vector<std::string>* fields) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!in || !std::getline(in, line)) return false;
  const size_t close_paren = line.rfind(')');
  if (close_paren == std::string::npos) return false;
  std::istringstream rest(line.substr(close_paren + 1));
  fields->clear();
  for (std::string f; rest >> f;) fields->push_back(f);
  return fields->size() >= 20;
}

// What a child needs before fork: its stdin (/dev/null), its stdout/stderr (the log file,
// appended), a CLOEXEC pipe on which it reports an exec failure, and argv/envp as C strings.
struct ChildSetup {
  Fd log_fd, null_fd, err_read, err_write;
  std::vector<std::string> args, env;
  std::vector<char*> c_args, c_env;
};

Result<std::unique_ptr<ChildSetup>> PrepareChild(
    const std::vector<std::string>& argv, const fs::path& log_file,
    const std::map<std::string, std::string>& extra_env, mode_t log_mode) {
  if (argv.empty() || argv[0].empty())
    return Status::InvalidArgument("cannot start a process: empty command line");
  const std::string& program = argv[0];
  if (log_file.has_parent_path()) MLPIPE_RETURN_NOT_OK(MakeDirs(log_file.parent_path()));
  auto c = std::make_unique<ChildSetup>();
  c->log_fd =
      Fd(AboveStdio(::open(log_file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, log_mode)));
  if (c->log_fd.get() < 0) {
    return Status::IOErrorFromErrno(
        errno, "cannot open log file '" + log_file.string() + "' for '" + program + "'");
  }
  c->null_fd = Fd(AboveStdio(::open("/dev/null", O_RDONLY | O_CLOEXEC)));
  if (c->null_fd.get() < 0) return Status::IOErrorFromErrno(errno, "cannot open /dev/null");
  int err_pipe[2];
  if (::pipe2(err_pipe, O_CLOEXEC) != 0) return Status::IOErrorFromErrno(errno, "pipe2");
  c->err_read = Fd(AboveStdio(err_pipe[0]));
  c->err_write = Fd(AboveStdio(err_pipe[1]));
  c->args = argv;
  c->env = MergedEnvironment(extra_env);
  c->c_args = CStrings(c->args);
  c->c_env = CStrings(c->env);
  return c;
}

}  // namespace

Result<pid_t> SpawnDetached(const std::vector<std::string>& argv, const fs::path& log_file,
                            const std::map<std::string, std::string>& extra_env) {
  MLPIPE_ASSIGN_OR_RETURN(auto c, PrepareChild(argv, log_file, extra_env, 0644));
  const std::string& program = argv[0];
  int pid_pipe[2];
  if (::pipe2(pid_pipe, O_CLOEXEC) != 0) return Status::IOErrorFromErrno(errno, "pipe2");
  Fd pid_read(AboveStdio(pid_pipe[0])), pid_write(AboveStdio(pid_pipe[1]));
  Fd& err_read = c->err_read;
  Fd& err_write = c->err_write;

  const pid_t child = ::fork();
  if (child < 0) return Status::IOErrorFromErrno(errno, "cannot fork to start '" + program + "'");
  if (child == 0) {
    const pid_t grandchild = ::fork();
    if (grandchild == 0) {
      ExecGrandchild(c->null_fd.get(), c->log_fd.get(), err_write.get(), c->c_args.data(),
                     c->c_env.data());
    }
    const int report[2] = {static_cast<int>(grandchild), grandchild < 0 ? errno : 0};
    WriteFully(pid_write.get(), report, sizeof(report));
    ::_exit(0);
  }
  pid_write.Reset();
  err_write.Reset();
  int wait_status = 0;
  while (::waitpid(child, &wait_status, 0) < 0 && errno == EINTR) {
  }
  int report[2] = {-1, 0};
  if (ReadFully(pid_read.get(), report, sizeof(report)) != sizeof(report)) {
    return Status::Internal("cannot start '" + program + "': the intermediate process " +
                            DescribeWaitStatus(wait_status) + " before reporting a pid");
  }
  if (report[0] < 0) {
    return Status::IOErrorFromErrno(report[1], "cannot fork to start '" + program + "'");
  }
  int exec_errno = 0;
  if (ReadFully(err_read.get(), &exec_errno, sizeof(exec_errno)) == sizeof(exec_errno)) {
    return Status::IOErrorFromErrno(exec_errno, "cannot execute '" + program + "'");
  }
  return static_cast<pid_t>(report[0]);
}

Result<int> RunToCompletion(const std::vector<std::string>& argv, const fs::path& log_file,
                            const std::map<std::string, std::string>& extra_env,
                            std::chrono::milliseconds timeout) {
  MLPIPE_ASSIGN_OR_RETURN(auto c, PrepareChild(argv, log_file, extra_env, 0600));
  const std::string& program = argv[0];
  const pid_t child = ::fork();
  if (child < 0) return Status::IOErrorFromErrno(errno, "cannot fork to start '" + program + "'");
  if (child == 0) {
    ExecGrandchild(c->null_fd.get(), c->log_fd.get(), c->err_write.get(), c->c_args.data(),
                   c->c_env.data());
  }
  c->err_write.Reset();
  Fd& err_read = c->err_read;
  int exec_errno = 0;
  const bool exec_failed =
      ReadFully(err_read.get(), &exec_errno, sizeof(exec_errno)) == sizeof(exec_errno);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  int wait_status = 0;
  while (true) {
    const pid_t done = ::waitpid(child, &wait_status, WNOHANG);
    if (done == child) break;
    if (done < 0 && errno != EINTR)
      return Status::IOErrorFromErrno(errno, "waitpid for '" + program + "'");
    if (std::chrono::steady_clock::now() >= deadline) {
      (void)TerminateProcessGroup(child, std::chrono::seconds(5));
      while (::waitpid(child, &wait_status, 0) < 0 && errno == EINTR) {
      }
      return Status::Timeout("'" + program + "' did not finish within " +
                             std::to_string(timeout.count() / 1000) +
                             " s and was stopped; its output is in " + log_file.string());
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  if (exec_failed) return Status::IOErrorFromErrno(exec_errno, "cannot execute '" + program + "'");
  return wait_status;
}

bool IsProcessAlive(pid_t pid) {
  if (pid <= 0) return false;
  if (::kill(pid, 0) != 0 && errno != EPERM) return false;
  std::vector<std::string> fields;
  if (!ReadStatFields(pid, &fields)) return ::kill(pid, 0) == 0 || errno == EPERM;
  return fields[0] != "Z" && fields[0] != "X";
}

Result<int64_t> ProcessStartTime(pid_t pid) {
  std::vector<std::string> fields;
  if (pid <= 0 || !ReadStatFields(pid, &fields)) {
    return Status::NotFound("no process " + std::to_string(pid) + " (cannot read /proc/" +
                            std::to_string(pid) + "/stat)");
  }
  return std::stoll(fields[22 - 3]);
}

bool IsSameProcessAlive(pid_t pid, int64_t start_time) {
  if (!IsProcessAlive(pid)) return false;
  Result<int64_t> actual = ProcessStartTime(pid);
  return actual.ok() && *actual == start_time;
}

std::vector<pid_t> ProcessGroupMembers(pid_t pgid) {
  std::vector<pid_t> members;
  DIR* dir = ::opendir("/proc");
  if (dir == nullptr) return members;
  std::vector<std::string> fields;
  while (dirent* entry = ::readdir(dir)) {
    char* end = nullptr;
    const long pid = std::strtol(entry->d_name, &end, 10);
    if (pid <= 0 || *end != '\0') continue;
    if (!ReadStatFields(static_cast<pid_t>(pid), &fields)) continue;
    if (fields[0] == "Z" || fields[0] == "X") continue;
    if (std::stol(fields[5 - 3]) == pgid) members.push_back(static_cast<pid_t>(pid));
  }
  ::closedir(dir);
  std::sort(members.begin(), members.end());
  return members;
}

Status SignalProcessGroup(pid_t pgid, int sig) {
  if (pgid <= 1)
    return Status::InvalidArgument("refusing to signal process group " + std::to_string(pgid));
  // Zombies (unreaped members) do not count: signalling them changes nothing.
  const std::string group = "process group " + std::to_string(pgid);
  if (ProcessGroupMembers(pgid).empty()) return Status::NotFound("no live process in " + group);
  if (::killpg(pgid, sig) == 0) return Status::OK();
  if (errno == ESRCH) return Status::NotFound("no live process in " + group);
  return Status::IOErrorFromErrno(errno, "cannot send " + SignalName(sig) + " to " + group);
}

Status TerminateProcessGroup(pid_t pgid, std::chrono::milliseconds grace) {
  using std::chrono::steady_clock;
  auto wait_until_empty = [pgid](steady_clock::time_point deadline) {
    while (!ProcessGroupMembers(pgid).empty()) {
      if (steady_clock::now() >= deadline) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return true;
  };
  for (int sig : {SIGTERM, SIGKILL}) {
    if (ProcessGroupMembers(pgid).empty()) return Status::OK();
    Status st = SignalProcessGroup(pgid, sig);
    if (st.code() == StatusCode::kNotFound) return Status::OK();
    MLPIPE_RETURN_NOT_OK(st);
    const auto wait = sig == SIGTERM ? grace : std::chrono::milliseconds(5000);
    if (wait_until_empty(steady_clock::now() + wait)) return Status::OK();
  }
  std::vector<std::string> left;
  for (pid_t p : ProcessGroupMembers(pgid)) left.push_back(std::to_string(p));
  return Status::Internal("process group " + std::to_string(pgid) +
                          " still has live processes after SIGKILL: " + Join(left, ", "));
}

std::string SignalName(int sig) {
  const char* abbrev = ::sigabbrev_np(sig);
  if (abbrev == nullptr) return "signal " + std::to_string(sig);
  return std::string("SIG") + abbrev;
}

std::string DescribeWaitStatus(int status) {
  if (WIFEXITED(status)) return "exited with code " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) {
    const int sig = WTERMSIG(status);
    std::string text = "killed by signal " + std::to_string(sig) + " (" + SignalName(sig) + ")";
    if (WCOREDUMP(status)) text += ", core dumped";
    return text;
  }
  if (WIFSTOPPED(status)) {
    const int sig = WSTOPSIG(status);
    return "stopped by signal " + std::to_string(sig) + " (" + SignalName(sig) + ")";
  }
  return "ended with wait status " + std::to_string(status);
}

}  // namespace mlpipe
