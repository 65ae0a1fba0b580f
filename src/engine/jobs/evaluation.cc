// evaluation: model + labelled data -> the task's metrics (metrics/<name>/v<N>/evaluation-<id>.json)
// and a self-contained HTML report with ROC/PR curves, confusion matrix, calibration and importance.
#include <fmt/format.h>


#include "engine/io/table_reader.h"
#include "engine/jobs/jobs.h"
#include "engine/jobs/model_bundle.h"
#include "engine/metrics/metrics.h"
#include "engine/models/labels.h"
#include "engine/report/html_report.h"
#include "util/clock.h"
#include "util/fs.h"
#include "util/log.h"

namespace mlpipe::engine {

namespace {

Result<std::vector<float>> TrueLabels(const ModelBundle& bundle, const arrow::Table& table, const std::string& path) {
  auto target = table.GetColumnByName(bundle.target_column);
  if (!target) {
    return Status::DataError(fmt::format("target column '{}' is missing from evaluation data '{}'",
                                         bundle.target_column, path));
  }
  if (bundle.task == Task::kRegression) return EncodeRegressionTarget(*target, bundle.target_column);
  return EncodeWithClasses(*target, bundle.target_column, bundle.classes);
}

}  // namespace

Result<nlohmann::json> RunEvaluation(const config::JobConfig& config, const JobDirs& dirs, const JobContext& ctx) {
  const auto& m = config.model;
  const std::string& path = config.data.evaluation_data_path;
  MLPIPE_ASSIGN_OR_RETURN(auto bundle, LoadModelBundle(dirs.models, m.model_name, m.model_version));
  ctx.log(fmt::format("evaluating {}@v{} on {}", bundle.name, bundle.version, path));
  MLPIPE_ASSIGN_OR_RETURN(auto lineage_id, InputLineageId(path));
  ReadOptions read;
  read.format = config.data.input_format;
  read.column_types = bundle.InputColumnTypes();
  MLPIPE_ASSIGN_OR_RETURN(auto table, ReadTable(path, read));
  MLPIPE_ASSIGN_OR_RETURN(auto y, TrueLabels(bundle, *table, path));
  auto batch = table->CombineChunksToBatch();
  if (!batch.ok()) return Status::Internal("combining evaluation data: " + batch.status().ToString());
  MLPIPE_ASSIGN_OR_RETURN(auto x, bundle.Features(**batch, lineage_id));
  ctx.report_progress(0.4, fmt::format("scoring {} rows", x.rows));
  MLPIPE_ASSIGN_OR_RETURN(auto pred, bundle.booster->Predict(x));
  MLPIPE_RETURN_NOT_OK(ctx.CheckStop("after scoring"));

  ReportInput report;
  report.model_name = bundle.name;
  report.model_version = "v" + std::to_string(bundle.version);
  report.data_path = path;
  report.generated_at = FormatUtcMillis(SystemClock::Instance().NowMs());
  report.task = bundle.task;
  report.num_class = bundle.task == Task::kRegression ? 0 : bundle.num_class();
  report.classes = bundle.classes;
  report.metrics = ComputeMetrics(bundle.task, y, pred, report.num_class);
  MLPIPE_ASSIGN_OR_RETURN(report.importance, bundle.booster->FeatureImportance());
  report.y = std::move(y);
  report.pred = std::move(pred);

  const fs::path out_dir = dirs.metrics / bundle.name / report.model_version;
  const fs::path metrics_file = out_dir / ("evaluation-" + ctx.run_id + ".json");
  const fs::path report_file = out_dir / ("report-" + ctx.run_id + ".html");
  nlohmann::json metrics = report.metrics;
  metrics["model"] = bundle.name + "@" + report.model_version;
  metrics["data"] = path;
  MLPIPE_RETURN_NOT_OK(WriteFileAtomic(report_file, RenderEvaluationReport(report)));
  MLPIPE_RETURN_NOT_OK(WriteFileAtomic(metrics_file, metrics.dump(2)));
  ctx.report_progress(1.0, "wrote metrics and report");
  nlohmann::json out = {{"model", metrics["model"]}, {"metrics_file", metrics_file.string()},
                        {"report", report_file.string()}, {"rows", x.rows}};
  for (const char* key : {"roc_auc", "accuracy", "macro_f1", "rmse", "r2"}) {
    if (report.metrics.contains(key)) out[key] = report.metrics[key];
  }
  return out;
}

}  // namespace mlpipe::engine
