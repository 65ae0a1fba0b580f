// evaluation: model + labelled data -> the task's metrics
// (metrics/<name>/v<N>/evaluation-<id>.json) and a self-contained HTML report with ROC/PR curves,
// confusion matrix, calibration and importance.
#include <fmt/format.h>

#include "engine/io/table_reader.h"
#include "engine/jobs/evaluation_output.h"
#include "engine/jobs/jobs.h"
#include "engine/jobs/model_bundle.h"
#include "engine/models/labels.h"
#include "util/fs.h"
#include "util/test_seam.h"

namespace mlpipe::engine {

namespace {

Result<std::vector<float>> TrueLabels(const ModelBundle& bundle, const arrow::Table& table,
                                      const std::string& path) {
  auto target = table.GetColumnByName(bundle.target_column);
  if (!target) {
    return Status::DataError(fmt::format("target column '{}' is missing from evaluation data '{}'",
                                         bundle.target_column, path));
  }
  return EncodeTarget(*target, bundle.target_column, bundle.task, bundle.classes);
}

}  // namespace

Result<nlohmann::json> RunEvaluation(const config::JobConfig& config, const JobDirs& dirs,
                                     const JobContext& ctx) {
  const auto& m = config.model;
  const std::string& path = config.data.evaluation_data_path;
  MLPIPE_ASSIGN_OR_RETURN(auto bundle, LoadModelBundle(dirs.models, m.model_name, m.model_version));
  ctx.log(fmt::format("evaluating {}@v{} on {}", bundle.name, bundle.version, path));
  MLPIPE_ASSIGN_OR_RETURN(auto lineage_id, InputLineageId(path));
  ReadOptions read = ReadOptionsFor(config.data);
  read.column_types = bundle.InputColumnTypes();
  MLPIPE_ASSIGN_OR_RETURN(auto table, ReadTable(path, read));
  MLPIPE_ASSIGN_OR_RETURN(auto y, TrueLabels(bundle, *table, path));
  auto batch = table->CombineChunksToBatch();
  if (!batch.ok())
    return Status::Internal("combining evaluation data: " + batch.status().ToString());
  MLPIPE_ASSIGN_OR_RETURN(auto x, bundle.Features(**batch, lineage_id));
  ctx.report_progress(0.4, fmt::format("scoring {} rows", x.rows));
  MLPIPE_ASSIGN_OR_RETURN(auto pred, bundle.booster->Predict(x));
  MLPIPE_RETURN_NOT_OK(ctx.CheckStop("after scoring"));

  MLPIPE_ASSIGN_OR_RETURN(auto output, FinishEvaluation(bundle, path, std::move(y), std::move(pred),
                                                        ctx.clock.NowMs()));
  const auto files = EvaluationFiles(dirs.metrics, bundle, ctx.run_id);
  const fs::path& metrics_file = files.first;  // captured below: clang 14 cannot capture a binding
  const fs::path& report_file = files.second;
  ctx.report_progress(1.0, "computed metrics and report");
  // The metrics file, written last, is what makes an evaluation published.
  return ctx.commit([&]() -> Result<nlohmann::json> {
    MLPIPE_RETURN_NOT_OK(WriteFileAtomic(report_file, output.report_html));
    DieIfTestSeam("staged");
    MLPIPE_RETURN_NOT_OK(WriteFileAtomic(metrics_file, output.metrics.dump(2)));
    DieIfTestSeam("published");
    return EvaluationJobResult(output, metrics_file.string(), report_file.string());
  });
}

}  // namespace mlpipe::engine
