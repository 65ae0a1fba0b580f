#include "engine/report/charts.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "engine/report/svg.h"

namespace mlpipe::engine {
namespace {

constexpr int kSize = 360;
constexpr const char* kBlue = "#2f6fb0";
constexpr const char* kGrey = "#999";

std::vector<std::pair<double, double>> Xy(const std::vector<CurvePoint>& points) {
  std::vector<std::pair<double, double>> out;
  for (const CurvePoint& p : points) out.emplace_back(p.x, p.y);
  return out;
}

// Blend from white to blue by `share` in [0, 1].
std::string Shade(double share) {
  auto mix = [&](int full) { return static_cast<int>(std::lround(255 - (255 - full) * share)); };
  return fmt::format("#{:02x}{:02x}{:02x}", mix(0x2f), mix(0x6f), mix(0xb0));
}

// At most `max_bytes` bytes of `text`, cut on a UTF-8 character boundary, with "..." when cut.
std::string Shorten(const std::string& text, size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  size_t cut = max_bytes - 3;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "...";
}

}  // namespace

std::string RocChart(const std::vector<CurvePoint>& roc, double auc) {
  svg::Canvas canvas(kSize, kSize, "ROC curve");
  svg::Frame frame(canvas, kSize, kSize, 0, 1, 0, 1);
  frame.Axes("False positive rate", "True positive rate");
  canvas.Line(frame.X(0), frame.Y(0), frame.X(1), frame.Y(1), kGrey, 1, true);
  frame.Curve(Xy(roc), kBlue);
  canvas.Text(frame.X(0.95), frame.Y(0.05), "AUC = " + svg::Number(auc), "end", 13);
  return canvas.Finish();
}

std::string PrChart(const std::vector<CurvePoint>& pr, double average_precision, double base_rate) {
  svg::Canvas canvas(kSize, kSize, "Precision-recall curve");
  svg::Frame frame(canvas, kSize, kSize, 0, 1, 0, 1);
  frame.Axes("Recall", "Precision");
  canvas.Line(frame.X(0), frame.Y(base_rate), frame.X(1), frame.Y(base_rate), kGrey, 1, true);
  frame.Curve(Xy(pr), kBlue);
  canvas.Text(frame.X(0.95), frame.Y(0.92), "AP = " + svg::Number(average_precision), "end", 13);
  return canvas.Finish();
}

std::string ConfusionHeatmap(const ConfusionMatrix& cm, const std::vector<std::string>& classes) {
  const double cell =
      std::clamp(300.0 / static_cast<double>(std::max<size_t>(cm.size(), 1)), 24.0, 90.0);
  const double left = 110, top = 30;
  // Wide enough for the axis caption below the cells, whatever the number of classes.
  int width = static_cast<int>(std::max(left + cell * static_cast<double>(cm.size()) + 20, 300.0));
  int height = static_cast<int>(top + cell * static_cast<double>(cm.size()) + 50);
  svg::Canvas canvas(width, height, "Confusion matrix");
  auto label = [&](size_t i) { return i < classes.size() ? classes[i] : std::to_string(i); };
  for (size_t t = 0; t < cm.size(); ++t) {
    int64_t row_total = 0;
    for (int64_t v : cm[t]) row_total += v;
    double y = top + cell * static_cast<double>(t);
    canvas.Text(left - 6, y + cell / 2 + 4, label(t), "end", 11);
    for (size_t p = 0; p < cm[t].size(); ++p) {
      double share =
          row_total == 0 ? 0 : static_cast<double>(cm[t][p]) / static_cast<double>(row_total);
      double x = left + cell * static_cast<double>(p);
      canvas.Rect(x, y, cell - 1, cell - 1, Shade(share),
                  fmt::format("true {} / predicted {}: {}", label(t), label(p), cm[t][p]));
      canvas.Text(x + cell / 2, y + cell / 2 + 4, std::to_string(cm[t][p]), "middle", 12,
                  share > 0.5 ? "#fff" : "#222");
    }
  }
  for (size_t p = 0; p < cm.size(); ++p) {
    canvas.Text(left + cell * (static_cast<double>(p) + 0.5), top - 8, label(p), "middle", 11);
  }
  canvas.Text(width / 2.0, height - 12, "Predicted class (columns); true class (rows)", "middle",
              12);
  return canvas.Finish();
}

std::string CalibrationChart(const std::vector<CalibrationBin>& bins) {
  svg::Canvas canvas(kSize, kSize, "Calibration (reliability) diagram");
  svg::Frame frame(canvas, kSize, kSize, 0, 1, 0, 1);
  frame.Axes("Mean predicted probability", "Observed positive rate");
  canvas.Line(frame.X(0), frame.Y(0), frame.X(1), frame.Y(1), kGrey, 1, true);
  std::vector<std::pair<double, double>> points;
  for (const CalibrationBin& b : bins) points.emplace_back(b.mean_predicted, b.observed_rate);
  frame.Curve(points, kBlue);
  for (const CalibrationBin& b : bins) {
    canvas.Circle(frame.X(b.mean_predicted), frame.Y(b.observed_rate), 4, kBlue,
                  fmt::format("[{}, {}): {} rows, predicted {}, observed {}", svg::Number(b.lower),
                              svg::Number(b.upper), b.count, svg::Number(b.mean_predicted),
                              svg::Number(b.observed_rate)));
  }
  return canvas.Finish();
}

std::string ImportanceChart(const std::vector<std::pair<std::string, double>>& importance,
                            size_t top) {
  size_t n = std::min(top, importance.size());
  const double left = 180, bar = 18, width = 640;
  svg::Canvas canvas(static_cast<int>(width), static_cast<int>(bar * static_cast<double>(n) + 30),
                     "Feature importance");
  double max = 0;
  for (size_t i = 0; i < n; ++i) max = std::max(max, importance[i].second);
  for (size_t i = 0; i < n; ++i) {
    const auto& [name, value] = importance[i];
    double y = 10 + bar * static_cast<double>(i);
    double w = max > 0 ? value / max * (width - left - 70) : 0;
    std::string shown = Shorten(name, 28);
    canvas.Text(left - 6, y + 13, shown, "end", 11);
    canvas.Rect(left, y + 2, w, bar - 4, kBlue, fmt::format("{}: {}", name, svg::Number(value)));
    canvas.Text(left + w + 4, y + 13, svg::Number(value), "start", 10);
  }
  return canvas.Finish();
}

std::string ScatterChart(const std::vector<float>& actual, const std::vector<float>& predicted,
                         size_t max_points) {
  size_t n = std::min(actual.size(), predicted.size());
  size_t stride = std::max<size_t>(1, (n + max_points - 1) / std::max<size_t>(max_points, 1));
  double lo = 0, hi = 1;
  if (n > 0) {
    auto [a_lo, a_hi] =
        std::minmax_element(actual.begin(), actual.begin() + static_cast<std::ptrdiff_t>(n));
    auto [p_lo, p_hi] =
        std::minmax_element(predicted.begin(), predicted.begin() + static_cast<std::ptrdiff_t>(n));
    lo = std::min(*a_lo, *p_lo);
    hi = std::max(*a_hi, *p_hi);
  }
  svg::Canvas canvas(kSize + 60, kSize + 60, "Predicted vs actual");
  svg::Frame frame(canvas, kSize + 60, kSize + 60, lo, hi, lo, hi);
  frame.Axes("Actual", "Predicted");
  canvas.Line(frame.X(lo), frame.Y(lo), frame.X(hi), frame.Y(hi), kGrey, 1, true);
  for (size_t i = 0; i < n; i += stride) {
    canvas.Circle(frame.X(actual[i]), frame.Y(predicted[i]), 2, "rgba(47,111,176,0.5)");
  }
  return canvas.Finish();
}

}  // namespace mlpipe::engine
