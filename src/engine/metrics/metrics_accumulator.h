// MetricsAccumulator: evaluation data in a mergeable form, so metrics can be computed over data
// spread across many parts (Spark partitions) with exactly the local definitions. It keeps the
// multiset of (label, prediction row) pairs as distinct pairs with counts; every metric, curve and
// chart of the evaluation depends only on that multiset, not on row order. Memory grows with the
// number of distinct pairs (at most the row count).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "engine/metrics/metrics.h"
#include "util/result.h"

namespace mlpipe::engine {

class MetricsAccumulator {
 public:
  // num_class: as for ComputeMetrics (0 or 2 for binary/regression, k >= 3 for multiclass).
  MetricsAccumulator(Task task, int num_class);

  // REQUIRES: pred has y.size() * PredictionWidth() values (as Booster::Predict returns them).
  void Add(const std::vector<float>& y, const std::vector<float>& pred);
  // InvalidArgument when the task or class count differ.
  Status Merge(const MetricsAccumulator& other);

  int64_t rows() const { return rows_; }
  Task task() const { return task_; }
  int num_class() const { return num_class_; }
  // Predictions per row: k for multiclass, else 1.
  int PredictionWidth() const;

  // The rows back as vectors, in ascending (label, prediction) order.
  void Expand(std::vector<float>* y, std::vector<float>* pred) const;
  // ComputeMetrics over every row added or merged.
  nlohmann::json Metrics() const;

  std::string Serialize() const;
  // DataError when `bytes` is not something Serialize wrote.
  static Result<MetricsAccumulator> Deserialize(std::string_view bytes);

 private:
  Task task_;
  int num_class_;
  int64_t rows_ = 0;
  std::map<std::vector<float>, int64_t> counts_;  // label followed by the prediction row
};

}  // namespace mlpipe::engine
