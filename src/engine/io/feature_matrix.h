// FeatureMatrix: the dense, row-major float32 matrix handed to XGBoost (NaN = missing), built from
// the numeric and boolean columns of an Arrow table or record batch. This is the one place where
// columnar data becomes model input, so it is also where a missing or mistyped feature column is
// reported, naming every offending column at once.
#pragma once

#include <arrow/api.h>

#include <cstdint>
#include <string>
#include <vector>

#include "util/result.h"

namespace mlpipe::engine {

struct FeatureMatrix {
  int64_t rows = 0;
  int64_t cols = 0;
  std::vector<float> values;       // rows * cols, row-major; nulls and NaN become NaN
  std::vector<std::string> names;  // cols names, in column order

  float at(int64_t r, int64_t c) const { return values[static_cast<size_t>(r * cols + c)]; }
};

// Builds the matrix from `columns` of `table`, in that order. Integer, floating and boolean columns
// are accepted (bool -> 0/1). Fails with DataError naming every column that is missing and every
// column whose type is not numeric (with its actual type), plus a hint to add an encode/cast step.
Result<FeatureMatrix> BuildFeatureMatrix(const arrow::Table& table,
                                         const std::vector<std::string>& columns);
Result<FeatureMatrix> BuildFeatureMatrix(const arrow::RecordBatch& batch,
                                         const std::vector<std::string>& columns);

}  // namespace mlpipe::engine
