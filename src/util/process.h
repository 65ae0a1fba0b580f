// POSIX process helpers for detached workers: spawning a process that outlives its parent, telling
// a live process from a recycled pid (pid + start time), and stopping a whole process group. Linux
// only (reads /proc). SpawnDetached forks: call it before starting threads where possible.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "util/fs.h"
#include "util/result.h"

namespace mlpipe {

// Starts argv[0] (looked up in PATH when it has no '/') as a daemon: double fork, the grandchild
// calls setsid() (so its pid is its session id and process group id), is reparented to init, reads
// stdin from /dev/null, appends stdout and stderr to `log_file` (created with its parent dirs), has
// every other fd closed and `extra_env` added to (overriding) this process's environment. The
// working directory is kept. Returns the grandchild's pid once it has exec'd; an exec failure is an
// error naming the program.
Result<pid_t> SpawnDetached(const std::vector<std::string>& argv, const fs::path& log_file,
                            const std::map<std::string, std::string>& extra_env);

// Runs argv[0] (PATH lookup when it has no '/') in its own session and process group, stdin from
// /dev/null, stdout and stderr appended to `log_file`, `extra_env` added to this environment, and
// waits for it. Returns its wait status (see DescribeWaitStatus). When `timeout` passes first, the
// whole group is terminated and the result is Timeout naming the program and the log file.
Result<int> RunToCompletion(const std::vector<std::string>& argv, const fs::path& log_file,
                            const std::map<std::string, std::string>& extra_env,
                            std::chrono::milliseconds timeout);

// True while `pid` exists and is not a zombie.
bool IsProcessAlive(pid_t pid);
// The process start time in clock ticks after boot (field 22 of /proc/<pid>/stat). NotFound when
// the process does not exist.
Result<int64_t> ProcessStartTime(pid_t pid);
// True when `pid` is alive and is the process that had `start_time` (not a recycled pid).
bool IsSameProcessAlive(pid_t pid, int64_t start_time);
// Live (non-zombie) processes whose process group is `pgid`, ascending.
std::vector<pid_t> ProcessGroupMembers(pid_t pgid);

// killpg(pgid, sig). NotFound when no process is in the group.
Status SignalProcessGroup(pid_t pgid, int sig);
// SIGTERM to the group, wait up to `grace` for every member to exit, then SIGKILL the rest. OK when
// the group is empty afterwards (also when it was already empty). Zombies count as exited.
Status TerminateProcessGroup(pid_t pgid, std::chrono::milliseconds grace);

// "exited with code 3", "killed by signal 9 (SIGKILL)", "killed by signal 11 (SIGSEGV), core
// dumped".
std::string DescribeWaitStatus(int status);
// "SIGKILL" for 9; "signal 99" for an unknown number.
std::string SignalName(int sig);

}  // namespace mlpipe
