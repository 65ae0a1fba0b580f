// Maps a config's data paths onto the local warehouse (store/warehouse.h rules:
// hdfs://…/ml-pipeline/x, /ml-pipeline/x and relative x live under the warehouse root; other
// absolute paths are used as is), and where the engine writes models, metrics and artifacts.
#pragma once

#include <string>

#include "backends/data_paths.h"
#include "config/job_config.h"
#include "engine/jobs/job_context.h"
#include "store/warehouse.h"
#include "util/result.h"

namespace mlpipe::backends {

// The warehouse root a config selects: environment_config.warehouse_root or $MLPIPE_HOME/warehouse.
std::string WarehouseRootFor(const config::JobConfig& config);

// A copy of `config` whose data_config paths are local absolute paths.
Result<config::JobConfig> ResolveDataPaths(const config::JobConfig& config,
                                           const store::Warehouse& warehouse);

engine::JobDirs JobDirsFor(const store::Warehouse& warehouse);

// Where `type` would write, judged before it runs (ConfigError naming paths and rule): the path
// rules of backends/output_paths.h on this machine's paths, symlinks resolved; then, unless
// `offline`, what exists at each output (engine/io/output_owner.h). `resolved` is
// ResolveDataPaths'.
Status CheckLocalOutputs(config::JobType type, const config::JobConfig& resolved,
                         const store::Warehouse& warehouse, bool offline);

}  // namespace mlpipe::backends
