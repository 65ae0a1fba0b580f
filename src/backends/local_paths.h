// Maps a config's data paths onto the local warehouse (store/warehouse.h rules: hdfs://…/ml-pipeline/x,
// /ml-pipeline/x and relative x live under the warehouse root; other absolute paths are used as is),
// and names the input each job type reads, so submit can check it exists before starting anything.
#pragma once

#include <string>

#include "config/job_config.h"
#include "engine/jobs/job_context.h"
#include "store/warehouse.h"
#include "util/result.h"

namespace mlpipe::backends {

// The warehouse root a config selects: environment_config.warehouse_root or $MLPIPE_HOME/warehouse.
std::string WarehouseRootFor(const config::JobConfig& config);

// A copy of `config` whose data_config paths are local absolute paths.
Result<config::JobConfig> ResolveDataPaths(const config::JobConfig& config, const store::Warehouse& warehouse);

engine::JobDirs JobDirsFor(const store::Warehouse& warehouse);

struct JobInput {
  std::string key;   // the config key, e.g. "data_config.training_data_path"
  std::string path;  // resolved local path
};
// The input `type` reads, from a resolved config.
JobInput InputOf(config::JobType type, const config::JobConfig& resolved);

}  // namespace mlpipe::backends
