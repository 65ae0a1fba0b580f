#include "engine/jobs/evaluation_output.h"

#include "engine/io/version_names.h"
#include "engine/jobs/training_output.h"
#include "engine/metrics/metrics.h"
#include "engine/report/html_report.h"
#include "util/log.h"

namespace mlpipe::engine {

Result<EvaluationOutput> FinishEvaluation(const ModelBundle& bundle, const std::string& data_path,
                                          std::vector<float> y, std::vector<float> pred,
                                          int64_t generated_ms) {
  ReportInput report;
  report.model_name = bundle.name;
  report.model_version = VersionDirName(bundle.version);
  report.data_path = data_path;
  report.generated_at = FormatUtcMillis(generated_ms);
  report.task = bundle.task;
  report.num_class = bundle.task == Task::kRegression ? 0 : bundle.num_class();
  report.classes = bundle.classes;
  report.metrics = ComputeMetrics(bundle.task, y, pred, report.num_class);
  MLPIPE_ASSIGN_OR_RETURN(report.importance, bundle.booster->FeatureImportance());
  EvaluationOutput out;
  out.rows = static_cast<int64_t>(y.size());
  report.y = std::move(y);
  report.pred = std::move(pred);
  if (nlohmann::json positive = PositiveClass(bundle.task, bundle.classes); !positive.is_null())
    report.metrics["positive_class"] = positive;
  out.metrics = report.metrics;
  out.metrics["model"] = bundle.name + "@" + report.model_version;
  out.metrics["data"] = data_path;
  out.report_html = RenderEvaluationReport(report);
  return out;
}

std::pair<fs::path, fs::path> EvaluationFiles(const fs::path& metrics_root,
                                              const ModelBundle& bundle,
                                              const std::string& run_id) {
  return EvaluationFilesIn(metrics_root / bundle.name / VersionDirName(bundle.version), run_id);
}

std::pair<fs::path, fs::path> EvaluationFilesIn(const fs::path& version_dir,
                                                const std::string& run_id) {
  return {version_dir / ("evaluation-" + run_id + ".json"),
          version_dir / ("report-" + run_id + ".html")};
}

nlohmann::json EvaluationJobResult(const EvaluationOutput& output, const std::string& metrics_file,
                                   const std::string& report_file) {
  nlohmann::json out = {{"model", output.metrics["model"]},
                        {"metrics_file", metrics_file},
                        {"report", report_file},
                        {"rows", output.rows}};
  for (const char* key : {"positive_class", "roc_auc", "accuracy", "macro_f1", "rmse", "r2"}) {
    if (output.metrics.contains(key)) out[key] = output.metrics[key];
  }
  return out;
}

}  // namespace mlpipe::engine
