#include "util/process.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <thread>

#include "mlpipe_testing/temp_dir.h"

namespace mlpipe {
namespace {

class ProcessTest : public ::testing::Test {
 protected:
  void TearDown() override {
    for (pid_t pgid : spawned_) (void)TerminateProcessGroup(pgid, std::chrono::milliseconds(100));
  }
  pid_t Spawn(const std::vector<std::string>& argv,
              const std::map<std::string, std::string>& env = {}) {
    Result<pid_t> pid = SpawnDetached(argv, dir_.path() / "logs" / "out.log", env);
    EXPECT_TRUE(pid.ok()) << pid.status().ToString();
    if (!pid.ok()) return -1;
    spawned_.push_back(*pid);
    return *pid;
  }
  std::string ReadLog() {
    std::ifstream in(dir_.path() / "logs" / "out.log");
    return std::string(std::istreambuf_iterator<char>(in), {});
  }
  // Polls `pred` for up to 5 s.
  template <typename Pred>
  static bool Eventually(Pred pred) {
    for (int i = 0; i < 250; ++i) {
      if (pred()) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return pred();
  }

  mlpipe::testing::TempDir dir_;  // removed after TearDown stopped the spawned processes
  std::vector<pid_t> spawned_;
};

TEST_F(ProcessTest, SpawnDetachedStartsASessionLeaderReparentedAwayFromUs) {
  pid_t pid = Spawn({"sleep", "30"});
  ASSERT_GT(pid, 0);
  EXPECT_TRUE(IsProcessAlive(pid));
  EXPECT_EQ(::getpgid(pid), pid);
  EXPECT_EQ(::getsid(pid), pid);
  EXPECT_NE(::getsid(pid), ::getsid(0));
  // Not our child: waitpid must refuse it.
  EXPECT_EQ(::waitpid(pid, nullptr, WNOHANG), -1);
  EXPECT_EQ(errno, ECHILD);
}

TEST_F(ProcessTest, SpawnDetachedAppendsOutputAndPassesEnvironment) {
  dir_.Write("logs/out.log", "earlier line\n");
  pid_t pid = Spawn({"sh", "-c", "echo out=$MLPIPE_TEST_VAR; echo err >&2; ls /proc/self/fd"},
                    {{"MLPIPE_TEST_VAR", "hello"}});
  ASSERT_GT(pid, 0);
  ASSERT_TRUE(Eventually([&] { return !IsProcessAlive(pid); }));
  // ls lists 0, 1, 2 and its own directory fd (3): nothing else was inherited.
  EXPECT_EQ(ReadLog(), "earlier line\nout=hello\nerr\n0\n1\n2\n3\n");
}

TEST_F(ProcessTest, SpawnDetachedReportsAnExecFailureNamingTheProgram) {
  Result<pid_t> pid = SpawnDetached({"/nonexistent/mlpipe-worker", "x"}, dir_.path() / "w.log", {});
  ASSERT_FALSE(pid.ok());
  EXPECT_EQ(pid.status().code(), StatusCode::kIOError);
  EXPECT_NE(pid.status().message().find("cannot execute '/nonexistent/mlpipe-worker'"),
            std::string::npos)
      << pid.status().message();
  EXPECT_NE(pid.status().message().find("No such file or directory"), std::string::npos);
}

TEST_F(ProcessTest, SpawnDetachedRejectsAnUnwritableLogFile) {
  Result<pid_t> pid = SpawnDetached({"true"}, "/proc/mlpipe-no/log", {});
  ASSERT_FALSE(pid.ok());
  EXPECT_NE(pid.status().message().find("/proc/mlpipe-no"), std::string::npos);
}

TEST_F(ProcessTest, StartTimeIdentifiesTheProcess) {
  pid_t pid = Spawn({"sleep", "30"});
  Result<int64_t> start = ProcessStartTime(pid);
  ASSERT_TRUE(start.ok()) << start.status().ToString();
  EXPECT_GT(*start, 0);
  Result<int64_t> self = ProcessStartTime(::getpid());
  ASSERT_TRUE(self.ok());
  EXPECT_GE(*start, *self);
  EXPECT_TRUE(IsSameProcessAlive(pid, *start));
  EXPECT_FALSE(IsSameProcessAlive(pid, *start + 1));  // a recycled pid has another start time
  EXPECT_EQ(ProcessStartTime(0).status().code(), StatusCode::kNotFound);
}

TEST_F(ProcessTest, TerminateProcessGroupKillsTheLeaderAndItsChildren) {
  pid_t pid = Spawn({"sh", "-c", "sleep 30 & sleep 31 & wait"});
  ASSERT_GT(pid, 0);
  ASSERT_TRUE(Eventually([&] { return ProcessGroupMembers(pid).size() == 3; }));
  std::vector<pid_t> members = ProcessGroupMembers(pid);
  Status st = TerminateProcessGroup(pid, std::chrono::milliseconds(2000));
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_TRUE(ProcessGroupMembers(pid).empty());
  for (pid_t p : members) EXPECT_TRUE(Eventually([&] { return !IsProcessAlive(p); })) << p;
  // Already gone: still OK.
  EXPECT_TRUE(TerminateProcessGroup(pid, std::chrono::milliseconds(10)).ok());
}

TEST_F(ProcessTest, TerminateProcessGroupEscalatesToSigkill) {
  pid_t pid = Spawn({"sh", "-c", "trap '' TERM; while true; do sleep 0.05; done"});
  ASSERT_GT(pid, 0);
  ASSERT_TRUE(Eventually([&] { return ProcessGroupMembers(pid).size() >= 1; }));
  std::this_thread::sleep_for(std::chrono::milliseconds(100));  // let the trap be installed
  const auto start = std::chrono::steady_clock::now();
  ASSERT_TRUE(TerminateProcessGroup(pid, std::chrono::milliseconds(300)).ok());
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(300));
  EXPECT_TRUE(Eventually([&] { return !IsProcessAlive(pid); }));
}

TEST_F(ProcessTest, SignalProcessGroupReportsAMissingGroup) {
  pid_t pid = Spawn({"sleep", "30"});
  ASSERT_TRUE(SignalProcessGroup(pid, SIGKILL).ok());
  ASSERT_TRUE(Eventually([&] { return !IsProcessAlive(pid); }));
  EXPECT_EQ(SignalProcessGroup(pid, SIGTERM).code(), StatusCode::kNotFound);
  EXPECT_EQ(SignalProcessGroup(1, SIGTERM).code(), StatusCode::kInvalidArgument);
}

TEST(ProcessStatusTest, DescribesWaitStatuses) {
  pid_t child = ::fork();
  if (child == 0) ::_exit(3);
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  EXPECT_EQ(DescribeWaitStatus(status), "exited with code 3");

  child = ::fork();
  if (child == 0) {
    ::pause();
    ::_exit(0);
  }
  ::kill(child, SIGKILL);
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  EXPECT_EQ(DescribeWaitStatus(status), "killed by signal 9 (SIGKILL)");
  EXPECT_EQ(SignalName(SIGTERM), "SIGTERM");
  EXPECT_EQ(SignalName(1000), "signal 1000");
}

TEST(ProcessStatusTest, ZombiesAreNotAlive) {
  pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  for (int i = 0; i < 250 && IsProcessAlive(child); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_FALSE(IsProcessAlive(child));  // exited, not yet reaped
  ASSERT_EQ(::waitpid(child, nullptr, 0), child);
  EXPECT_FALSE(IsProcessAlive(child));
}

}  // namespace
}  // namespace mlpipe

namespace mlpipe {
namespace {

class RunToCompletionTest : public ::testing::Test {
 protected:
  std::string ReadLog() {
    std::ifstream in(log_);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }
  mlpipe::testing::TempDir dir_;
  const fs::path log_ = dir_.path() / "run" / "out.log";
};

TEST_F(RunToCompletionTest, ReturnsTheExitStatusAndCapturesOutput) {
  auto st = RunToCompletion({"sh", "-c", "echo out=$MLPIPE_TEST_VAR; echo err >&2; exit 3"}, log_,
                            {{"MLPIPE_TEST_VAR", "v"}}, std::chrono::seconds(10));
  ASSERT_TRUE(st.ok()) << st.status().ToString();
  ASSERT_TRUE(WIFEXITED(*st));
  EXPECT_EQ(WEXITSTATUS(*st), 3);
  EXPECT_EQ(ReadLog(), "out=v\nerr\n");
}

TEST_F(RunToCompletionTest, StopsTheProcessGroupAtTheTimeout) {
  const auto start = std::chrono::steady_clock::now();
  auto st = RunToCompletion({"sh", "-c", "sleep 30 & sleep 30"}, log_, {},
                            std::chrono::milliseconds(300));
  ASSERT_EQ(st.status().code(), StatusCode::kTimeout);
  EXPECT_NE(st.status().message().find(log_.string()), std::string::npos);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
}

TEST_F(RunToCompletionTest, ReportsAnExecFailureNamingTheProgram) {
  auto st = RunToCompletion({"/nonexistent/spark-submit"}, log_, {}, std::chrono::seconds(5));
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.status().message().find("cannot execute '/nonexistent/spark-submit'"),
            std::string::npos);
}

}  // namespace
}  // namespace mlpipe
