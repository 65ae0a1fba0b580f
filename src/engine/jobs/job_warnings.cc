#include "engine/jobs/job_warnings.h"

#include <fmt/format.h>

#include <algorithm>

namespace mlpipe::engine {

std::optional<std::string> CvFoldsWarning(Task task, const std::vector<std::string>& classes,
                                          const std::vector<float>& train_y, int folds) {
  if (!IsClassification(task) || classes.empty()) return std::nullopt;
  std::vector<int64_t> rows(classes.size(), 0);
  for (float y : train_y) ++rows[static_cast<size_t>(y)];
  const auto smallest = std::min_element(rows.begin(), rows.end());
  if (*smallest >= folds) return std::nullopt;
  const std::string fix =
      *smallest >= 2 ? fmt::format("lower cv_folds to {} or add rows of that class", *smallest)
                     : "add rows of that class or set cv_folds: 0";
  return fmt::format(
      "model_config.cv_folds is {} but class '{}' has only {} training rows, so some folds have "
      "none of it "
      "and their metrics are unreliable; {}",
      folds, classes[static_cast<size_t>(smallest - rows.begin())], *smallest, fix);
}

std::optional<std::string> PipelineKeptNoRowsWarning(std::string_view part, int64_t rows_before,
                                                     int64_t rows_after) {
  if (rows_before == 0 || rows_after > 0) return std::nullopt;
  return fmt::format(
      "data_config.feature_pipeline kept 0 of the {} {} rows (its filter and dropna steps removed "
      "them all); a "
      "job reading this output will find no data rows",
      rows_before, part);
}

std::string WarningsDiagnostics(const std::vector<std::string>& warnings) {
  std::string out;
  for (const std::string& warning : warnings)
    out += (out.empty() ? "warning: " : "\nwarning: ") + warning;
  return out;
}

}  // namespace mlpipe::engine
