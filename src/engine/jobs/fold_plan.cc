#include "engine/jobs/fold_plan.h"

#include <fmt/format.h>

#include <algorithm>

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
  plan.cv_folds = model.cv_folds;
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

std::string FoldPlan::Coverage() const {
  if (cv_folds < 2) return "";
  const auto held_out = static_cast<size_t>(std::count(holdout.begin(), holdout.end(), true));
  if (held_out == 0) return fmt::format("{} folds over all {} rows", cv_folds, holdout.size());
  return fmt::format(
      "{} folds over the {} rows left after the hold-out of {} (model_config.test_size); set "
      "test_size: 0 to cross-validate every row, as scikit-learn's cross_val_score does",
      cv_folds, holdout.size() - held_out, held_out);
}

}  // namespace mlpipe::engine
