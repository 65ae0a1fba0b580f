#include "config/names.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace mlpipe::config {
namespace {

using ::testing::HasSubstr;

TEST(NamesTest, RoundTripsEveryJobType) {
  EXPECT_THAT(AllJobTypeNames(),
              ::testing::ElementsAre("training", "prediction", "data_processing", "evaluation"));
  for (const std::string& name : AllJobTypeNames())
    EXPECT_EQ(JobTypeName(*ParseJobType(name)), name);
  EXPECT_EQ(AlgorithmName(Algorithm::kGradientBoosting), "gradient_boosting");
  EXPECT_EQ(TaskName(Task::kMulticlass), "multiclass");
}

TEST(NamesTest, UnknownJobTypeSuggests) {
  Result<JobType> r = ParseJobType("trainig");
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().message(),
            "unknown job type 'trainig' (did you mean 'training'?); valid: training, prediction, "
            "data_processing, evaluation");
}

TEST(NamesTest, AlgorithmAbbreviationIsSuggestedNotAccepted) {
  Result<Algorithm> r = ParseAlgorithm("logistic");
  EXPECT_EQ(r.status().code(), StatusCode::kConfigError);
  EXPECT_THAT(r.status().message(), HasSubstr("(did you mean 'logistic_regression'?)"));
  EXPECT_THAT(ParseAlgorithm("linear").status().message(), HasSubstr("'linear_regression'"));
  EXPECT_THAT(ParseBackend("yran").status().message(), HasSubstr("did you mean 'yarn'"));
}

}  // namespace
}  // namespace mlpipe::config
