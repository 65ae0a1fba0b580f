// Pieces of the data_processing job (jobs.h: RunDataProcessing) shared with the Spark driver.
#pragma once

#include <arrow/api.h>

#include <string>

#include "config/job_config.h"

namespace mlpipe::engine {

// The column the train/validation split stratifies on: the target when split.stratify is set and
// the target looks categorical in `schema` (string, bool or integer); "" otherwise.
std::string StratifyColumn(const config::JobConfig& config, const arrow::Schema& schema);

}  // namespace mlpipe::engine
