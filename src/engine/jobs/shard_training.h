// Training on one worker's share of the training rows, the work of one Spark barrier task. Run by
// every worker inside XGBoost's collective (models/collective.h), it does what the local training
// job does on all rows: one model per CV fold trained on the other folds, then the final model on
// every non-hold-out row. Each worker scores its own held-out rows, so the metrics come back as
// mergeable partials; the driver merges them and finalizes (MetricsAccumulator::Metrics,
// CvReport::FromFolds). Without a collective (one worker holding every row) the result equals the
// local job's.
#pragma once

#include <arrow/api.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/features/pipeline.h"
#include "engine/io/feature_matrix.h"
#include "engine/metrics/metrics_accumulator.h"
#include "engine/models/hyperparams.h"
#include "util/result.h"

namespace mlpipe::engine {

struct ShardRows {
  FeatureMatrix x;
  std::vector<float> y;
  std::vector<int> assignment;  // per row, FoldAssignment's value: -1 hold-out, else the CV fold
};

// The model input of training rows: `model_input` applied to `rows` (every row kept), the matrix of
// `feature_columns`, the labels of `target` encoded for `task` and `classes`, and `assignment`.
Result<ShardRows> MakeShardRows(const arrow::RecordBatch& rows, const FittedPipeline& model_input,
                                const std::vector<std::string>& feature_columns,
                                const std::string& target, Task task,
                                const std::vector<std::string>& classes,
                                std::vector<int> assignment);

struct ShardPlan {
  TrainParams params;
  Task task = Task::kBinary;
  int num_class = 0;                   // as for ComputeMetrics
  int cv_folds = 0;                    // 0: no cross-validation
  std::vector<int64_t> rows_per_fold;  // rows of each CV fold, over all workers
  int64_t train_rows = 0;              // non-hold-out rows, over all workers
  double deadline_unix_seconds = 0;    // 0: none; else every worker stops (Cancelled) at the
                                       // first round begun after it, all at the same round
};

struct ShardResult {
  std::string model;  // Booster::Serialize of the final model (same on every worker)
  std::vector<MetricsAccumulator>
      folds;                   // this worker's rows of each CV fold, scored by that fold's model
  MetricsAccumulator holdout;  // this worker's hold-out rows, scored by the final model
};

Result<ShardResult> TrainShard(const ShardRows& rows, const ShardPlan& plan);

}  // namespace mlpipe::engine
