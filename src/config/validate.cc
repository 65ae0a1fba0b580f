// The per-job-type required keys (rules across sections: config/resources.cc).
#include "config/loader.h"
#include "util/strings.h"

namespace mlpipe::config {

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
