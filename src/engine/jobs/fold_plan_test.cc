#include "engine/jobs/fold_plan.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace mlpipe::engine {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

Labels Binary(int rows) {
  Labels labels;
  labels.task = Task::kBinary;
  labels.classes = {"No", "Yes"};
  for (int i = 0; i < rows; ++i) labels.y.push_back(static_cast<float>(i % 2));
  return labels;
}

TEST(FoldPlanTest, CoverageSaysWhetherCrossValidationSawEveryRow) {
  config::ModelConfig model;
  model.cv_folds = 5;
  model.test_size = 0.2;
  const FoldPlan after_holdout = PlanFolds(model, Binary(100));
  EXPECT_THAT(after_holdout.Coverage(),
              StartsWith("5 folds over the 80 rows left after the hold-out of 20"));
  EXPECT_THAT(after_holdout.Coverage(), HasSubstr("set test_size: 0 to cross-validate every row"));

  model.test_size = 0;
  EXPECT_EQ(PlanFolds(model, Binary(100)).Coverage(), "5 folds over all 100 rows");

  model.cv_folds = 0;
  EXPECT_EQ(PlanFolds(model, Binary(100)).Coverage(), "");
}

}  // namespace
}  // namespace mlpipe::engine
