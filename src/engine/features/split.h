// Deterministic train/validation split. The same table, SplitSpec and seed always give the same
// split (std::mt19937_64 with a fixed shuffle), and rows keep their input order in both outputs.
#pragma once

#include <arrow/api.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "config/job_config.h"
#include "util/result.h"

namespace mlpipe::engine {

// Returns {train, validation}; validation gets round(n * test_size) rows, or, when
// `stratify_column` is non-empty, round(n_c * test_size) rows of each class c (nulls form their
// own class). NotFound if `stratify_column` is not a column of `data`.
Result<std::pair<std::shared_ptr<arrow::Table>, std::shared_ptr<arrow::Table>>>
TrainValidationSplit(const arrow::Table& data, const config::SplitSpec& spec,
                     const std::string& stratify_column);

// The given rows of `data` (0-based, any order), in input order.
Result<std::shared_ptr<arrow::Table>> SelectTableRows(const arrow::Table& data,
                                                      std::vector<int64_t> rows);

// The split in two halves, for data spread over many parts (Spark). Rows are grouped by key (one
// group when not stratifying); within a group, rows are ranked in input order.
// The group key of each value of the stratify column (nulls form their own group).
Result<std::vector<std::string>> SplitGroupKeys(
    const std::shared_ptr<arrow::Array>& stratify_values);
// For groups of `sizes` rows, in ascending key order: per group, per rank, whether the row goes to
// validation. TrainValidationSplit is this applied to the groups of its table.
Result<std::vector<std::vector<bool>>> ValidationByRank(const std::vector<int64_t>& sizes,
                                                        const config::SplitSpec& spec);

}  // namespace mlpipe::engine
