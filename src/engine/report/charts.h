// The evaluation report's charts, each a complete inline <svg> element built from metric data.
// Inputs follow engine/metrics/metrics.h conventions (class indices as float, P(class 1) scores).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "engine/metrics/metrics.h"

namespace mlpipe::engine {

std::string RocChart(const std::vector<CurvePoint>& roc, double auc);
std::string PrChart(const std::vector<CurvePoint>& pr, double average_precision, double base_rate);
// Cells shaded by their share of the true class's row; counts written in each cell.
std::string ConfusionHeatmap(const ConfusionMatrix& cm, const std::vector<std::string>& classes);
std::string CalibrationChart(const std::vector<CalibrationBin>& bins);
// Horizontal bars for the first `top` entries (expected sorted, highest first).
std::string ImportanceChart(const std::vector<std::pair<std::string, double>>& importance,
                            size_t top = 20);
// Predicted vs actual, at most `max_points` rows (evenly strided, so the sample is deterministic).
std::string ScatterChart(const std::vector<float>& actual, const std::vector<float>& predicted,
                         size_t max_points = 2000);

}  // namespace mlpipe::engine
