#include "config/algorithms.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

#include "config/names.h"

namespace mlpipe::config {
namespace {

TEST(AlgorithmsTest, EveryRowIsNamedOnceAndTrainsSomething) {
  std::set<std::string> names;
  for (const AlgorithmTraits& a : AllAlgorithms()) {
    EXPECT_TRUE(names.insert(a.name).second) << a.name;
    EXPECT_EQ(&TraitsOf(a.algorithm), &a) << a.name;
    Result<Algorithm> parsed = ParseAlgorithm(a.name);
    ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
    EXPECT_EQ(*parsed, a.algorithm);
    EXPECT_EQ(AlgorithmName(a.algorithm), a.name);
    EXPECT_TRUE(a.classification || a.regression) << a.name;
    EXPECT_FALSE(a.hyperparameters.empty()) << a.name;
    for (const HyperparameterSpec& h : a.hyperparameters) EXPECT_FALSE(h.doc.empty()) << h.name;
  }
  EXPECT_EQ(names.size(), 4u);
}

TEST(AlgorithmsTest, TasksFollowTheRow) {
  const AlgorithmTraits& logistic = TraitsOf(Algorithm::kLogisticRegression);
  EXPECT_TRUE(logistic.linear);
  EXPECT_TRUE(TrainsTask(logistic, Task::kMulticlass));
  EXPECT_FALSE(TrainsTask(logistic, Task::kRegression));
  EXPECT_TRUE(TrainsTask(logistic, Task::kAuto));
  EXPECT_FALSE(TraitsOf(Algorithm::kRandomForest).linear);
}

TEST(AlgorithmsTest, UnknownAlgorithmSuggestsAndListsTheRows) {
  Result<Algorithm> typo = ParseAlgorithm("random_forrest");
  ASSERT_EQ(typo.status().code(), StatusCode::kConfigError);
  EXPECT_THAT(typo.status().message(), ::testing::HasSubstr("did you mean 'random_forest'"));
  EXPECT_THAT(typo.status().message(), ::testing::HasSubstr("linear_regression"));
}

}  // namespace
}  // namespace mlpipe::config
