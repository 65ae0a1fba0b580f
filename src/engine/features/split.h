// Deterministic train/validation split. The same table, SplitSpec and seed always give the same
// split (std::mt19937_64 with a fixed shuffle), and rows keep their input order in both outputs.
#pragma once

#include <arrow/api.h>

#include <memory>
#include <string>
#include <utility>

#include "config/job_config.h"
#include "util/result.h"

namespace mlpipe::engine {

// Returns {train, validation}; validation gets round(n * test_size) rows, or, when
// `stratify_column` is non-empty, round(n_c * test_size) rows of each class c (nulls form their
// own class). NotFound if `stratify_column` is not a column of `data`.
Result<std::pair<std::shared_ptr<arrow::Table>, std::shared_ptr<arrow::Table>>> TrainValidationSplit(
    const arrow::Table& data, const config::SplitSpec& spec, const std::string& stratify_column);

}  // namespace mlpipe::engine
