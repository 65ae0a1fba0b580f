#include "config/hyperparameters.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config/algorithms.h"

namespace mlpipe::config {
namespace {

using ::testing::HasSubstr;

TEST(HyperparametersTest, TablesHoldTheDocumentedNames) {
  std::vector<std::string> names;
  for (const auto& s : TraitsOf(Algorithm::kLinearRegression).hyperparameters)
    names.push_back(s.name);
  EXPECT_THAT(names, ::testing::ElementsAre("alpha", "max_iter", "n_jobs"));
  EXPECT_EQ(TraitsOf(Algorithm::kRandomForest).hyperparameters.size(), 8u);
  EXPECT_EQ(TraitsOf(Algorithm::kGradientBoosting).hyperparameters.size(), 14u);
  EXPECT_EQ(TraitsOf(Algorithm::kLogisticRegression).hyperparameters.size(), 7u);
}

TEST(HyperparametersTest, AcceptsValidValues) {
  EXPECT_TRUE(CheckHyperparameter(Algorithm::kRandomForest, "max_depth", int64_t{6}).ok());
  EXPECT_TRUE(CheckHyperparameter(Algorithm::kRandomForest, "max_depth", std::monostate{}).ok());
  EXPECT_TRUE(
      CheckHyperparameter(Algorithm::kRandomForest, "max_features", std::string("sqrt")).ok());
  EXPECT_TRUE(CheckHyperparameter(Algorithm::kRandomForest, "max_features", 0.5).ok());
  EXPECT_TRUE(CheckHyperparameter(Algorithm::kRandomForest, "max_features", int64_t{1}).ok());
  EXPECT_TRUE(CheckHyperparameter(Algorithm::kGradientBoosting, "learning_rate", 0.1).ok());
  EXPECT_TRUE(
      CheckHyperparameter(Algorithm::kLogisticRegression, "penalty", std::string("l1")).ok());
  EXPECT_TRUE(CheckHyperparameter(Algorithm::kLogisticRegression, "C", int64_t{2}).ok());
}

TEST(HyperparametersTest, RejectsOutOfRangeWithDescription) {
  Status st = CheckHyperparameter(Algorithm::kRandomForest, "max_depth", int64_t{0});
  EXPECT_EQ(st.message(),
            "hyperparameter 'max_depth' of random_forest must be an integer in [1, 2147483647] or "
            "null, got 0");
  st = CheckHyperparameter(Algorithm::kRandomForest, "max_features", 1.5);
  EXPECT_EQ(
      st.message(),
      "hyperparameter 'max_features' of random_forest must be 'sqrt', 'log2', a number in (0, 1] "
      "or null, got 1.5");
  st = CheckHyperparameter(Algorithm::kRandomForest, "n_estimators", 2.5);
  EXPECT_THAT(st.message(), HasSubstr("must be an integer in [1, 2147483647], got 2.5"));
  st = CheckHyperparameter(Algorithm::kRandomForest, "n_estimators", int64_t{99999999999});
  EXPECT_THAT(st.message(), HasSubstr("must be an integer in [1, 2147483647], got 99999999999"));
  st = CheckHyperparameter(Algorithm::kLogisticRegression, "penalty", std::string("l3"));
  EXPECT_THAT(st.message(), HasSubstr("must be 'l2', 'l1' or 'elasticnet', got 'l3'"));
  st = CheckHyperparameter(Algorithm::kGradientBoosting, "learning_rate", 0.0);
  EXPECT_THAT(st.message(), HasSubstr("must be a number > 0, got 0"));
}

TEST(HyperparametersTest, UnknownNameSuggestsAndListsValidNames) {
  Status st = CheckHyperparameter(Algorithm::kRandomForest, "n_estimator", int64_t{10});
  EXPECT_EQ(st.code(), StatusCode::kConfigError);
  EXPECT_THAT(st.message(),
              HasSubstr("unknown hyperparameter 'n_estimator' for random_forest (did you "
                        "mean 'n_estimators'?)"));
  EXPECT_THAT(st.message(), HasSubstr("valid names: n_estimators, max_depth, max_features"));
  st = CheckHyperparameter(Algorithm::kLinearRegression, "learning_rate", 0.1);
  EXPECT_THAT(st.message(), HasSubstr("valid names: alpha, max_iter, n_jobs"));
}

}  // namespace
}  // namespace mlpipe::config
