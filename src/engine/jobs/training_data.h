// Turning a training dataset into model input: choose the feature columns (feature_columns, or all but
// the target and ids), fit the model-input encoding (one-hot for string features; plus mean-impute and
// standard scaling for linear models), encode the labels and build the float matrix.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "config/job_config.h"
#include "engine/features/pipeline.h"
#include "engine/io/feature_matrix.h"
#include "engine/jobs/lineage.h"
#include "engine/models/labels.h"

namespace mlpipe::engine {

struct TrainingData {
  FeatureMatrix x;
  Labels labels;
  FittedPipeline model_input;
  std::optional<Lineage> upstream;          // when the data came from data_processing
  std::vector<std::string> input_columns;   // columns prediction input must provide
  std::vector<std::string> warnings;        // for JobContext::warn (engine/io/column_warnings.h)
};

Result<TrainingData> LoadTrainingData(const config::JobConfig& config, const std::string& path);

// The pieces of LoadTrainingData, for the Spark training driver:
// data_config.feature_columns, or every column but the target and ids; DataError when the target or
// a listed feature is not in `schema` (of the data at `path`).
Result<std::vector<std::string>> FeatureColumns(const config::DataConfig& d, const arrow::Schema& schema,
                                                const std::string& path);
// The model-input steps: one-hot for string features; mean-impute and standard scaling of numeric
// features for linear models.
std::vector<config::StepSpec> ModelInputSteps(config::Algorithm algorithm, const arrow::Schema& schema,
                                              const std::vector<std::string>& features);

struct RowSplit {
  FeatureMatrix train_x, test_x;
  std::vector<float> train_y, test_y;
};
// Rows with holdout[i] go to test, the rest to train, in order.
RowSplit SplitRows(const FeatureMatrix& x, const std::vector<float>& y, const std::vector<bool>& holdout);

nlohmann::json HyperparametersToJson(const config::ModelConfig& model);

}  // namespace mlpipe::engine
