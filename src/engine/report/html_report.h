// The evaluation report: one self-contained HTML page (inline CSS and SVG; no scripts, fonts or
// external links) with the metrics table and the charts that fit the task. All user-provided text
// (model, path, class and column names) is HTML-escaped.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "engine/metrics/task.h"

namespace mlpipe::engine {

struct ReportInput {
  std::string model_name;
  std::string model_version;  // e.g. "v3"
  std::string data_path;      // the evaluated data
  std::string generated_at;   // timestamp text, shown as is
  Task task = Task::kBinary;
  int num_class = 2;
  std::vector<std::string> classes;  // class index -> label (classification)
  std::vector<float> y;              // true class index / value per row
  std::vector<float> pred;           // as Booster::Predict returns it
  nlohmann::json metrics;            // ComputeMetrics(task, y, pred, num_class); computed when null
  std::vector<std::pair<std::string, double>> importance;  // highest first
};

std::string RenderEvaluationReport(const ReportInput& input);

}  // namespace mlpipe::engine
