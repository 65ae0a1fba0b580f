// A job config's data paths, as one list both backends map: the local backend onto its warehouse
// directory, the yarn backend onto the cluster's filesystem. Also names the input each job type
// reads, so submit can check that it exists before anything is recorded.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "config/job_config.h"
#include "util/result.h"

namespace mlpipe::backends {

// A copy of `config` with every non-empty data_config path replaced by `map(path)` (the first error
// stops; an InvalidArgument of `map` becomes a ConfigError naming the key: exit 3). An empty
// evaluation_data_path first takes validation_data_path, as the jobs read it.
Result<config::JobConfig> MapDataPaths(
    const config::JobConfig& config,
    const std::function<Result<std::string>(std::string_view)>& map);

struct JobInput {
  std::string key;   // the config key, e.g. "data_config.training_data_path"
  std::string path;  // as mapped
};
// The input `type` reads, from a mapped config.
JobInput InputOf(config::JobType type, const config::JobConfig& mapped);

}  // namespace mlpipe::backends
