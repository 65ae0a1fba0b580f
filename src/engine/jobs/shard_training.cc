#include "engine/jobs/shard_training.h"

#include <fmt/format.h>

#include <chrono>

#include "engine/models/collective.h"
#include "engine/models/cross_validation.h"
#include "engine/models/labels.h"
#include "engine/models/xgboost_api.h"

namespace mlpipe::engine {

namespace {

// Rows whose assignment satisfies `pick`, with their labels.
struct Selection {
  FeatureMatrix x;
  std::vector<float> y;
};

template <typename Pred>
Selection Select(const ShardRows& rows, Pred pick) {
  std::vector<int64_t> indices;
  for (size_t i = 0; i < rows.assignment.size(); ++i) {
    if (pick(rows.assignment[i])) indices.push_back(static_cast<int64_t>(i));
  }
  return {SelectRows(rows.x, indices), SelectRows(rows.y, indices)};
}

// Stops training on every worker once `deadline_unix_seconds` (when not 0) has passed on any.
TrainCallbacks StopAtDeadline(double deadline_unix_seconds) {
  TrainCallbacks callbacks;
  if (deadline_unix_seconds <= 0) return callbacks;
  callbacks.should_stop = [deadline_unix_seconds] {
    const auto now =
        std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch());
    auto any = AnyWorker(now.count() >= deadline_unix_seconds);
    return !any.ok() || *any;  // a broken collective stops too; the next call reports it
  };
  return callbacks;
}

// Trains on `train` (dataset_rows over all workers) and adds `test`'s predictions to `acc`.
Result<std::string> TrainAndScore(const Selection& train, const Selection& test, TrainParams params,
                                  int64_t dataset_rows, const TrainCallbacks& callbacks,
                                  MetricsAccumulator* acc) {
  params.dataset_rows = dataset_rows;
  MLPIPE_ASSIGN_OR_RETURN(auto booster, Booster::Train(train.x, train.y, params, callbacks));
  MLPIPE_ASSIGN_OR_RETURN(auto pred, booster.Predict(test.x));
  acc->Add(test.y, pred);
  return booster.Serialize();
}

}  // namespace

Result<ShardRows> MakeShardRows(const arrow::RecordBatch& rows, const FittedPipeline& model_input,
                                const std::vector<std::string>& feature_columns,
                                const std::string& target, Task task,
                                const std::vector<std::string>& classes,
                                std::vector<int> assignment) {
  if (static_cast<int64_t>(assignment.size()) != rows.num_rows()) {
    return Status::InvalidArgument(fmt::format("{} training rows but {} fold assignments",
                                               rows.num_rows(), assignment.size()));
  }
  MLPIPE_ASSIGN_OR_RETURN(auto prepared, model_input.TransformBatch(rows, RowPolicy::kKeepAllRows));
  auto labels_column = prepared->GetColumnByName(target);
  if (!labels_column)
    return Status::DataError("target column '" + target + "' is missing from the training rows");
  ShardRows out;
  MLPIPE_ASSIGN_OR_RETURN(out.y,
                          EncodeTarget(arrow::ChunkedArray(labels_column), target, task, classes));
  MLPIPE_ASSIGN_OR_RETURN(out.x, BuildFeatureMatrix(*prepared, feature_columns));
  out.assignment = std::move(assignment);
  return out;
}

Result<ShardResult> TrainShard(const ShardRows& rows, const ShardPlan& plan) {
  if (static_cast<int>(plan.rows_per_fold.size()) != plan.cv_folds) {
    return Status::InvalidArgument(
        fmt::format("{} CV folds but {} fold sizes", plan.cv_folds, plan.rows_per_fold.size()));
  }
  ShardResult result{"", {}, MetricsAccumulator(plan.task, plan.num_class)};
  const TrainCallbacks callbacks = StopAtDeadline(plan.deadline_unix_seconds);
  for (int f = 0; f < plan.cv_folds; ++f) {
    const Selection train = Select(rows, [f](int a) { return a >= 0 && a != f; });
    const Selection test = Select(rows, [f](int a) { return a == f; });
    MetricsAccumulator& acc = result.folds.emplace_back(plan.task, plan.num_class);
    auto trained = TrainAndScore(train, test, plan.params,
                                 plan.train_rows - plan.rows_per_fold[static_cast<size_t>(f)],
                                 callbacks, &acc);
    if (!trained.ok())
      return trained.status().WithContext(fmt::format("fold {} of {}", f + 1, plan.cv_folds));
  }
  const Selection train = Select(rows, [](int a) { return a >= 0; });
  const Selection holdout = Select(rows, [](int a) { return a < 0; });
  MLPIPE_ASSIGN_OR_RETURN(result.model, TrainAndScore(train, holdout, plan.params, plan.train_rows,
                                                      callbacks, &result.holdout));
  return result;
}

}  // namespace mlpipe::engine
