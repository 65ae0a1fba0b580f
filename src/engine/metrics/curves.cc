#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "engine/metrics/metrics.h"

namespace mlpipe::engine {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct ThresholdCount {
  double threshold;
  int64_t tp;  // positives with score >= threshold
  int64_t fp;  // negatives with score >= threshold
};

struct Counts {
  std::vector<ThresholdCount> steps;  // decreasing threshold
  int64_t positives = 0;
  int64_t negatives = 0;
};

Counts CountByThreshold(const std::vector<float>& y, const std::vector<float>& score) {
  std::vector<size_t> order(y.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return score[a] > score[b]; });
  Counts c;
  for (size_t i = 0; i < order.size(); ++i) {
    if (y[order[i]] > 0.5f) {
      ++c.positives;
    } else {
      ++c.negatives;
    }
    bool last_of_group = i + 1 == order.size() || score[order[i + 1]] != score[order[i]];
    if (last_of_group) c.steps.push_back({score[order[i]], c.positives, c.negatives});
  }
  return c;
}

}  // namespace

std::vector<CurvePoint> RocCurve(const std::vector<float>& y, const std::vector<float>& score) {
  Counts c = CountByThreshold(y, score);
  if (c.positives == 0 || c.negatives == 0) return {};
  std::vector<CurvePoint> points{{0.0, 0.0, std::numeric_limits<double>::infinity()}};
  for (const ThresholdCount& s : c.steps) {
    points.push_back({static_cast<double>(s.fp) / static_cast<double>(c.negatives),
                      static_cast<double>(s.tp) / static_cast<double>(c.positives), s.threshold});
  }
  return points;
}

double RocAuc(const std::vector<float>& y, const std::vector<float>& score) {
  std::vector<CurvePoint> points = RocCurve(y, score);
  if (points.empty()) return kNaN;
  double area = 0;
  for (size_t i = 1; i < points.size(); ++i) {
    area += (points[i].x - points[i - 1].x) * (points[i].y + points[i - 1].y) / 2;
  }
  return area;
}

std::vector<CurvePoint> PrCurve(const std::vector<float>& y, const std::vector<float>& score) {
  Counts c = CountByThreshold(y, score);
  if (c.positives == 0) return {};
  std::vector<CurvePoint> points{{0.0, 1.0, std::numeric_limits<double>::infinity()}};
  for (const ThresholdCount& s : c.steps) {
    points.push_back({static_cast<double>(s.tp) / static_cast<double>(c.positives),
                      static_cast<double>(s.tp) / static_cast<double>(s.tp + s.fp), s.threshold});
  }
  return points;
}

double AveragePrecision(const std::vector<float>& y, const std::vector<float>& score) {
  std::vector<CurvePoint> points = PrCurve(y, score);
  if (points.empty()) return kNaN;
  double ap = 0;
  for (size_t i = 1; i < points.size(); ++i) ap += (points[i].x - points[i - 1].x) * points[i].y;
  return ap;
}

std::vector<CalibrationBin> Calibration(const std::vector<float>& y, const std::vector<float>& prob,
                                        int bins) {
  std::vector<CalibrationBin> all(static_cast<size_t>(bins));
  std::vector<double> sum_pred(all.size(), 0.0), positives(all.size(), 0.0);
  for (size_t i = 0; i < y.size(); ++i) {
    double p = std::clamp(static_cast<double>(prob[i]), 0.0, 1.0);
    auto b = std::min(static_cast<size_t>(p * bins), all.size() - 1);
    ++all[b].count;
    sum_pred[b] += p;
    positives[b] += y[i] > 0.5f ? 1.0 : 0.0;
  }
  std::vector<CalibrationBin> out;
  for (size_t b = 0; b < all.size(); ++b) {
    if (all[b].count == 0) continue;
    CalibrationBin bin = all[b];
    bin.lower = static_cast<double>(b) / bins;
    bin.upper = static_cast<double>(b + 1) / bins;
    bin.mean_predicted = sum_pred[b] / static_cast<double>(bin.count);
    bin.observed_rate = positives[b] / static_cast<double>(bin.count);
    out.push_back(bin);
  }
  return out;
}

}  // namespace mlpipe::engine
