#include "cli/common.h"

#include <gtest/gtest.h>

#include "cli/exit_codes.h"

namespace mlpipe::cli {
namespace {

// Parses "test run", whose action is `run`; returns the exit code it left.
int ParseAndRun(CommandRun run) {
  CLI::App app{"test"};
  CLI::App* cmd = app.add_subcommand("run");
  int exit_code = -1;
  OnRun(*cmd, &exit_code, std::move(run));
  const char* argv[] = {"test", "run"};
  app.parse(2, const_cast<char**>(argv));
  return exit_code;
}

TEST(OnRunTest, ARunThatDidItsWorkGivesItsOwnExitCode) {
  EXPECT_EQ(ParseAndRun([](std::ostream&) -> CommandResult { return kExitSuccess; }), 0);
  EXPECT_EQ(ParseAndRun([](std::ostream&) -> CommandResult { return kExitJobKilled; }), 4);
}

TEST(OnRunTest, AnErrorIsPrintedOnStderrAndMappedOnce) {
  ::testing::internal::CaptureStderr();
  const int code =
      ParseAndRun([](std::ostream&) -> CommandResult { return Status::NotFound("no job app_1"); });
  const std::string err = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(code, kExitNotFound);
  EXPECT_EQ(err, "mlpipe: error: no job app_1\n");
  EXPECT_EQ(ParseAndRun([](std::ostream&) -> CommandResult { return Status::ConfigError("x"); }),
            ExitCodeFor(Status::ConfigError("x")));
}

TEST(OnRunTest, TheRunWritesToStdout) {
  ::testing::internal::CaptureStdout();
  ParseAndRun([](std::ostream& out) -> CommandResult {
    out << "report\n";
    return kExitSuccess;
  });
  EXPECT_EQ(::testing::internal::GetCapturedStdout(), "report\n");
}

}  // namespace
}  // namespace mlpipe::cli
