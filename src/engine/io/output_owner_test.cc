#include "engine/io/output_owner.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace mlpipe::engine {
namespace {

using ::testing::HasSubstr;
using Kind = ExistingPath::Kind;
using Action = OutputPlan::Action;
using config::WriteMode;

constexpr const char* kRole = "data_config.predictions_output_path";

OutputTarget Target(WriteMode mode = WriteMode::kReplaceOwn, std::string role = kRole) {
  return {"/w/out", std::move(role), mode};
}

ExistingPath OwnOutput(std::string role = kRole) {
  OutputMarker m{
      "application_1_0001", "prediction", std::move(role), "fnv1a64:00", {"part-00000.parquet"}};
  return {Kind::kDirectory,
          {"_SUCCESS", "_mlpipe_output.json", "part-00000.parquet"},
          m.ToJson(),
          std::nullopt};
}

TEST(PlanOutputTest, AbsentPathIsCreatedInEveryMode) {
  for (WriteMode mode : {WriteMode::kReplaceOwn, WriteMode::kError}) {
    auto plan = PlanOutput(Target(mode), {});
    ASSERT_TRUE(plan.ok()) << plan.status().ToString();
    EXPECT_EQ(plan->action, Action::kCreate);
  }
  auto plan = PlanOutput(Target(WriteMode::kNewVersion), {});
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(plan->action, Action::kNewVersion);
  EXPECT_EQ(plan->version, 1);
  EXPECT_TRUE(plan->create_container);
}

TEST(PlanOutputTest, ReplacesItsOwnOutputAndListsWhatGoes) {
  auto plan = PlanOutput(Target(), OwnOutput());
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_EQ(plan->action, Action::kReplace);
  EXPECT_THAT(plan->replaced_entries,
              ::testing::ElementsAre("_SUCCESS", "_mlpipe_output.json", "part-00000.parquet"));
}

TEST(PlanOutputTest, RefusesWhatIsNotProvablyOurs) {
  struct Case {
    const char* name;
    ExistingPath existing;
    WriteMode mode;
    const char* message;
  };
  ExistingPath foreign{
      Kind::kDirectory, {"notes.txt", "part-00000.parquet"}, std::nullopt, std::nullopt};
  ExistingPath modified = OwnOutput();
  modified.entries.push_back("2026-12-01");
  ExistingPath legacy_predictions{
      Kind::kDirectory, {"_SUCCESS", "part-00000.parquet"}, std::nullopt, std::nullopt};
  ExistingPath broken_marker{Kind::kDirectory, {"_mlpipe_output.json"}, "{not json", std::nullopt};
  const std::vector<Case> cases = {
      {"a file",
       {Kind::kFile, {}, std::nullopt, std::nullopt},
       WriteMode::kReplaceOwn,
       "is an existing file"},
      {"a symlink",
       {Kind::kSymlink, {}, std::nullopt, std::nullopt},
       WriteMode::kReplaceOwn,
       "symbolic link"},
      {"a foreign directory", foreign, WriteMode::kReplaceOwn, "is not mlpipe's output"},
      {"foreign, new_version", foreign, WriteMode::kNewVersion, "is not a versioned mlpipe output"},
      {"ours plus a user's entry", modified, WriteMode::kReplaceOwn, "'2026-12-01'"},
      {"ours, another role", OwnOutput("data_config.training_data_path"), WriteMode::kReplaceOwn,
       "holds mlpipe's data_config.training_data_path output"},
      {"ours, mode error", OwnOutput(), WriteMode::kError, "write mode is 'error'"},
      {"an empty directory, mode error",
       {Kind::kDirectory, {}, std::nullopt, std::nullopt},
       WriteMode::kError,
       "write mode is 'error'"},
      {"predictions of an old release", legacy_predictions, WriteMode::kReplaceOwn,
       "is not mlpipe's output"},
      {"a damaged marker", broken_marker, WriteMode::kReplaceOwn, "is not an mlpipe output marker"},
  };
  for (const auto& c : cases) {
    auto plan = PlanOutput(Target(c.mode), c.existing);
    ASSERT_FALSE(plan.ok()) << c.name;
    EXPECT_EQ(plan.status().code(), StatusCode::kConfigError) << c.name;
    EXPECT_THAT(plan.status().message(), HasSubstr(c.message)) << c.name;
  }
}

TEST(PlanOutputTest, ChecksumTwinsOfOwnFilesAreOwnToo) {
  ExistingPath own = OwnOutput();
  own.entries.insert(own.entries.end(),
                     {"._SUCCESS.crc", "._mlpipe_output.json.crc", ".part-00000.parquet.crc"});
  EXPECT_TRUE(PlanOutput(Target(), own).ok());
  own.entries.push_back(".notes.txt.crc");
  EXPECT_THAT(PlanOutput(Target(), own).status().message(), HasSubstr("'.notes.txt.crc'"));
}

TEST(PlanOutputTest, EmptyDirectoryHoldsNothingToLose) {
  auto plan = PlanOutput(Target(), {Kind::kDirectory, {}, std::nullopt, std::nullopt});
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(plan->action, Action::kReplace);
  EXPECT_TRUE(plan->replaced_entries.empty());
}

TEST(PlanOutputTest, DataOutputsOfEarlierReleasesCountAsOurs) {
  const std::string role = "data_config.training_data_path";
  ExistingPath legacy{Kind::kDirectory,
                      {"_SUCCESS", "_mlpipe_pipeline.json", "part-00000.parquet"},
                      std::nullopt,
                      std::nullopt};
  auto plan = PlanOutput(Target(WriteMode::kReplaceOwn, role), legacy);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_EQ(plan->action, Action::kReplace);
  legacy.entries.push_back("mine.csv");
  EXPECT_FALSE(PlanOutput(Target(WriteMode::kReplaceOwn, role), legacy).ok());
}

TEST(PlanOutputTest, NewVersionCountsOnFromTheHighestVersion) {
  ExistingPath container{Kind::kDirectory,
                         {"_mlpipe_versions.json", "latest", "v1", "v3", ".v4.tmp-1-ab"},
                         std::nullopt,
                         VersionsMarkerJson(kRole)};
  auto plan = PlanOutput(Target(WriteMode::kNewVersion), container);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_EQ(plan->version, 4);
  EXPECT_FALSE(plan->create_container);
  container.versions_marker = VersionsMarkerJson("data_config.training_data_path");
  EXPECT_THAT(PlanOutput(Target(WriteMode::kNewVersion), container).status().message(),
              HasSubstr("holds versions of mlpipe's data_config.training_data_path output"));
}

TEST(OutputMarkerTest, RoundTrips) {
  OutputMarker m{"application_1_0002",
                 "data_processing",
                 "data_config.validation_data_path",
                 "fnv1a64:12",
                 {"_mlpipe_pipeline.json", "part-00000.parquet"}};
  auto back = OutputMarker::FromJson(m.ToJson(), "x");
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->app_id, m.app_id);
  EXPECT_EQ(back->role, m.role);
  EXPECT_EQ(back->config_digest, m.config_digest);
  EXPECT_EQ(back->files, m.files);
}

TEST(ConfiguredOutputsTest, NamesEachOutputWithItsKeyAndMode) {
  config::JobConfig c;
  c.job_specific[config::JobType::kPrediction] = {};
  c.data.write_mode.validation_data_path = WriteMode::kNewVersion;
  auto dp = ConfiguredOutputs(config::JobType::kDataProcessing, c);
  ASSERT_EQ(dp.size(), 2u);
  EXPECT_EQ(dp[0].role, "data_config.training_data_path");
  EXPECT_EQ(dp[1].path, c.data.validation_data_path);
  EXPECT_EQ(dp[1].mode, WriteMode::kNewVersion);
  EXPECT_EQ(ConfiguredOutputs(config::JobType::kPrediction, c).size(), 1u);
  EXPECT_TRUE(ConfiguredOutputs(config::JobType::kTraining, c).empty());
}

}  // namespace
}  // namespace mlpipe::engine
