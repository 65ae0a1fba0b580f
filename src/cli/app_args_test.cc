#include "cli/app_args.h"

#include <gtest/gtest.h>

#include "cli/exit_codes.h"

namespace mlpipe::cli {
namespace {

using config::JobType;

TEST(SplitArgsTest, QuotesAndEscapes) {
  auto r = SplitArgs(R"( --input-path "/a b/c" --x 'it''s' plain\ space )");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, (std::vector<std::string>{"--input-path", "/a b/c", "--x", "its", "plain space"}));
  EXPECT_EQ(SplitArgs("\"open").status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(SplitArgs("   ")->empty());
}

TEST(AppArgsTest, PredictionPathsBecomeQuotedOverrides) {
  auto r = AppArgsToOverrides(
      JobType::kPrediction,
      "--input-path /ml-pipeline/data/new.parquet --output-path=/ml-pipeline/out:1");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(*r, (std::vector<std::string>{
                    R"(data_config.prediction_input_path="/ml-pipeline/data/new.parquet")",
                    R"(data_config.predictions_output_path="/ml-pipeline/out:1")"}));
}

TEST(AppArgsTest, DataProcessingOutputSplitsInTwo) {
  auto r = AppArgsToOverrides(JobType::kDataProcessing, "--output-path /x");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, (std::vector<std::string>{R"(data_config.training_data_path="/x/training")",
                                          R"(data_config.validation_data_path="/x/validation")"}));
}

TEST(AppArgsTest, UnknownOrInapplicableArgsNameTheChoices) {
  auto typo = AppArgsToOverrides(JobType::kPrediction, "--inptu-path x");
  ASSERT_FALSE(typo.ok());
  EXPECT_EQ(typo.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(typo.status().message().find("did you mean '--input-path'"), std::string::npos);
  auto wrong_job = AppArgsToOverrides(JobType::kTraining, "--output-path x");
  ASSERT_FALSE(wrong_job.ok());
  EXPECT_NE(wrong_job.status().message().find("not accepted by training jobs"), std::string::npos);
  EXPECT_FALSE(AppArgsToOverrides(JobType::kEvaluation, "--input-path").ok());  // value missing
}

TEST(QuoteYamlTest, EscapesQuotesAndBackslashes) {
  EXPECT_EQ(QuoteYaml(R"(a"b\c)"), R"("a\"b\\c")");
}

TEST(ExitCodesTest, EveryStatusCodeHasItsDocumentedExitCode) {
  EXPECT_EQ(ExitCodeFor(Status::OK()), 0);
  EXPECT_EQ(ExitCodeFor(Status::DataError("x")), 1);
  EXPECT_EQ(ExitCodeFor(Status::Timeout("x")), 1);
  EXPECT_EQ(ExitCodeFor(Status::InvalidArgument("x")), 2);
  EXPECT_EQ(ExitCodeFor(Status::ConfigError("x")), 3);
  EXPECT_EQ(ExitCodeFor(Status::Cancelled("x")), 4);
  EXPECT_EQ(ExitCodeFor(Status::NotFound("x")), 5);
  EXPECT_EQ(ExitCodeFor(Status::Unavailable("x")), 6);
  EXPECT_EQ(ExitCodeFor(Status::IOError("x")), 7);
  EXPECT_EQ(ExitCodeFor(Status::AlreadyExists("x")), 7);
  EXPECT_EQ(ExitCodeFor(Status::Internal("x")), 10);
}

}  // namespace
}  // namespace mlpipe::cli
