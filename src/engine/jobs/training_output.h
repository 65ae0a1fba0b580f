// What a training run publishes, shared by the local training job and the Spark training driver so
// both write the same model version layout (model_bundle.h) and the same job result.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "config/job_config.h"
#include "engine/features/pipeline.h"
#include "engine/jobs/lineage.h"
#include "engine/metrics/task.h"
#include "engine/models/hyperparams.h"
#include "util/fs.h"
#include "util/result.h"

namespace mlpipe::engine {

struct TrainingOutcome {
  Task task = Task::kBinary;
  std::vector<std::string> classes;
  std::vector<std::string> input_columns;
  std::vector<std::string> feature_columns;
  TrainParams params;
  nlohmann::json metrics;  // TrainingMetrics

  int64_t rows = 0;           // training rows (hold-out included)
  std::string data_checksum;  // DataChecksum of the training data
  std::optional<Lineage> upstream;
  FittedPipeline model_input;
  std::vector<int> fold_assignment;  // per training row, FoldPlan::Assignment (fold_plan.h)
};

// Writes a complete model version into `dir` (created): model.ubj (`model_bytes`, as
// Booster::Serialize gives), pipeline.json, metadata.json (created_at: `created_ms`, epoch ms) and
// cv_folds.json.
Status WriteModelFiles(const fs::path& dir, const std::string& model_bytes,
                       const config::JobConfig& config, const TrainingOutcome& outcome,
                       const std::string& run_id, int64_t created_ms);

// The binary task's positive class (classes[1]), which every binary metric is about; null for
// other tasks.
nlohmann::json PositiveClass(Task task, const std::vector<std::string>& classes);

// A training run's metrics file: {"cv": CvReport JSON or null, "holdout": metrics or null,
// "positive_class": PositiveClass}.
nlohmann::json TrainingMetrics(nlohmann::json cv, nlohmann::json holdout, Task task,
                               const std::vector<std::string>& classes);

// The job result of a training run that published `name`@v`version`.
nlohmann::json TrainingJobResult(const std::string& name, int version, const std::string& model_dir,
                                 const std::string& metrics_file, const nlohmann::json& metrics);

}  // namespace mlpipe::engine
