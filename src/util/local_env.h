// LocalEnv: the effects of this machine that the job lifecycle waits on, behind one small
// interface: wall-clock time (stamping records and outputs), a steady clock and sleeping (the
// supervisor's polls and timeout, `--wait`, `logs --follow`). Production code gets SystemEnv();
// unit tests pass a FakeLocalEnv, whose time moves only when the code under test sleeps (or the
// test advances it), so a timeout of an hour is tested in milliseconds and without timing luck.
// Files go through util::FileStore (util/file_store.h); detached processes through util/process.h.
#pragma once

#include <atomic>
#include <chrono>

#include "util/clock.h"

namespace mlpipe {

class LocalEnv {
 public:
  using SteadyTime = std::chrono::steady_clock::time_point;
  virtual ~LocalEnv() = default;
  virtual const Clock& wall_clock() const = 0;
  virtual SteadyTime SteadyNow() const = 0;
  virtual void SleepFor(std::chrono::milliseconds duration) = 0;
};

// The machine itself: SystemClock, std::chrono::steady_clock, std::this_thread::sleep_for.
LocalEnv& SystemEnv();

// Time that passes only in SleepFor and Advance (both clocks move together); nothing sleeps.
// Thread-safe.
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

 private:
  FakeClock wall_;
  std::atomic<int64_t> steady_ms_{0};
};

}  // namespace mlpipe
