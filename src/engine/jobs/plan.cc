#include "engine/jobs/plan.h"

#include <fmt/format.h>

#include "config/names.h"
#include "engine/jobs/training_data.h"

namespace mlpipe::engine {

namespace {

std::string DescribeStep(const config::StepSpec& s) {
  std::string out(config::StepKindName(s.kind));
  if (!s.method.empty()) out += " " + s.method;
  if (!s.output.empty()) out += " " + s.output + " =";
  if (!s.expression.empty()) out += " " + s.expression;
  if (!s.columns.empty()) out += " [" + fmt::format("{}", fmt::join(s.columns, ", ")) + "]";
  for (const auto& [col, type] : s.cast_types) out += " " + col + ":" + type;
  return out;
}

std::string ModelLine(const config::JobConfig& c, const JobDirs& dirs) {
  const std::string version = c.model.model_version.empty() ? "latest" : c.model.model_version;
  return fmt::format("model: {}@{} (from {})\n", c.model.model_name, version,
                     (dirs.models / c.model.model_name).string());
}

}  // namespace

Result<std::string> DescribeJob(config::JobType type, const config::JobConfig& c,
                                const JobDirs& dirs) {
  const auto& d = c.data;
  const auto& job = c.ForJob(type);
  std::string out = "plan:\n";
  switch (type) {
    case config::JobType::kDataProcessing:
      out += fmt::format(
          "  read: {}\n  split: test_size {} seed {}\n  write: {} ({}) and {} ({}), {}\n",
          d.raw_data_path, d.split.test_size, d.split.seed, d.training_data_path,
          config::WriteModeName(d.write_mode.training_data_path), d.validation_data_path,
          config::WriteModeName(d.write_mode.validation_data_path), job.output_compression);
      out += fmt::format("  feature_pipeline: {} steps\n", d.feature_pipeline.size());
      for (const auto& s : d.feature_pipeline) out += "    - " + DescribeStep(s) + "\n";
      break;
    case config::JobType::kTraining:
      out += fmt::format(
          "  read: {}\n  target: {} (task {})\n  algorithm: {} {}\n  cv_folds: {}  test_size: {}  "
          "seed: {}\n",
          d.training_data_path, d.target_column, config::TaskName(c.model.task),
          config::AlgorithmName(c.model.algorithm), HyperparametersToJson(c.model).dump(),
          c.model.cv_folds, c.model.test_size, c.model.seed);
      out += fmt::format("  write: {}/v<next> and {}/v<next>/training.json\n",
                         (dirs.models / c.model.model_name).string(),
                         (dirs.metrics / c.model.model_name).string());
      break;
    case config::JobType::kPrediction:
      out += "  " + ModelLine(c, dirs);
      out += fmt::format(
          "  read: {} in batches of {}\n  write: {} ({}, {}), committed atomically\n",
          d.prediction_input_path, job.batch_size, d.predictions_output_path,
          config::WriteModeName(d.write_mode.predictions_output_path), job.output_compression);
      break;
    case config::JobType::kEvaluation:
      out += "  " + ModelLine(c, dirs);
      out += fmt::format(
          "  read: {}\n  target: {}\n  write: {}/<version>/evaluation-<id>.json and "
          "report-<id>.html\n",
          d.evaluation_data_path, d.target_column, (dirs.metrics / c.model.model_name).string());
      break;
  }
  if (job.timeout_seconds) out += fmt::format("  timeout: {}s\n", *job.timeout_seconds);
  return out;
}

}  // namespace mlpipe::engine
