// Dataset lineage: data_processing writes `_mlpipe_pipeline.json` next to the Parquet parts of the
// training and validation data it produces. It holds the fitted pipeline, its identity (a digest of
// what it is, so re-running the same config on the same input gives the same id), the producing run
// and the raw input schema. Training copies it into the model, so prediction and evaluation can
// take raw input (apply the pipeline) or already-processed input (same pipeline id: skip it).
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
  std::string pipeline_id;                      // PipelineIdentity(pipeline, *input_schema)
  FittedPipeline pipeline;                      // fitted on raw input
  std::shared_ptr<arrow::Schema> input_schema;  // raw input columns and types
  std::string produced_by;  // the run that fitted it, for people (not part of the identity)
};

// The identity of data processed by `pipeline`, fitted on raw input of `input_schema`: a digest of
// the steps, their parameters and fitted state and the input schema ("fnv1a64:<16 hex digits>").
// Where the steps were written in a config file is not part of it.
std::string PipelineIdentity(const FittedPipeline& pipeline, const arrow::Schema& input_schema);
// The lineage of `pipeline` fitted by run `run_id`, with its identity.
Lineage LineageOf(FittedPipeline pipeline, std::shared_ptr<arrow::Schema> input_schema,
                  std::string run_id);

nlohmann::json LineageToJson(const Lineage& lineage);
Result<Lineage> LineageFromJson(const nlohmann::json& j);
// The lineage stored in dataset directory `dir`, or nullopt when it has none (e.g. a plain file).
Result<std::optional<Lineage>> ReadLineage(const std::filesystem::path& dir);

// Column name -> Arrow type, as used for CSV column_types when streaming raw input.
std::map<std::string, std::shared_ptr<arrow::DataType>> ColumnTypes(const arrow::Schema& schema);
nlohmann::json SchemaToJson(const arrow::Schema& schema);
Result<std::shared_ptr<arrow::Schema>> SchemaFromJson(const nlohmann::json& j);

}  // namespace mlpipe::engine
