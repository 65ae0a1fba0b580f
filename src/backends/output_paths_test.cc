#include "backends/output_paths.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace mlpipe::backends {
namespace {

using config::JobType;
using ::testing::HasSubstr;

std::vector<std::string> Lexical(const std::string& p) { return {NormalizePath(p)}; }

ProtectedPaths Protect() {
  ProtectedPaths p;
  p.never_replaced = {{"the warehouse root", "/w"},
                      {"the model directory", "/w/models/churn"},
                      {"your home directory", "/home/u"}};
  p.never_inside = {{"the warehouse's models area", "/w/models"},
                    {"MLPIPE_HOME", "/home/u/.mlpipe", "/home/u/.mlpipe/warehouse"}};
  return p;
}

config::JobConfig Config() {
  config::JobConfig c;
  auto& d = c.data;
  d.raw_data_path = "/w/data/raw/churn.csv";
  d.training_data_path = "/w/data/training/churn";
  d.validation_data_path = "/w/data/validation/churn";
  d.evaluation_data_path = "/w/data/validation/churn";
  d.prediction_input_path = "/w/data/input/batch";
  d.predictions_output_path = "/w/data/output/day";
  return c;
}

TEST(CheckOutputPathsTest, TheSeedLayoutPasses) {
  for (JobType t :
       {JobType::kPrediction, JobType::kDataProcessing, JobType::kTraining, JobType::kEvaluation}) {
    EXPECT_TRUE(CheckOutputPaths(t, Config(), Protect(), Lexical).ok()) << config::JobTypeName(t);
  }
}

TEST(CheckOutputPathsTest, RefusesEachRuleNamingBothPaths) {
  struct Case {
    JobType type;
    std::string key, value, message;
  };
  const std::vector<Case> cases = {
      {JobType::kPrediction, "predictions_output_path", "/w/data/input/batch",
       "is the same path as data_config.prediction_input_path '/w/data/input/batch'"},
      {JobType::kPrediction, "predictions_output_path", "/w/data/input",
       "contains data_config.prediction_input_path"},
      {JobType::kPrediction, "predictions_output_path", "/w/data/input/batch/x",
       "is inside data_config.prediction_input_path"},
      {JobType::kPrediction, "predictions_output_path", "/w", "is the warehouse root '/w'"},
      {JobType::kPrediction, "predictions_output_path", "/w/data/output/a/../../..",
       "is the warehouse root"},
      {JobType::kPrediction, "predictions_output_path", "/w/data/output/../../",
       "is the warehouse root"},
      {JobType::kPrediction, "predictions_output_path", "/", "contains the warehouse root"},
      {JobType::kPrediction, "predictions_output_path", "/home/u/", "is your home directory"},
      {JobType::kPrediction, "predictions_output_path", "/w/models",
       "contains the model directory"},
      {JobType::kPrediction, "predictions_output_path", "/w/models/other/x",
       "is inside the warehouse's models area"},
      {JobType::kPrediction, "predictions_output_path", "/home/u/.mlpipe/logs",
       "is inside MLPIPE_HOME"},
      {JobType::kPrediction, "predictions_output_path", "/w/data/training/churn",
       "is the same path as data_config.training_data_path"},
      {JobType::kDataProcessing, "training_data_path", "/w/data",
       "contains data_config.raw_data_path"},
      {JobType::kDataProcessing, "training_data_path", "/w/data/raw/churn.csv",
       "is the same path as data_config.raw_data_path"},
      {JobType::kDataProcessing, "validation_data_path", "/w/data/training/churn",
       "(data_config.training_data_path) is the same path as data_config.validation_data_path"},
  };
  for (const auto& c : cases) {
    config::JobConfig cfg = Config();
    auto& d = cfg.data;
    std::string* field = c.key == "predictions_output_path" ? &d.predictions_output_path
                         : c.key == "training_data_path"    ? &d.training_data_path
                                                            : &d.validation_data_path;
    *field = c.value;
    Status st = CheckOutputPaths(c.type, cfg, Protect(), Lexical);
    ASSERT_FALSE(st.ok()) << c.value;
    EXPECT_EQ(st.code(), StatusCode::kConfigError);
    EXPECT_THAT(st.message(), HasSubstr("data_config." + c.key)) << c.value;
    EXPECT_THAT(st.message(), HasSubstr("'" + NormalizePath(c.value) + "'")) << c.value;
    EXPECT_THAT(st.message(), HasSubstr(c.message)) << c.value;
  }
}

TEST(CheckOutputPathsTest, LaterJobsMayReadWhatDataProcessingWrites) {
  config::JobConfig cfg = Config();
  cfg.data.prediction_input_path =
      cfg.data.validation_data_path;  // score the processed hold-out rows
  EXPECT_TRUE(CheckOutputPaths(JobType::kDataProcessing, cfg, Protect(), Lexical).ok());
  cfg.data.raw_data_path = cfg.data.validation_data_path;  // but never its own input
  EXPECT_THAT(CheckOutputPaths(JobType::kDataProcessing, cfg, Protect(), Lexical).message(),
              HasSubstr("is the same path as data_config.raw_data_path"));
}

TEST(CheckOutputPathsTest, OutputsMayLiveInsideTheWarehouseAndMlpipeHomesWarehouse) {
  config::JobConfig cfg = Config();
  cfg.data.predictions_output_path = "/home/u/.mlpipe/warehouse/data/output/day";
  EXPECT_TRUE(CheckOutputPaths(JobType::kPrediction, cfg, Protect(), Lexical).ok());
}

TEST(CheckOutputPathsTest, SymlinkFormsCount) {
  // The output as written is elsewhere, but resolves into the input.
  auto forms = [](const std::string& p) {
    std::vector<std::string> out = {NormalizePath(p)};
    if (p == "/links/today") out.push_back("/w/data/input/batch");
    return out;
  };
  config::JobConfig cfg = Config();
  cfg.data.predictions_output_path = "/links/today";
  EXPECT_THAT(CheckOutputPaths(JobType::kPrediction, cfg, Protect(), forms).message(),
              HasSubstr("is the same path as data_config.prediction_input_path"));
}

TEST(NormalizePathTest, RemovesDotsEmptySegmentsAndTrailingSlashes) {
  EXPECT_EQ(NormalizePath("/a//b/./c/../"), "/a/b");
  EXPECT_EQ(NormalizePath("/.."), "/");
  EXPECT_EQ(NormalizePath("hdfs://nn:8020/ml-pipeline/data/../x/"), "hdfs://nn:8020/ml-pipeline/x");
}

}  // namespace
}  // namespace mlpipe::backends
