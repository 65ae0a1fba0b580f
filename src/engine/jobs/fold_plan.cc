#include "engine/jobs/fold_plan.h"

#include "engine/jobs/job_warnings.h"
#include "engine/models/cross_validation.h"

namespace mlpipe::engine {

FoldPlan PlanFolds(const config::ModelConfig& model, const Labels& labels) {
  const bool stratify = IsClassification(labels.task);
  FoldPlan plan;
  plan.holdout = HoldoutMask(labels.y, model.test_size, model.seed, stratify);
  if (model.cv_folds < 2) return plan;
  std::vector<float> train_y;
  for (size_t i = 0; i < labels.y.size(); ++i) {
    if (!plan.holdout[i]) train_y.push_back(labels.y[i]);
  }
  plan.warning = CvFoldsWarning(labels.task, labels.classes, train_y, model.cv_folds);
  plan.train_folds = StratifiedFolds(train_y, model.cv_folds, model.seed, stratify);
  return plan;
}

std::vector<int> FoldPlan::Assignment() const {
  std::vector<int> out(holdout.size(), -1);
  size_t t = 0;
  for (size_t i = 0; i < holdout.size(); ++i) {
    if (!holdout[i]) out[i] = train_folds.empty() ? 0 : train_folds[t++];
  }
  return out;
}

}  // namespace mlpipe::engine
