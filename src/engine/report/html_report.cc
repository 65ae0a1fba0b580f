#include "engine/report/html_report.h"

#include <fmt/format.h>

#include "engine/metrics/metrics.h"
#include "engine/report/charts.h"
#include "engine/report/svg.h"

namespace mlpipe::engine {
namespace {

constexpr const char* kStyle =
    "body{font-family:sans-serif;margin:24px;color:#222;max-width:1200px}"
    "h1{font-size:22px}h2{font-size:17px;margin-top:28px}"
    "table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:4px 10px;text-align:left}"
    "th{background:#f3f3f3}.meta{color:#555}.charts{display:flex;flex-wrap:wrap;gap:24px}"
    "figure{margin:0}figcaption{font-weight:bold;margin-bottom:6px}";

std::string Figure(std::string_view caption, const std::string& svg) {
  return fmt::format("<figure><figcaption>{}</figcaption>{}</figure>", svg::Escape(caption), svg);
}

std::string MetricsTable(const nlohmann::json& metrics) {
  std::string rows;
  for (const auto& [name, value] : metrics.items()) {
    if (!value.is_number()) continue;
    std::string shown = value.is_number_integer() ? value.dump() : svg::Number(value.get<double>());
    rows += fmt::format("<tr><td>{}</td><td>{}</td></tr>", svg::Escape(name), svg::Escape(shown));
  }
  return "<table><tr><th>Metric</th><th>Value</th></tr>" + rows + "</table>";
}

std::string Charts(const ReportInput& in, const nlohmann::json& metrics) {
  std::string charts;
  if (in.task == Task::kBinary) {
    double positives = 0;
    for (float v : in.y) positives += v > 0.5f ? 1 : 0;
    double base_rate = in.y.empty() ? 0 : positives / static_cast<double>(in.y.size());
    charts += Figure("ROC curve", RocChart(RocCurve(in.y, in.pred), RocAuc(in.y, in.pred)));
    charts += Figure("Precision-recall curve",
                     PrChart(PrCurve(in.y, in.pred), AveragePrecision(in.y, in.pred), base_rate));
    charts += Figure("Calibration", CalibrationChart(Calibration(in.y, in.pred, 10)));
  }
  if (in.task != Task::kRegression && metrics.contains("confusion_matrix")) {
    charts +=
        Figure("Confusion matrix",
               ConfusionHeatmap(metrics["confusion_matrix"].get<ConfusionMatrix>(), in.classes));
  }
  if (in.task == Task::kRegression)
    charts += Figure("Predicted vs actual", ScatterChart(in.y, in.pred));
  return charts;
}

// " (positive class: bad)" for a binary task: precision, recall, F1 and the curves are about it.
std::string PositiveClassNote(const ReportInput& in) {
  if (in.task != Task::kBinary || in.classes.size() != 2) return "";
  return " (positive class: " + svg::Escape(in.classes[1]) + ")";
}

}  // namespace

std::string RenderEvaluationReport(const ReportInput& in) {
  nlohmann::json metrics =
      in.metrics.is_null() ? ComputeMetrics(in.task, in.y, in.pred, in.num_class) : in.metrics;
  std::string title = fmt::format("{}@{}", in.model_name, in.model_version);
  std::string importance = in.importance.empty()
                               ? "<p>No feature importance available.</p>"
                               : Figure("Top 20 features", ImportanceChart(in.importance, 20));
  return fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<title>Evaluation: {0}</title><style>{1}</style></head><body>"
      "<h1>Evaluation report: {0}</h1>"
      "<p class=\"meta\">Task: {2}{9} &middot; Data: {3} &middot; Rows: {4} &middot; "
      "Generated: {5}</p>"
      "<h2>Metrics</h2>{6}<h2>Charts</h2><div class=\"charts\">{7}</div>"
      "<h2>Feature importance</h2>{8}</body></html>\n",
      svg::Escape(title), kStyle, TaskName(in.task), svg::Escape(in.data_path), in.y.size(),
      svg::Escape(in.generated_at), MetricsTable(metrics), Charts(in, metrics), importance,
      PositiveClassNote(in));
}

}  // namespace mlpipe::engine
