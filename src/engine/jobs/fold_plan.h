// How a training job uses its rows: which are held out (scored by the final model) and, with
// model_config.cv_folds >= 2, the cross-validation fold of every other row. One decision for the
// local training job and the Spark driver (bound as engine.fold_plan), so both split the same rows
// the same way.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "config/job_config.h"
#include "engine/models/labels.h"

namespace mlpipe::engine {

struct FoldPlan {
  std::vector<bool> holdout;     // per row
  std::vector<int> train_folds;  // per non-hold-out row, in row order; empty without CV
  int cv_folds = 0;              // 0 without CV
  // CvFoldsWarning for the non-hold-out rows (engine/jobs/job_warnings.h), when CV runs.
  std::optional<std::string> warning;

  // Per row: -1 = hold-out, else the CV fold (0 without CV). Written with the model
  // (cv_folds.json) so anyone can reproduce the folds.
  std::vector<int> Assignment() const;
  // What cross-validation covers, stated in the training output: "5 folds over all 7043 rows", or
  // over "the 5634 rows left after the hold-out of 1409" with how to include every row (as
  // scikit-learn's cross_val_score does). Empty without CV.
  std::string Coverage() const;
};

// Stratified by class for classification tasks; seeded by model.seed.
FoldPlan PlanFolds(const config::ModelConfig& model, const Labels& labels);

}  // namespace mlpipe::engine
