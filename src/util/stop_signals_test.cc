#include "util/stop_signals.h"

#include <gtest/gtest.h>
#include <signal.h>

namespace mlpipe {
namespace {

void (*HandlerOf(int sig))(int) {
  struct sigaction current {};
  ::sigaction(sig, nullptr, &current);
  return current.sa_handler;
}

TEST(StopSignalScopeTest, RecordsTheSignalAndRestoresTheEarlierHandlers) {
  const auto term_before = HandlerOf(SIGTERM);
  const auto int_before = HandlerOf(SIGINT);
  {
    StopSignalScope scope;
    EXPECT_EQ(StopSignalScope::Received(), 0);
    ASSERT_EQ(::raise(SIGTERM), 0);  // recorded, the test process lives on
    EXPECT_EQ(StopSignalScope::Received(), SIGTERM);
    ASSERT_EQ(::raise(SIGINT), 0);
    EXPECT_EQ(StopSignalScope::Received(), SIGINT);
    EXPECT_NE(HandlerOf(SIGTERM), term_before);
  }
  EXPECT_EQ(HandlerOf(SIGTERM), term_before);
  EXPECT_EQ(HandlerOf(SIGINT), int_before);
}

TEST(StopSignalScopeTest, ANewScopeStartsClearAndRestoreIsIdempotent) {
  {
    StopSignalScope first;
    ASSERT_EQ(::raise(SIGTERM), 0);
  }
  StopSignalScope second;
  EXPECT_EQ(StopSignalScope::Received(), 0);
  const auto before = HandlerOf(SIGINT);
  second.Restore();
  second.Restore();
  EXPECT_NE(HandlerOf(SIGINT), before);  // the scope's handler is gone
}

}  // namespace
}  // namespace mlpipe
