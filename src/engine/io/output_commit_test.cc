#include "engine/io/output_commit.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mlpipe_testing/temp_dir.h"

namespace mlpipe::engine {
namespace {

using config::WriteMode;
using mlpipe::testing::TempDir;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr const char* kRole = "data_config.predictions_output_path";

std::vector<std::string> Entries(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

// Writes one file named `name` holding `text` into the staging directory.
auto WriteOne(std::string name, std::string text) {
  return [name, text](const fs::path& staging) { return WriteFileAtomic(staging / name, text); };
}

OutputWriter Writer(std::string app_id) { return {std::move(app_id), "prediction", "fnv1a64:00"}; }

// Steps 1-7 at once, as a job with one output does them.
Result<fs::path> CommitLocalOutput(const OutputTarget& target, const OutputWriter& writer,
                                   const std::function<Status(const fs::path&)>& write) {
  MLPIPE_ASSIGN_OR_RETURN(StagedOutput staged, StageLocalOutput(target, writer, write));
  return staged.Publish();
}

// A pid that no process has: a child that already exited and was reaped.
long DeadPid() {
  const pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  ::waitpid(child, nullptr, 0);
  return child;
}

TEST(StageLocalOutputTest, NothingIsVisibleUntilPublishedAndAnUnpublishedStagingIsRemoved) {
  TempDir dir;
  const OutputTarget target{(dir.path() / "out").string(), kRole, WriteMode::kReplaceOwn};
  {
    auto staged = StageLocalOutput(target, Writer("app_1"), WriteOne("part-a", "new"));
    ASSERT_TRUE(staged.ok()) << staged.status().ToString();
    EXPECT_FALSE(fs::exists(dir.path() / "out"));
    EXPECT_EQ(Entries(dir.path()).size(), 1u);  // the hidden staging directory only
  }
  EXPECT_TRUE(Entries(dir.path()).empty()) << "an unpublished staging directory was left";
  auto staged = StageLocalOutput(target, Writer("app_1"), WriteOne("part-a", "new"));
  ASSERT_TRUE(staged.ok());
  auto published = staged->Publish();
  ASSERT_TRUE(published.ok()) << published.status().ToString();
  EXPECT_THAT(Entries(*published), ElementsAre("_SUCCESS", "_mlpipe_output.json", "part-a"));
  EXPECT_FALSE(staged->Publish().ok());  // once only
}

TEST(CommitLocalOutputTest, PublishesWithMarkerAndSuccessThenReplacesItsOwnOutput) {
  TempDir dir;
  const OutputTarget target{(dir.path() / "out").string(), kRole, WriteMode::kReplaceOwn};
  ASSERT_TRUE(CommitLocalOutput(target, Writer("app_1"), WriteOne("part-a", "old")).ok());
  EXPECT_THAT(Entries(dir.path() / "out"),
              ElementsAre("_SUCCESS", "_mlpipe_output.json", "part-a"));
  auto marker = OutputMarker::FromJson(*ReadFile(dir.path() / "out" / kOutputMarkerFile), "m");
  ASSERT_TRUE(marker.ok());
  EXPECT_EQ(marker->app_id, "app_1");
  EXPECT_THAT(marker->files, ElementsAre("part-a"));

  auto second = CommitLocalOutput(target, Writer("app_2"), WriteOne("part-b", "new"));
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(*second, dir.path() / "out");
  EXPECT_THAT(Entries(dir.path() / "out"),
              ElementsAre("_SUCCESS", "_mlpipe_output.json", "part-b"));
  EXPECT_THAT(Entries(dir.path()), ElementsAre("out"));  // nothing staged or set aside is left
}

TEST(CommitLocalOutputTest, RefusesAForeignDirectoryBeforeWritingAndChangesNothing) {
  TempDir dir;
  dir.Write("out/2026-12-01/predictions.csv", "a user's data");
  const OutputTarget target{(dir.path() / "out").string(), kRole, WriteMode::kReplaceOwn};
  bool wrote = false;
  auto st = CommitLocalOutput(target, Writer("app_1"), [&](const fs::path&) {
    wrote = true;
    return Status::OK();
  });
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.status().code(), StatusCode::kConfigError);
  EXPECT_THAT(st.status().message(), HasSubstr("is not mlpipe's output"));
  EXPECT_FALSE(wrote);
  EXPECT_EQ(*ReadFile(dir.path() / "out/2026-12-01/predictions.csv"), "a user's data");
  EXPECT_THAT(Entries(dir.path()), ElementsAre("out"));
}

TEST(CommitLocalOutputTest, AFailedWriteKeepsTheOldOutputAndLeavesNoStaging) {
  TempDir dir;
  const OutputTarget target{(dir.path() / "out").string(), kRole, WriteMode::kReplaceOwn};
  ASSERT_TRUE(CommitLocalOutput(target, Writer("app_1"), WriteOne("part-a", "old")).ok());
  auto st = CommitLocalOutput(target, Writer("app_2"), [](const fs::path& staging) {
    (void)WriteFileAtomic(staging / "part-b", "half");
    return Status::DataError("bad row 12");
  });
  ASSERT_FALSE(st.ok());
  EXPECT_THAT(st.status().message(), HasSubstr("bad row 12"));
  EXPECT_EQ(*ReadFile(dir.path() / "out" / "part-a"), "old");
  EXPECT_THAT(Entries(dir.path()), ElementsAre("out"));
}

TEST(CommitLocalOutputTest, ErrorModeRefusesAnExistingOutput) {
  TempDir dir;
  OutputTarget target{(dir.path() / "out").string(), kRole, WriteMode::kReplaceOwn};
  ASSERT_TRUE(CommitLocalOutput(target, Writer("app_1"), WriteOne("part-a", "old")).ok());
  target.mode = WriteMode::kError;
  auto st = CommitLocalOutput(target, Writer("app_2"), WriteOne("part-b", "new"));
  EXPECT_THAT(st.status().message(), HasSubstr("write mode is 'error'"));
  EXPECT_EQ(*ReadFile(dir.path() / "out" / "part-a"), "old");
}

TEST(CommitLocalOutputTest, NewVersionWritesNumberedVersionsAndPointsLatestAtTheNewest) {
  TempDir dir;
  const OutputTarget target{(dir.path() / "out").string(), kRole, WriteMode::kNewVersion};
  auto v1 = CommitLocalOutput(target, Writer("app_1"), WriteOne("part-a", "one"));
  auto v2 = CommitLocalOutput(target, Writer("app_2"), WriteOne("part-a", "two"));
  ASSERT_TRUE(v1.ok() && v2.ok()) << v1.status().ToString() << v2.status().ToString();
  EXPECT_EQ(*v2, dir.path() / "out" / "v2");
  EXPECT_THAT(Entries(dir.path() / "out"),
              ElementsAre("_mlpipe_versions.json", "latest", "v1", "v2"));
  EXPECT_EQ(*ReadFile(dir.path() / "out" / "v1" / "part-a"), "one");
  auto latest = LatestVersionOf(dir.path() / "out");
  ASSERT_TRUE(latest.ok());
  EXPECT_EQ(*latest, dir.path() / "out" / "v2");
  EXPECT_EQ(*LatestVersionOf(dir.path() / "plain"), dir.path() / "plain");
}

TEST(CommitLocalOutputTest, SymlinkedOutputIsRefusedAndItsTargetUntouched) {
  TempDir dir;
  dir.Write("inputs/data.csv", "a,b\n1,2\n");
  fs::create_directory_symlink(dir.path() / "inputs", dir.path() / "out");
  const OutputTarget target{(dir.path() / "out").string(), kRole, WriteMode::kReplaceOwn};
  auto st = CommitLocalOutput(target, Writer("app_1"), WriteOne("part-a", "x"));
  EXPECT_THAT(st.status().message(), HasSubstr("symbolic link"));
  EXPECT_THAT(Entries(dir.path() / "inputs"), ElementsAre("data.csv"));
}

TEST(RemoveStaleStagingTest, RemovesOnlyStagingOfProcessesThatAreGone) {
  TempDir dir;
  const long dead = DeadPid();
  const std::string dead_staging = ".out.tmp-" + std::to_string(dead) + "-ab12";
  const std::string live_staging = ".out.tmp-" + std::to_string(::getppid()) + "-cd34";
  dir.Write(dead_staging + "/part-0", "x");
  dir.Write(live_staging + "/part-0", "x");
  dir.Write(".other.tmp-" + std::to_string(dead) + "-ef56/part-0", "x");
  dir.Write("out.tmp-" + std::to_string(dead) + "-visible", "a user's file");
  RemoveStaleStaging(dir.path() / "out");
  EXPECT_THAT(Entries(dir.path()),
              ElementsAre(".other.tmp-" + std::to_string(dead) + "-ef56", live_staging,
                          "out.tmp-" + std::to_string(dead) + "-visible"));
}

TEST(RemoveStaleStagingTest, PutsBackAnOutputADeadCommitHadSetAside) {
  TempDir dir;
  const std::string aside = ".out.old-" + std::to_string(DeadPid()) + "-ab12";
  dir.Write(aside + "/part-0", "the old output");
  RemoveStaleStaging(dir.path() / "out");
  EXPECT_THAT(Entries(dir.path()), ElementsAre("out"));
  EXPECT_EQ(*ReadFile(dir.path() / "out" / "part-0"), "the old output");
  // Once the output is back in place, a second set-aside copy is a leftover and goes.
  dir.Write(aside + "/part-0", "older");
  RemoveStaleStaging(dir.path() / "out");
  EXPECT_THAT(Entries(dir.path()), ElementsAre("out"));
  EXPECT_EQ(*ReadFile(dir.path() / "out" / "part-0"), "the old output");
}

}  // namespace
}  // namespace mlpipe::engine
