// Row identity for the dedupe step: which rows of a batch are equal on a set of key columns.
// Two rows are equal when every key column holds the same value in both: nulls equal nulls,
// integers and booleans by value, floating point by value with -0.0 == 0.0 and NaN == NaN,
// strings and binaries byte for byte, any other type by its text (ToStringArray).
//
// KeepFirst finds duplicates by hashing each row (column at a time) and comparing the rows whose
// hashes collide, so it needs 8 bytes per row plus a table, never a copy of the keys. EncodeKeys
// gives each row a canonical byte string instead (equal rows <=> equal keys), for callers that
// compare rows across batches (the Spark driver's dedupe across partitions).
#pragma once

#include <arrow/api.h>

#include <cstdint>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "util/result.h"

namespace mlpipe::engine {

class RowIdentity {
 public:
  // `columns`: the key columns, all of the same length. DataError when a column's type has no
  // text form.
  static Result<RowIdentity> Make(const std::vector<std::shared_ptr<arrow::Array>>& columns,
                                  int64_t num_rows);

  // One flag per row: 1 for the first row of each group of equal rows, in row order, else 0.
  std::vector<uint8_t> KeepFirst() const;
  // One canonical key per row (binary).
  Result<std::shared_ptr<arrow::Array>> EncodeKeys() const;

 private:
  using Column =
      std::variant<std::shared_ptr<arrow::Int64Array>, std::shared_ptr<arrow::DoubleArray>,
                   std::shared_ptr<arrow::BinaryArray>, std::shared_ptr<arrow::LargeBinaryArray>>;
  RowIdentity(std::vector<Column> columns, int64_t num_rows)
      : columns_(std::move(columns)), num_rows_(num_rows) {}

  std::vector<uint64_t> Hashes() const;
  bool Equal(int64_t a, int64_t b) const;
  void AppendKey(int64_t row, std::string* key) const;

  std::vector<Column> columns_;
  int64_t num_rows_;
};

}  // namespace mlpipe::engine
