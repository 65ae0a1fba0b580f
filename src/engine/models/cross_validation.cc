#include "engine/models/cross_validation.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>

#include "engine/metrics/metrics.h"

namespace mlpipe::engine {
namespace {

// Row indices grouped by class (one group when not stratifying), each group shuffled.
std::vector<std::vector<int64_t>> ShuffledGroups(const std::vector<float>& y, uint64_t seed,
                                                 bool stratify) {
  std::map<float, std::vector<int64_t>> by_class;
  for (size_t i = 0; i < y.size(); ++i)
    by_class[stratify ? y[i] : 0.0f].push_back(static_cast<int64_t>(i));
  std::mt19937_64 rng(seed);
  std::vector<std::vector<int64_t>> groups;
  for (auto& [cls, rows] : by_class) {
    std::shuffle(rows.begin(), rows.end(), rng);
    groups.push_back(std::move(rows));
  }
  return groups;
}

}  // namespace

std::vector<int> StratifiedFolds(const std::vector<float>& y, int k, uint64_t seed, bool stratify) {
  std::vector<int> folds(y.size(), 0);
  int next = 0;  // continues across classes so fold sizes stay within one of each other
  for (const std::vector<int64_t>& rows : ShuffledGroups(y, seed, stratify)) {
    for (int64_t r : rows) {
      folds[static_cast<size_t>(r)] = next;
      next = (next + 1) % k;
    }
  }
  return folds;
}

std::vector<bool> HoldoutMask(const std::vector<float>& y, double test_size, uint64_t seed,
                              bool stratify) {
  std::vector<bool> mask(y.size(), false);
  for (const std::vector<int64_t>& rows : ShuffledGroups(y, seed, stratify)) {
    auto take = static_cast<size_t>(std::llround(test_size * static_cast<double>(rows.size())));
    for (size_t i = 0; i < take && i < rows.size(); ++i) mask[static_cast<size_t>(rows[i])] = true;
  }
  return mask;
}

FeatureMatrix SelectRows(const FeatureMatrix& x, const std::vector<int64_t>& rows) {
  FeatureMatrix out;
  out.rows = static_cast<int64_t>(rows.size());
  out.cols = x.cols;
  out.names = x.names;
  out.values.reserve(rows.size() * static_cast<size_t>(x.cols));
  for (int64_t r : rows) {
    auto begin = x.values.begin() + r * x.cols;
    out.values.insert(out.values.end(), begin, begin + x.cols);
  }
  return out;
}

std::vector<float> SelectRows(const std::vector<float>& values, const std::vector<int64_t>& rows) {
  std::vector<float> out;
  out.reserve(rows.size());
  for (int64_t r : rows) out.push_back(values[static_cast<size_t>(r)]);
  return out;
}

std::vector<int64_t> RowsWhere(const std::vector<bool>& mask, bool want) {
  std::vector<int64_t> rows;
  for (size_t i = 0; i < mask.size(); ++i) {
    if (mask[i] == want) rows.push_back(static_cast<int64_t>(i));
  }
  return rows;
}

nlohmann::json CvReport::ToJson() const { return {{"folds", folds}, {"mean", mean}, {"std", std}}; }

CvReport CvReport::FromFolds(std::vector<nlohmann::json> fold_metrics) {
  CvReport report;
  report.folds = std::move(fold_metrics);
  report.mean = nlohmann::json::object();
  report.std = nlohmann::json::object();
  if (report.folds.empty()) return report;
  for (const auto& [name, first] : report.folds.front().items()) {
    if (!first.is_number() || name == "rows") continue;
    std::vector<double> values;
    for (const nlohmann::json& fold : report.folds) {
      if (fold[name].is_number() && std::isfinite(fold[name].get<double>())) {
        values.push_back(fold[name].get<double>());
      }
    }
    if (values.empty()) continue;
    double mean = 0, var = 0;
    for (double v : values) mean += v;
    mean /= static_cast<double>(values.size());
    for (double v : values) var += (v - mean) * (v - mean);
    report.mean[name] = mean;
    report.std[name] = std::sqrt(var / static_cast<double>(values.size()));
  }
  return report;
}

RowSplit SplitRows(const FeatureMatrix& x, const std::vector<float>& y,
                   const std::vector<bool>& test) {
  const auto train_rows = RowsWhere(test, false);
  const auto test_rows = RowsWhere(test, true);
  return {SelectRows(x, train_rows), SelectRows(x, test_rows), SelectRows(y, train_rows),
          SelectRows(y, test_rows)};
}

Result<CvReport> CrossValidate(int k, const FoldSource& source, const TrainParams& params,
                               Task task, int num_class, const TrainCallbacks& callbacks) {
  if (k < 2) return Status::InvalidArgument("cross validation needs at least 2 folds");
  std::vector<nlohmann::json> fold_metrics;
  for (int f = 0; f < k; ++f) {
    const std::string fold_name = fmt::format("fold {} of {}", f + 1, k);
    Result<RowSplit> split = source(f);
    if (!split.ok()) return split.status().WithContext(fold_name);
    TrainCallbacks fold_callbacks{nullptr, callbacks.should_stop};
    if (callbacks.on_round) {
      fold_callbacks.on_round = [&, f](int round, int total) {
        callbacks.on_round(f * total + round, k * total);
      };
    }
    Result<Booster> booster =
        Booster::Train(split->train_x, split->train_y, params, fold_callbacks);
    if (!booster.ok()) return booster.status().WithContext(fold_name);
    MLPIPE_ASSIGN_OR_RETURN(std::vector<float> pred, booster->Predict(split->test_x));
    fold_metrics.push_back(ComputeMetrics(task, split->test_y, pred, num_class));
  }
  return CvReport::FromFolds(std::move(fold_metrics));
}

Result<CvReport> CrossValidate(const FeatureMatrix& x, const std::vector<float>& y,
                               const std::vector<int>& folds, const TrainParams& params, Task task,
                               int num_class, const TrainCallbacks& callbacks) {
  const int k = folds.empty() ? 0 : *std::max_element(folds.begin(), folds.end()) + 1;
  auto source = [&](int f) -> Result<RowSplit> {
    std::vector<bool> in_fold(folds.size());
    for (size_t i = 0; i < folds.size(); ++i) in_fold[i] = folds[i] == f;
    return SplitRows(x, y, in_fold);
  };
  return CrossValidate(k, source, params, task, num_class, callbacks);
}

}  // namespace mlpipe::engine
