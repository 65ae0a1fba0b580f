// What an evaluation run writes, shared by the local evaluation job and the Spark evaluation
// driver: the metrics file, the HTML report, their names under the metrics directory, and the job
// result.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "engine/jobs/model_bundle.h"
#include "util/fs.h"
#include "util/result.h"

namespace mlpipe::engine {

struct EvaluationOutput {
  nlohmann::json metrics;   // ComputeMetrics of the task, plus "model" and "data"
  std::string report_html;  // RenderEvaluationReport
  int64_t rows = 0;
};

// Metrics and report of `bundle` on the data at `data_path`, given the true labels and predictions;
// the report says it was generated at `generated_ms` (epoch ms).
Result<EvaluationOutput> FinishEvaluation(const ModelBundle& bundle, const std::string& data_path,
                                          std::vector<float> y, std::vector<float> pred,
                                          int64_t generated_ms);

// <metrics_root>/<name>/v<N>/evaluation-<run_id>.json and report-<run_id>.html.
std::pair<fs::path, fs::path> EvaluationFiles(const fs::path& metrics_root,
                                              const ModelBundle& bundle, const std::string& run_id);
// The same two files in a model version's metrics directory <metrics_root>/<name>/v<N>.
std::pair<fs::path, fs::path> EvaluationFilesIn(const fs::path& version_dir,
                                                const std::string& run_id);

// The job result naming the files written and the headline metrics.
nlohmann::json EvaluationJobResult(const EvaluationOutput& output, const std::string& metrics_file,
                                   const std::string& report_file);

}  // namespace mlpipe::engine
