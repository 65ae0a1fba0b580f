#include "util/local_env.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace mlpipe
