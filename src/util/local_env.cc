#include "util/local_env.h"

#include <thread>

namespace mlpipe {
namespace {

class SystemLocalEnv final : public LocalEnv {
 public:
  const Clock& wall_clock() const override { return SystemClock::Instance(); }
  SteadyTime SteadyNow() const override { return std::chrono::steady_clock::now(); }
  void SleepFor(std::chrono::milliseconds duration) override {
    std::this_thread::sleep_for(duration);
  }
};

}  // namespace

LocalEnv& SystemEnv() {
  static SystemLocalEnv env;
  return env;
}

}  // namespace mlpipe
