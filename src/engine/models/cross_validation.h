// Deterministic data splits (hold-out and k-fold, optionally stratified by class) and k-fold cross
// validation on a FeatureMatrix. The same y, k/test_size and seed always give the same split.
#pragma once

#include <cstdint>
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

struct CvReport {
  std::vector<nlohmann::json> folds;  // ComputeMetrics of each fold's held-out rows
  nlohmann::json mean;                // per scalar metric, over folds (NaN folds skipped)
  nlohmann::json std;                 // population standard deviation, likewise

  // {"folds": [...], "mean": {...}, "std": {...}}
  nlohmann::json ToJson() const;
  // The report of these per-fold metrics (mean and std filled in).
  static CvReport FromFolds(std::vector<nlohmann::json> folds);
};

// Trains one model per fold on the other folds and scores it on the fold. on_round reports
// progress over all folds' rounds together; should_stop cancels between rounds.
Result<CvReport> CrossValidate(const FeatureMatrix& x, const std::vector<float>& y,
                               const std::vector<int>& folds, const TrainParams& params, Task task,
                               int num_class, const TrainCallbacks& callbacks = {});

}  // namespace mlpipe::engine
