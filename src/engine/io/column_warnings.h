// Columns a reader typed in a way the user probably did not mean. CSV type inference makes a whole
// column text when a single cell is not a number ("12.5", "n/a", "12.5"): the model then one-hot
// encodes prices. The jobs warn (JobContext::warn) with the value and its row, so the cell can be
// fixed or blanked (an empty cell or a data_config.na_values token is a missing value and keeps
// the column numeric).
//
// TextColumnCensus counts part by part (Spark partitions, each counted where it lives) and merges;
// NumberColumnsReadAsText is the one-table case.
#pragma once

#include <arrow/api.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.h"

namespace mlpipe::engine {

// At least this share of a text column's non-null values must be numbers for it to be reported.
inline constexpr double kMostlyNumericShare = 0.9;

// Per text column of an input: how many non-null values are numbers, how many are not, and the
// first that is not, with its data row.
class TextColumnCensus {
 public:
  // Counts the text columns of `rows`, whose first row is data row `first_row` (0-based) of the
  // input and whose rows follow each other in the input.
  void Add(const arrow::Table& rows, int64_t first_row);
  // Adds the counts of another part of the same input.
  void Merge(const TextColumnCensus& other);

  // One message per text column whose non-null values are mostly (kMostlyNumericShare) but not all
  // numbers: the column, how many values are not numbers, the first one and its data row (1-based,
  // header excluded). `source` names the input in the message.
  std::vector<std::string> Warnings(const std::string& source) const;

  std::string Serialize() const;
  static Result<TextColumnCensus> Deserialize(std::string_view text);

 private:
  struct Column {
    std::string name;
    int64_t numbers = 0;
    int64_t others = 0;
    std::optional<std::string> first_other;
    int64_t first_other_row = 0;  // 0-based data row
  };
  Column& ColumnNamed(const std::string& name);

  std::vector<Column> columns_;  // in the order first seen (the input's column order)
};

// TextColumnCensus::Warnings of the whole `table`.
std::vector<std::string> NumberColumnsReadAsText(const arrow::Table& table,
                                                 const std::string& source);

}  // namespace mlpipe::engine
