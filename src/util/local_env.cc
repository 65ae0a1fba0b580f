#include "util/local_env.h"

#include <thread>

#include "util/process.h"

namespace mlpipe {
namespace {

class SystemLocalEnv final : public LocalEnv {
 public:
  const Clock& wall_clock() const override { return SystemClock::Instance(); }
  SteadyTime SteadyNow() const override { return std::chrono::steady_clock::now(); }
  void SleepFor(std::chrono::milliseconds duration) override {
    std::this_thread::sleep_for(duration);
  }
  Result<pid_t> SpawnDetached(const std::vector<std::string>& argv, const fs::path& log_file,
                              const std::map<std::string, std::string>& extra_env) override {
    return mlpipe::SpawnDetached(argv, log_file, extra_env);
  }
  Status WriteFileAtomic(const fs::path& path, std::string_view data, unsigned mode) override {
    return mlpipe::WriteFileAtomic(path, data, mode);
  }
  Result<std::string> ReadFile(const fs::path& path) override { return mlpipe::ReadFile(path); }
};

}  // namespace

LocalEnv& SystemEnv() {
  static SystemLocalEnv env;
  return env;
}

}  // namespace mlpipe
