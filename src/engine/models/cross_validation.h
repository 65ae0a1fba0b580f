// Deterministic data splits (hold-out and k-fold, optionally stratified by class) and k-fold cross
// validation on a FeatureMatrix. The same y, k/test_size and seed always give the same split.
#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <vector>

#include "engine/io/feature_matrix.h"
#include "engine/metrics/task.h"
#include "engine/models/xgboost_api.h"

namespace mlpipe::engine {

// Fold id in [0, k) per row. Rows are shuffled (per class when `stratify`: pass stratify only for
// classification, y holding class indices) with mt19937_64(seed), then dealt round-robin, so every
// fold gets its share of each class. REQUIRES: k >= 2.
std::vector<int> StratifiedFolds(const std::vector<float>& y, int k, uint64_t seed, bool stratify);

// true = the row goes to the test side. round(test_size * n) rows (per class when stratify).
std::vector<bool> HoldoutMask(const std::vector<float>& y, double test_size, uint64_t seed,
                              bool stratify);

// The given rows of x, in the given order.
FeatureMatrix SelectRows(const FeatureMatrix& x, const std::vector<int64_t>& rows);
std::vector<float> SelectRows(const std::vector<float>& values, const std::vector<int64_t>& rows);
// Row indices where mask[i] == want.
std::vector<int64_t> RowsWhere(const std::vector<bool>& mask, bool want);

// The rows a model is trained on and the rows it is scored on.
struct RowSplit {
  FeatureMatrix train_x, test_x;
  std::vector<float> train_y, test_y;
};
// Rows with test[i] go to the test side, the rest to train, in order.
RowSplit SplitRows(const FeatureMatrix& x, const std::vector<float>& y,
                   const std::vector<bool>& test);

struct CvReport {
  std::vector<nlohmann::json> folds;  // ComputeMetrics of each fold's held-out rows
  nlohmann::json mean;                // per scalar metric, over folds (NaN folds skipped)
  nlohmann::json std;                 // population standard deviation, likewise

  // {"folds": [...], "mean": {...}, "std": {...}}
  nlohmann::json ToJson() const;
  // The report of these per-fold metrics (mean and std filled in).
  static CvReport FromFolds(std::vector<nlohmann::json> folds);
};

// Fold f's data: trained on the other folds, scored on f. A source may build it per fold (a feature
// pipeline fitted on the other folds' rows only).
using FoldSource = std::function<Result<RowSplit>(int fold)>;

// Trains one model per fold (k >= 2) on the data `source` gives and scores it. on_round reports
// progress over all folds' rounds together; should_stop cancels between rounds.
Result<CvReport> CrossValidate(int k, const FoldSource& source, const TrainParams& params,
                               Task task, int num_class, const TrainCallbacks& callbacks = {});
// The same over one matrix: folds[i] is row i's fold.
Result<CvReport> CrossValidate(const FeatureMatrix& x, const std::vector<float>& y,
                               const std::vector<int>& folds, const TrainParams& params, Task task,
                               int num_class, const TrainCallbacks& callbacks = {});

}  // namespace mlpipe::engine
