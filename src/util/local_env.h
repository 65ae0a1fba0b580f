// LocalEnv: the effects of this machine that the job lifecycle depends on, behind one small
// interface: wall-clock time (stamping records and outputs), a steady clock and sleeping (the
// supervisor's polls and timeout, `--wait`, `logs --follow`, the yarn backend's waits) and starting
// a detached process (a local job's supervisor), and the local files the local backend writes and
// reads itself (a job's config snapshot, its log). Production code gets SystemEnv(); unit tests
// pass a FakeLocalEnv, whose time moves only when the code under test sleeps (or the test advances
// it), so a timeout of an hour is tested in milliseconds and without timing luck, which records the
// processes asked for instead of starting them, and whose files live in memory and can be made to
// fail. The trees `mlpipe fs` and `models` work on go through util::FileStore (util/file_store.h).
#pragma once

#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "util/clock.h"
#include "util/fs.h"
#include "util/result.h"

namespace mlpipe {

class LocalEnv {
 public:
  using SteadyTime = std::chrono::steady_clock::time_point;
  virtual ~LocalEnv() = default;
  virtual const Clock& wall_clock() const = 0;
  virtual SteadyTime SteadyNow() const = 0;
  virtual void SleepFor(std::chrono::milliseconds duration) = 0;
  // SpawnDetached of util/process.h: `argv` in its own session, outliving this process, output to
  // `log_file`; its pid once it has exec'd.
  virtual Result<pid_t> SpawnDetached(const std::vector<std::string>& argv,
                                      const fs::path& log_file,
                                      const std::map<std::string, std::string>& extra_env) = 0;
  // WriteFileAtomic and ReadFile of util/fs.h.
  virtual Status WriteFileAtomic(const fs::path& path, std::string_view data, unsigned mode) = 0;
  virtual Result<std::string> ReadFile(const fs::path& path) = 0;
};

// The machine itself: SystemClock, std::chrono::steady_clock, std::this_thread::sleep_for.
LocalEnv& SystemEnv();

// Time that passes only in SleepFor and Advance (both clocks move together); nothing sleeps.
// SpawnDetached starts nothing: it records the command and returns `spawn_result` (by default an
// error). Files are held in memory; while `write_failure` is an error, WriteFileAtomic returns it
// and writes nothing. Thread-safe.
class FakeLocalEnv final : public LocalEnv {
 public:
  explicit FakeLocalEnv(int64_t wall_ms = 0) : wall_(wall_ms) {}
  const Clock& wall_clock() const override { return wall_; }
  SteadyTime SteadyNow() const override {
    return SteadyTime(std::chrono::milliseconds(steady_ms_));
  }
  void SleepFor(std::chrono::milliseconds duration) override { Advance(duration); }
  void Advance(std::chrono::milliseconds duration) {
    steady_ms_ += duration.count();
    wall_.Advance(duration.count());
  }
  Result<pid_t> SpawnDetached(const std::vector<std::string>& argv, const fs::path&,
                              const std::map<std::string, std::string>&) override {
    std::lock_guard lock(mu_);
    spawned_.push_back(argv);
    return spawn_result;
  }
  std::vector<std::vector<std::string>> spawned() const {
    std::lock_guard lock(mu_);
    return spawned_;
  }
  Status WriteFileAtomic(const fs::path& path, std::string_view data, unsigned) override {
    std::lock_guard lock(mu_);
    if (!write_failure.ok()) return write_failure;
    files_[path] = std::string(data);
    return Status::OK();
  }
  Result<std::string> ReadFile(const fs::path& path) override {
    std::lock_guard lock(mu_);
    const auto file = files_.find(path);
    if (file == files_.end()) return Status::NotFound("cannot open " + path.string());
    return file->second;
  }
  std::map<fs::path, std::string> files() const {
    std::lock_guard lock(mu_);
    return files_;
  }

  Result<pid_t> spawn_result = Status::Unavailable("FakeLocalEnv starts no process");
  Status write_failure;

 private:
  FakeClock wall_;
  std::atomic<int64_t> steady_ms_{0};
  mutable std::mutex mu_;
  std::vector<std::vector<std::string>> spawned_;
  std::map<fs::path, std::string> files_;
};

}  // namespace mlpipe
