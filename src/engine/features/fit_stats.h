// StepFitStats: what one feature_pipeline step learns from the rows reaching it, in a form that is
// computed per part of the data and merged. Fitting locally collects it from the whole table in one
// go; on Spark each partition collects its part, the driver merges the parts and fits the step from
// the total (Step::CollectFitStats / Step::FitFromStats), so both give the same fitted step.
// Counts, categories and value distributions merge exactly; moments (mean, variance) merge with
// Chan et al.'s formula, equal to a single pass up to floating-point rounding.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/features/column_stats.h"
#include "util/result.h"

namespace mlpipe::engine {

// The statistics a step asked for on one column; unset members were not asked for.
struct ColumnFitStats {
  int64_t rows = 0;
  int64_t nulls = 0;
  std::optional<NumericStats> moments;
  std::optional<CategoryCounts> categories;
  std::optional<ValueCounts> values;

  void Merge(const ColumnFitStats& other);
};

class StepFitStats {
 public:
  // A new entry for `column`, after the existing ones (steps keep their column order).
  ColumnFitStats& Add(const std::string& column);
  // Adds `other` column by column; columns only in `other` are appended.
  void Merge(const StepFitStats& other);

  const std::vector<std::pair<std::string, ColumnFitStats>>& columns() const { return columns_; }

  // Compact binary form (CBOR) that keeps every double exactly, NaN and infinities included.
  std::string Serialize() const;
  // DataError when `bytes` is not something Serialize wrote.
  static Result<StepFitStats> Deserialize(std::string_view bytes);

 private:
  std::vector<std::pair<std::string, ColumnFitStats>> columns_;
};

}  // namespace mlpipe::engine
