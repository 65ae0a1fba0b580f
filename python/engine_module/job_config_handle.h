// The loaded job config as the bindings hold it: the config plus the job type it was validated for.
#pragma once

#include "config/job_config.h"

namespace mlpipe::python {

struct JobConfigHandle {
  config::JobConfig config;
  config::JobType type;
};

}  // namespace mlpipe::python
