// A trained model version on disk, `models/<name>/v<N>/`:
//   model.ubj      the XGBoost booster in XGBoost's own UBJSON format
//   pipeline.json  {"upstream": lineage of the data_processing pipeline or null,
//                   "model_input": the training job's own fitted encoding}
//   metadata.json  schema, task, classes, parameters, metrics, data location + checksum,
//                  versions, time
// Loading gives everything prediction and evaluation need to turn input rows into model input.
#pragma once

#include <arrow/api.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/features/pipeline.h"
#include "engine/io/feature_matrix.h"
#include "engine/jobs/lineage.h"
#include "engine/metrics/task.h"
#include "engine/models/xgboost_api.h"

namespace mlpipe::engine {

inline constexpr const char* kModelFile = "model.ubj";
inline constexpr const char* kPipelineFile = "pipeline.json";
inline constexpr const char* kMetadataFile = "metadata.json";
inline constexpr const char* kFoldsFile = "cv_folds.json";

struct ModelBundle {
  std::string name;
  int version = 0;
  std::filesystem::path dir;
  nlohmann::json metadata;
  std::optional<Lineage> upstream;  // raw input -> processed columns (from data_processing)
  FittedPipeline model_input;       // processed columns -> numeric model features
  std::vector<std::string> feature_columns;
  std::vector<std::string> input_columns;  // raw input columns the model reads (target excluded)
  std::string target_column;
  std::vector<std::string> id_columns;
  Task task = Task::kBinary;
  std::vector<std::string> classes;  // classification: label text by class index
  std::optional<Booster> booster;    // set by LoadModelBundle and ModelBundleFromContents

  int num_class() const { return static_cast<int>(classes.size()); }
  // OK when input of `schema` and lineage `input_lineage_id` ("" for none) can be prepared: it was
  // processed by the model's own upstream pipeline, or it has the raw columns the model needs (data
  // processed by another pipeline is then treated as raw). Otherwise DataError naming the missing
  // columns, and for data processed by another pipeline both pipelines and what to do.
  Status CheckInput(const arrow::Schema& schema, const std::string& input_lineage_id) const;
  // CheckInput, then the upstream pipeline (unless the data is already processed by it) and the
  // model-input pipeline, keeping every row. `batch` holds raw or processed input columns.
  Result<std::shared_ptr<arrow::RecordBatch>> Prepare(const arrow::RecordBatch& batch,
                                                      const std::string& input_lineage_id) const;
  // Prepare + BuildFeatureMatrix; errors name the missing or mistyped input columns.
  Result<FeatureMatrix> Features(const arrow::RecordBatch& batch,
                                 const std::string& input_lineage_id) const;
  // DataError naming every input column (other than the target) that `schema` lacks.
  Status CheckInputColumns(const arrow::Schema& schema) const;
  // Column types expected in raw input (for streaming CSV), from the upstream schema if any.
  std::map<std::string, std::shared_ptr<arrow::DataType>> InputColumnTypes() const;
};

// Loads `models_root/<name>/v<N>` for `version` ("" / "latest" / "3" / "v3").
Result<ModelBundle> LoadModelBundle(const std::filesystem::path& models_root,
                                    const std::string& name, const std::string& version);
// LoadModelBundle without the booster: pipeline.json and metadata.json only, for checks of input.
Result<ModelBundle> LoadModelDescription(const std::filesystem::path& models_root,
                                         const std::string& name, const std::string& version);
// A bundle from the contents of its files (e.g. shipped to Spark executors); `dir` names it in
// errors.
Result<ModelBundle> ModelBundleFromContents(const std::string& name, int version,
                                            const std::filesystem::path& dir,
                                            std::string_view model_bytes,
                                            std::string_view pipeline_json,
                                            std::string_view metadata_json);

// ConfigError (exit 3) when `model` cannot take input `input` (config key `input_key`) of `schema`
// and lineage `lineage_id`: ModelBundle::CheckInput's finding, naming the input and its key. For
// the checks before a job runs (submit, validate).
Status CheckInputFitsModel(const ModelBundle& model, const std::string& input_key,
                           const std::string& input, const arrow::Schema& schema,
                           const std::string& lineage_id);

// Everything but the booster (left empty), from pipeline.json and metadata.json: enough for
// CheckInput, e.g. at submit on a cluster where the model lives on HDFS.
Result<ModelBundle> ModelDescriptionFromContents(const std::string& name, int version,
                                                 const std::filesystem::path& dir,
                                                 std::string_view pipeline_json,
                                                 std::string_view metadata_json);

// The lineage id of an input dataset directory ("" when it has none).
Result<std::string> InputLineageId(const std::filesystem::path& input);

}  // namespace mlpipe::engine
