#include "util/local_env.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "mlpipe_testing/temp_dir.h"

namespace mlpipe {
namespace {

TEST(FakeLocalEnvTest, TimeMovesOnlyWhenSleptOrAdvancedAndBothClocksTogether) {
  FakeLocalEnv env(1'000);
  const auto start = env.SteadyNow();
  EXPECT_EQ(env.SteadyNow(), start);
  env.SleepFor(std::chrono::hours(2));
  EXPECT_EQ(env.SteadyNow() - start, std::chrono::hours(2));
  EXPECT_EQ(env.wall_clock().NowMs(), 1'000 + 2 * 3'600'000);
  env.Advance(std::chrono::milliseconds(5));
  EXPECT_EQ(env.wall_clock().NowMs(), 1'000 + 2 * 3'600'000 + 5);
}

TEST(SystemEnvTest, SleepsForReal) {
  LocalEnv& env = SystemEnv();
  const auto start = env.SteadyNow();
  env.SleepFor(std::chrono::milliseconds(20));
  EXPECT_GE(env.SteadyNow() - start, std::chrono::milliseconds(20));
  EXPECT_GT(env.wall_clock().NowMs(), 1'600'000'000'000);  // after 2020
}

TEST(FakeLocalEnvTest, FilesLiveInMemoryAndAWriteFailureWritesNothing) {
  FakeLocalEnv env;
  ASSERT_TRUE(env.WriteFileAtomic("/w/a.yaml", "a: 1\n", 0600).ok());
  EXPECT_EQ(*env.ReadFile("/w/a.yaml"), "a: 1\n");
  EXPECT_EQ(env.ReadFile("/w/missing").status().code(), StatusCode::kNotFound);
  env.write_failure = Status::IOError("disk full");
  EXPECT_EQ(env.WriteFileAtomic("/w/b.yaml", "b", 0600).message(), "disk full");
  EXPECT_EQ(env.files().count("/w/b.yaml"), 0u);
}

TEST(SystemEnvTest, WritesAFileWithItsFinalModeAndReadsItBack) {
  testing::TempDir dir;
  const fs::path file = dir.path() / "secret.yaml";
  ASSERT_TRUE(SystemEnv().WriteFileAtomic(file, "token: x\n", 0600).ok());
  struct stat st {};
  ASSERT_EQ(::stat(file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_EQ(*SystemEnv().ReadFile(file), "token: x\n");
}

}  // namespace
}  // namespace mlpipe
