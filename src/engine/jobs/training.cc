// training: read the data -> hold out test_size -> k-fold CV on the rest (stratified for
// classification) -> fit the final model -> publish models/<name>/v<N>/ and
// metrics/<name>/v<N>/training.json. Every fit gets its model input from TrainingData::Fit, which
// fits data_config.feature_pipeline (when data_processing has not applied it) on that fit's
// training rows only. Versions are never overwritten; `latest` names the newest.
#include <fmt/format.h>

#include <algorithm>

#include "engine/features/pipeline.h"
#include "engine/io/output_commit.h"
#include "engine/io/table_reader.h"
#include "engine/jobs/fold_plan.h"
#include "engine/jobs/jobs.h"
#include "engine/jobs/model_bundle.h"
#include "engine/jobs/training_data.h"
#include "engine/jobs/training_output.h"
#include "engine/metrics/metrics.h"
#include "engine/models/cross_validation.h"
#include "engine/models/hyperparams.h"
#include "engine/models/model_repo.h"
#include "util/checksum.h"
#include "util/fs.h"
#include "util/log.h"
#include "util/test_seam.h"

namespace mlpipe::engine {

namespace {

TrainCallbacks Callbacks(const JobContext& ctx, double from, double to, std::string what) {
  TrainCallbacks cb;
  cb.on_round = [&ctx, from, to, what = std::move(what)](int round, int total) {
    ctx.report_progress(from + (to - from) * round / std::max(1, total),
                        fmt::format("{}: round {}/{}", what, round, total));
  };
  cb.should_stop = [&ctx] { return ctx.stop_requested(); };
  return cb;
}

// Row roles for one fit: with no `folds` (the final model), hold-out rows are scored and the rest
// trained on; else fold `fold` of the non-hold-out rows is scored, the other folds trained on and
// the hold-out rows left out.
std::vector<RowRole> Roles(const std::vector<bool>& holdout, const std::vector<int>& folds,
                           int fold) {
  std::vector<RowRole> roles(holdout.size());
  size_t train_row = 0;
  for (size_t i = 0; i < holdout.size(); ++i) {
    if (folds.empty()) {
      roles[i] = holdout[i] ? RowRole::kTest : RowRole::kTrain;
    } else if (holdout[i]) {
      roles[i] = RowRole::kUnused;
    } else {
      roles[i] = folds[train_row++] == fold ? RowRole::kTest : RowRole::kTrain;
    }
  }
  return roles;
}

}  // namespace

Result<nlohmann::json> RunTraining(const config::JobConfig& config, const JobDirs& dirs,
                                   const JobContext& ctx) {
  const auto& m = config.model;
  const auto& d = config.data;
  ctx.log("reading training data from " + d.training_data_path);
  MLPIPE_ASSIGN_OR_RETURN(auto data, LoadTrainingData(config, d.training_data_path, ctx.run_id));
  for (const std::string& warning : data.warnings) ctx.warn(warning);
  ctx.log("feature pipeline: " + data.pipeline_note);
  const FoldPlan plan = PlanFolds(m, data.labels);
  MLPIPE_ASSIGN_OR_RETURN(FitData final_fit, data.Fit(Roles(plan.holdout, {}, 0)));
  const RowSplit& split = final_fit.rows;
  ctx.report_progress(
      0.1, fmt::format("{} rows, {} features, task {}", split.train_x.rows + split.test_x.rows,
                       split.train_x.cols, TaskName(data.labels.task)));
  const int num_class =
      IsClassification(data.labels.task) ? static_cast<int>(data.labels.classes.size()) : 0;
  MLPIPE_ASSIGN_OR_RETURN(auto params, MapHyperparameters(m, data.labels.task, num_class,
                                                          static_cast<int>(split.train_x.cols)));
  ctx.log("xgboost parameters: " + params.ToJson().dump());

  nlohmann::json cv = nullptr;
  if (plan.warning) ctx.warn(*plan.warning);
  if (m.cv_folds >= 2) {
    auto fold_data = [&](int f) -> Result<RowSplit> {
      MLPIPE_ASSIGN_OR_RETURN(FitData fit, data.Fit(Roles(plan.holdout, plan.train_folds, f)));
      return std::move(fit.rows);
    };
    MLPIPE_ASSIGN_OR_RETURN(
        auto report, CrossValidate(m.cv_folds, fold_data, params, data.labels.task, num_class,
                                   Callbacks(ctx, 0.1, 0.6, "cross-validation")));
    cv = report.ToJson();
    cv["covers"] = plan.Coverage();
    ctx.log("cross-validation (" + plan.Coverage() + "): " + cv["mean"].dump());
  }
  MLPIPE_RETURN_NOT_OK(ctx.CheckStop("before fitting the final model"));
  MLPIPE_ASSIGN_OR_RETURN(auto booster, Booster::Train(split.train_x, split.train_y, params,
                                                       Callbacks(ctx, 0.6, 0.9, "final model")));
  nlohmann::json holdout_metrics = nullptr;
  if (split.test_x.rows > 0) {
    MLPIPE_ASSIGN_OR_RETURN(auto pred, booster.Predict(split.test_x));
    holdout_metrics = ComputeMetrics(data.labels.task, split.test_y, pred, num_class);
  }
  TrainingOutcome outcome;
  outcome.task = data.labels.task;
  outcome.classes = data.labels.classes;
  outcome.input_columns = data.input_columns;
  outcome.feature_columns = split.train_x.names;
  outcome.params = params;
  outcome.metrics = TrainingMetrics(cv, holdout_metrics, data.labels.task, data.labels.classes);
  outcome.rows = split.train_x.rows + split.test_x.rows;
  MLPIPE_ASSIGN_OR_RETURN(outcome.data_checksum, DataChecksum(d.training_data_path));
  outcome.upstream = final_fit.upstream;
  outcome.model_input = final_fit.model_input;
  outcome.fold_assignment = plan.Assignment();
  MLPIPE_ASSIGN_OR_RETURN(auto model_bytes, booster.Serialize());

  RemoveStaleStaging(ModelStagingBase(dirs, m.model_name));
  const fs::path staging = StagingPathFor(ModelStagingBase(dirs, m.model_name));
  if (Status st =
          WriteModelFiles(staging, model_bytes, config, outcome, ctx.run_id, ctx.clock.NowMs());
      !st.ok()) {
    (void)RemoveAll(staging);
    return st;
  }
  DieIfTestSeam("staged");
  ctx.report_progress(1.0, "publishing " + m.model_name);
  auto result = ctx.commit([&]() -> Result<nlohmann::json> {
    ModelRepository repo(dirs.models);
    MLPIPE_ASSIGN_OR_RETURN(auto published, repo.Publish(m.model_name, staging));
    const std::string version = VersionDirName(published.version);
    const fs::path metrics_file = TrainingMetricsFile(dirs, m.model_name, version);
    MLPIPE_RETURN_NOT_OK(WriteFileAtomic(metrics_file, outcome.metrics.dump(2)));
    ctx.log("published " + m.model_name + "@" + version);
    nlohmann::json result =
        TrainingJobResult(m.model_name, published.version, published.dir.string(),
                          metrics_file.string(), outcome.metrics);
    result["feature_pipeline"] = data.pipeline_note;
    return result;
  });
  (void)RemoveAll(staging);  // what was not published (a no-op once it was moved in)
  return result;
}

}  // namespace mlpipe::engine
