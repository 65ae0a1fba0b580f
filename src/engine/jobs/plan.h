// A human-readable description of what a job would do, for `submit --dry-run` and `--verbose`:
// resolved inputs and outputs, the pipeline steps, the algorithm and its hyperparameters. Reads no
// data.
#pragma once

#include <string>

#include "config/job_config.h"
#include "engine/jobs/job_context.h"
#include "util/result.h"

namespace mlpipe::engine {

// `config` has resolved data paths (as for RunJob). Text ends with a newline; contains no secret.
Result<std::string> DescribeJob(config::JobType type, const config::JobConfig& config,
                                const JobDirs& dirs);

}  // namespace mlpipe::engine
