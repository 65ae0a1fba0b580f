// Columns a reader typed in a way the user probably did not mean. CSV type inference makes a whole
// column text when a single cell is not a number ("12.5", "n/a", "12.5"): the model then one-hot
// encodes prices. The jobs warn (JobContext::warn) with the value and its row, so the cell can be
// fixed or blanked (an empty cell is a missing value and keeps the column numeric).
#pragma once

#include <arrow/api.h>

#include <string>
#include <vector>

namespace mlpipe::engine {

// At least this share of a text column's non-null values must be numbers for it to be reported.
inline constexpr double kMostlyNumericShare = 0.9;

// One message per text column of `table` whose non-null values are mostly (kMostlyNumericShare)
// but not all numbers: the column, how many values are not numbers, the first one and its data
// row (1-based, header excluded). `source` names the input in the message.
std::vector<std::string> NumberColumnsReadAsText(const arrow::Table& table,
                                                 const std::string& source);

}  // namespace mlpipe::engine
