// Mergeable column statistics behind the fitted steps: each is computed per chunk/partition with
// Add and combined with Merge, so the Spark side can compute them per partition and merge.
// Nulls are ignored (they are counted separately where it matters).
#pragma once

#include <arrow/api.h>

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "util/result.h"

namespace mlpipe::engine {

// count/mean/M2 (Welford, merged with Chan et al.) plus min and max of the non-null values.
struct NumericStats {
  int64_t count = 0;
  double mean = 0;
  double m2 = 0;  // sum of squared deviations from the mean
  double min = 0;
  double max = 0;

  void Add(double x);
  void Merge(const NumericStats& other);
  // Accumulates a numeric or boolean array.
  Status AddArray(const arrow::Array& array);
  double PopulationStddev() const;
};

// Occurrences of each non-null value, compared as text (see ToStringArray).
struct CategoryCounts {
  std::unordered_map<std::string, int64_t> counts;

  Status AddArray(const arrow::Array& array);
  void Merge(const CategoryCounts& other);
  // Categories by descending count, ties by ascending text.
  std::vector<std::string> ByFrequency() const;
};

// The exact distribution of the non-null, non-NaN values: each distinct value with its count, in
// ascending order. Merging keeps it exact, so the median of merged parts is the median of the
// whole. Memory grows with the number of distinct values.
struct ValueCounts {
  std::vector<std::pair<double, int64_t>> counts;  // ascending by value

  // Accumulates a numeric or boolean array.
  Status AddArray(const arrow::Array& array);
  void Merge(const ValueCounts& other);
  // The middle value, or the mean of the two middle values for an even count; NaN when empty.
  double Median() const;
};

// `array` as float64 (integers and booleans widened).
Result<std::shared_ptr<arrow::DoubleArray>> ToDoubleArray(
    const std::shared_ptr<arrow::Array>& array);
// `array` as utf8 text: strings as is, numbers in Arrow's shortest round-trip form, true/false.
Result<std::shared_ptr<arrow::StringArray>> ToStringArray(
    const std::shared_ptr<arrow::Array>& array);

}  // namespace mlpipe::engine
