// Turning a training dataset into model input: apply data_config.feature_pipeline unless
// data_processing already did (fitted on each fit's training rows only), choose the feature columns
// (feature_columns, or all but the target and ids), fit the model-input encoding (one-hot for
// string features; plus mean-impute and standard scaling for linear models), encode the labels and
// build the float matrix.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "config/job_config.h"
#include "engine/features/pipeline.h"
#include "engine/io/feature_matrix.h"
#include "engine/jobs/lineage.h"
#include "engine/models/cross_validation.h"
#include "engine/models/labels.h"

namespace mlpipe::engine {

// What a row does in one fit: the pipelines are fitted and the model trained on kTrain rows, the
// model is scored on kTest rows, kUnused rows sit out (the hold-out rows during cross-validation).
enum class RowRole : uint8_t { kTrain, kTest, kUnused };

// One fit's model input and the pipelines it was made with.
struct FitData {
  RowSplit rows;
  std::optional<Lineage> upstream;  // the feature pipeline the rows went through, if any
  FittedPipeline model_input;
};

// A training dataset, row by row as read. Processed data (a data_processing output, with lineage)
// is encoded once. Other data with a configured feature_pipeline keeps its raw rows: every fit
// fits the pipeline on its own training rows only, never on rows it is scored on.
struct TrainingData {
  Labels labels;                           // per input row: task, classes, and y for splitting
  std::vector<std::string> input_columns;  // columns prediction input must provide
  std::vector<std::string> warnings;       // for JobContext::warn (engine/io/column_warnings.h)
  std::string pipeline_note;  // how data_config.feature_pipeline was applied, for the output

  // The matrices of the rows `roles` (one per input row) sends to each side.
  Result<FitData> Fit(const std::vector<RowRole>& roles) const;

  // Processed data (or no pipeline): encoded once, on every row.
  std::optional<Lineage> upstream;
  FittedPipeline model_input;
  FeatureMatrix x;
  // Raw data with a pipeline to fit.
  std::shared_ptr<arrow::Table> raw;
  config::DataConfig data_config;
  config::Algorithm algorithm = config::Algorithm::kRandomForest;
  std::string path;
  std::string run_id;  // the fitted pipeline's id in the model bundle's lineage
};

// Reads `path` for a training job run as `run_id`.
Result<TrainingData> LoadTrainingData(const config::JobConfig& config, const std::string& path,
                                      const std::string& run_id);

// The pieces of LoadTrainingData, for the Spark training driver:
// DataError when data_config.target_column is not in `schema` (of the data at `path`), naming the
// nearest column; `where` ("file:line:col: " of the key, JobConfig::WherePrefix) starts the
// message. The one target rule: training, data_processing (which refuses raw data without its
// target rather than write outputs no model can learn from) and validate use it.
Status CheckTargetColumn(const config::DataConfig& d, const arrow::Schema& schema,
                         const std::string& path, const std::string& where = "");
// data_config.feature_columns, or every column but the target and ids; DataError when the target or
// a listed feature is not in `schema` (of the data at `path`).
Result<std::vector<std::string>> FeatureColumns(const config::DataConfig& d,
                                                const arrow::Schema& schema,
                                                const std::string& path);
// The model-input steps: one-hot for string features; mean-impute and standard scaling of numeric
// features for linear models.
std::vector<config::StepSpec> ModelInputSteps(config::Algorithm algorithm,
                                              const arrow::Schema& schema,
                                              const std::vector<std::string>& features);

// The error when the feature pipeline fitted by a training fit keeps none of its `rows` training
// rows (of the data at `path`).
std::string PipelineKeptNoTrainingRows(int64_t rows, const std::string& path);

// The job output's "feature_pipeline": how data_config.feature_pipeline reached the model, applied
// by data_processing run `upstream_id` (when not empty), else `steps_fitted` steps fitted by the
// training job itself, else none.
std::string FeaturePipelineNote(const std::string& upstream_id, size_t steps_fitted);

nlohmann::json HyperparametersToJson(const config::ModelConfig& model);

}  // namespace mlpipe::engine
