// Publishing a job's tabular output: Parquet parts (plus optional sidecar files such as the lineage)
// are written into a staging directory next to the destination, then committed with rename +
// `_SUCCESS`. On failure the staging directory is removed, so readers never see partial output.
#pragma once

#include <arrow/api.h>

#include <filesystem>
#include <map>
#include <string>

#include "engine/io/parquet_writer.h"
#include "util/status.h"

namespace mlpipe::engine {

// Writes `table` and `sidecars` (file name -> content) as one dataset at `final_dir`, replacing
// an existing dataset there atomically.
Status PublishDataset(const arrow::Table& table, const std::filesystem::path& final_dir,
                      Compression compression, const std::map<std::string, std::string>& sidecars);

}  // namespace mlpipe::engine
