// Rules that span sections (resource limits) and the per-job-type required keys.
#include "config/decoder.h"
#include "config/loader.h"
#include "config/units.h"
#include "util/strings.h"

namespace mlpipe::config {
namespace {

// Where to report a value compared to a limit: the value if it was written, else the limit.
SourceLocation WhereToReport(const Decoder& d, const std::string& value_path,
                             const std::string& limit_path) {
  return d.WhereWritten(value_path).value_or(d.WhereWritten(limit_path).value_or(SourceLocation{}));
}

void CheckMemoryLimit(Decoder& d, const std::string& key, const std::string& value,
                      const std::optional<int64_t>& limit, const std::string& limit_key) {
  if (!limit) return;
  const Result<int64_t> bytes = ParseMemorySize(value);
  if (!bytes.ok() || *bytes <= *limit) return;
  d.Error(WhereToReport(d, "spark_config." + key, "resource_limits." + limit_key),
          "spark_config." + key + " " + value + " exceeds resource_limits." + limit_key + " " +
              FormatMemorySize(*limit) + "; lower it or raise the limit");
}

}  // namespace

void CheckCrossFieldRules(Decoder& d, const JobConfig& config) {
  const SparkConfig& spark = config.spark;
  const ResourceLimits& limits = config.limits;
  CheckMemoryLimit(d, "executor_memory", spark.executor_memory, limits.max_executor_memory_bytes,
                   "max_executor_memory");
  CheckMemoryLimit(d, "driver_memory", spark.driver_memory, limits.max_driver_memory_bytes,
                   "max_driver_memory");
  if (limits.max_executor_cores && spark.executor_cores > *limits.max_executor_cores) {
    d.Error(WhereToReport(d, "spark_config.executor_cores", "resource_limits.max_executor_cores"),
            "spark_config.executor_cores " + std::to_string(spark.executor_cores) +
                " exceeds resource_limits.max_executor_cores " +
                std::to_string(*limits.max_executor_cores) + "; lower it or raise the limit");
  }
  const int64_t total = int64_t{spark.num_executors} * spark.executor_cores;
  if (limits.max_total_cores && total > *limits.max_total_cores) {
    d.Error(WhereToReport(d, "spark_config.num_executors", "resource_limits.max_total_cores"),
            "spark_config.num_executors x executor_cores = " + std::to_string(spark.num_executors) +
                " x " + std::to_string(spark.executor_cores) + " = " + std::to_string(total) +
                " exceeds resource_limits.max_total_cores " +
                std::to_string(*limits.max_total_cores) + "; use fewer executors or cores");
  }
}

Status ValidateForJob(const JobConfig& config, JobType type) {
  const DataConfig& data = config.data;
  std::vector<std::pair<std::string, const std::string*>> required;
  switch (type) {
    case JobType::kTraining:
      required = {{"target_column", &data.target_column},
                  {"training_data_path", &data.training_data_path}};
      break;
    case JobType::kEvaluation:
      required = {
          {"target_column", &data.target_column},
          {"evaluation_data_path", data.evaluation_data_path.empty() ? &data.validation_data_path
                                                                     : &data.evaluation_data_path}};
      break;
    case JobType::kPrediction:
      required = {{"prediction_input_path", &data.prediction_input_path},
                  {"predictions_output_path", &data.predictions_output_path}};
      break;
    case JobType::kDataProcessing:
      required = {{"raw_data_path", &data.raw_data_path},
                  {"training_data_path", &data.training_data_path},
                  {"validation_data_path", &data.validation_data_path}};
      break;
  }
  std::vector<std::string> missing;
  for (const auto& [key, value] : required) {
    if (value->empty()) missing.push_back("data_config." + key);
  }
  if (missing.empty()) return Status::OK();
  const std::string file =
      config.source_files.empty() ? "job_config.yaml" : config.source_files.back();
  return Status::ConfigError(
      std::string(JobTypeName(type)) + " jobs need " + Join(missing, " and ") + "; add " +
      (missing.size() == 1 ? "it" : "them") + " under data_config: in " + file + " (or override " +
      missing.front() + "=... on the command line)");
}

}  // namespace mlpipe::config
