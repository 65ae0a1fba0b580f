// Dataset lineage: data_processing writes `_mlpipe_pipeline.json` next to the Parquet parts of the
// training and validation data it produces. It holds the fitted pipeline, its id (the producing run)
// and the raw input schema. Training copies it into the model, so prediction and evaluation can take
// raw input (apply the pipeline) or already-processed input (same pipeline id: skip it).
#pragma once

#include <arrow/api.h>

#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "engine/features/pipeline.h"
#include "util/result.h"

namespace mlpipe::engine {

inline constexpr const char* kLineageFile = "_mlpipe_pipeline.json";

struct Lineage {
  std::string pipeline_id;    // run id of the data_processing job that fitted it
  FittedPipeline pipeline;    // fitted on raw input
  std::shared_ptr<arrow::Schema> input_schema;  // raw input columns and types
};

nlohmann::json LineageToJson(const Lineage& lineage);
Result<Lineage> LineageFromJson(const nlohmann::json& j);
// The lineage stored in dataset directory `dir`, or nullopt when it has none (e.g. a plain file).
Result<std::optional<Lineage>> ReadLineage(const std::filesystem::path& dir);

// Column name -> Arrow type, as used for CSV column_types when streaming raw input.
std::map<std::string, std::shared_ptr<arrow::DataType>> ColumnTypes(const arrow::Schema& schema);
nlohmann::json SchemaToJson(const arrow::Schema& schema);
Result<std::shared_ptr<arrow::Schema>> SchemaFromJson(const nlohmann::json& j);

}  // namespace mlpipe::engine
