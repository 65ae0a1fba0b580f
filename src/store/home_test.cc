#include "store/home.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "mlpipe_testing/temp_dir.h"

namespace mlpipe::store {
namespace {

// Sets an environment variable for one scope, restoring the old value after.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    const char* old = std::getenv(name);
    if (old != nullptr) old_ = old;
    had_ = old != nullptr;
    if (value != nullptr) {
      ::setenv(name, value, 1);
    } else {
      ::unsetenv(name);
    }
  }
  ~ScopedEnv() {
    if (had_) {
      ::setenv(name_, old_.c_str(), 1);
    } else {
      ::unsetenv(name_);
    }
  }

 private:
  const char* name_;
  std::string old_;
  bool had_ = false;
};

TEST(HomeTest, MlpipeHomeComesFromTheEnvironment) {
  {
    ScopedEnv env("MLPIPE_HOME", "/srv/mlpipe");
    EXPECT_EQ(MlpipeHome(), fs::path("/srv/mlpipe"));
  }
  ScopedEnv unset("MLPIPE_HOME", "");
  ScopedEnv home("HOME", "/home/alice");
  EXPECT_EQ(MlpipeHome(), fs::path("/home/alice/.mlpipe"));
  EXPECT_EQ(RegistryPath("/h"), fs::path("/h/registry.db"));
  EXPECT_EQ(DefaultWarehouseRoot("/h"), fs::path("/h/warehouse"));
  EXPECT_EQ(SubmissionLogPath("/h"), fs::path("/h/mlpipe_job_submission.log"));
}

TEST(HomeTest, SubmissionLogAppendsOneLinePerSubmit) {
  const mlpipe::testing::TempDir tmp;
  const fs::path log = SubmissionLogPath(tmp.path() / "home");  // the log's directory is missing
  SubmissionLogEntry e{0,       "application_1_0001", "churn\ttrain", "training", "local",
                       "alice", "SUBMITTED"};
  ASSERT_TRUE(AppendSubmissionLog(log, e).ok());
  e.time_ms = 1500;
  e.app_id = "";
  e.name = "bad";
  e.outcome = "FAILED: config error\nline 2";
  ASSERT_TRUE(AppendSubmissionLog(log, e).ok());
  std::ifstream in(log);
  const std::string text(std::istreambuf_iterator<char>(in), {});
  EXPECT_EQ(text,
            "1970-01-01T00:00:00.000Z\tapplication_1_0001\tchurn train\ttraining\tlocal\talice\t"
            "SUBMITTED\n"
            "1970-01-01T00:00:01.500Z\t-\tbad\ttraining\tlocal\talice\tFAILED: config error "
            "line 2\n");
}

}  // namespace
}  // namespace mlpipe::store
