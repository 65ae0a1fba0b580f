#include "engine/jobs/training_output.h"

#include "engine/jobs/model_bundle.h"
#include "engine/jobs/training_data.h"
#include "mlpipe_version.h"
#include "util/clock.h"
#include "util/log.h"

namespace mlpipe::engine {

Status WriteModelFiles(const fs::path& dir, const std::string& model_bytes,
                       const config::JobConfig& config, const TrainingOutcome& outcome,
                       const std::string& run_id, int64_t created_ms) {
  const auto& m = config.model;
  const auto& d = config.data;
  const nlohmann::json metadata = {
      {"format_version", 1},
      {"name", m.model_name},
      {"created_at", FormatUtcMillis(created_ms)},
      {"run_id", run_id},
      {"mlpipe_version", MLPIPE_VERSION},
      {"xgboost_version", MLPIPE_XGBOOST_VERSION},
      {"algorithm", std::string(config::AlgorithmName(m.algorithm))},
      {"task", std::string(TaskName(outcome.task))},
      {"classes", outcome.classes},
      {"positive_class", PositiveClass(outcome.task, outcome.classes)},
      {"target_column", d.target_column},
      {"id_columns", d.id_columns},
      {"input_columns", outcome.input_columns},
      {"feature_columns", outcome.feature_columns},
      {"hyperparameters", HyperparametersToJson(m)},
      {"xgboost", outcome.params.ToJson()},
      {"cv_folds", m.cv_folds},
      {"test_size", m.test_size},
      {"seed", m.seed},
      {"metrics", outcome.metrics},
      {"training_data",
       {{"path", d.training_data_path},
        {"rows", outcome.rows},
        {"checksum", outcome.data_checksum}}},
  };
  const nlohmann::json pipelines = {
      {"upstream", outcome.upstream ? LineageToJson(*outcome.upstream) : nlohmann::json(nullptr)},
      {"model_input", outcome.model_input.ToJson()}};
  MLPIPE_RETURN_NOT_OK(MakeDirs(dir));
  MLPIPE_RETURN_NOT_OK(WriteFileAtomic(dir / kModelFile, model_bytes));
  MLPIPE_RETURN_NOT_OK(WriteFileAtomic(dir / kPipelineFile, pipelines.dump(2)));
  MLPIPE_RETURN_NOT_OK(WriteFileAtomic(dir / kMetadataFile, metadata.dump(2)));
  return WriteFileAtomic(dir / kFoldsFile, nlohmann::json(outcome.fold_assignment).dump());
}

nlohmann::json PositiveClass(Task task, const std::vector<std::string>& classes) {
  if (task != Task::kBinary || classes.size() != 2) return nullptr;
  return classes[1];
}

nlohmann::json TrainingMetrics(nlohmann::json cv, nlohmann::json holdout, Task task,
                               const std::vector<std::string>& classes) {
  return {{"cv", std::move(cv)},
          {"holdout", std::move(holdout)},
          {"positive_class", PositiveClass(task, classes)}};
}

nlohmann::json TrainingJobResult(const std::string& name, int version, const std::string& model_dir,
                                 const std::string& metrics_file, const nlohmann::json& metrics) {
  nlohmann::json out = {{"model", name + "@v" + std::to_string(version)},
                        {"model_dir", model_dir},
                        {"metrics_file", metrics_file}};
  const nlohmann::json& cv = metrics["cv"];
  const nlohmann::json& holdout = metrics["holdout"];
  if (!cv.is_null() && cv["mean"].contains("roc_auc"))
    out["cv_mean_roc_auc"] = cv["mean"]["roc_auc"];
  if (!cv.is_null() && cv.contains("covers")) out["cv_covers"] = cv["covers"];
  if (metrics.contains("positive_class") && !metrics["positive_class"].is_null())
    out["positive_class"] = metrics["positive_class"];
  if (!holdout.is_null() && holdout.contains("roc_auc"))
    out["holdout_roc_auc"] = holdout["roc_auc"];
  return out;
}

}  // namespace mlpipe::engine
