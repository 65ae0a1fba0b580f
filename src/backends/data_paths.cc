#include "backends/data_paths.h"

namespace mlpipe::backends {

Result<config::JobConfig> MapDataPaths(
    const config::JobConfig& config,
    const std::function<Result<std::string>(std::string_view)>& map) {
  config::JobConfig out = config;
  auto& d = out.data;
  if (d.evaluation_data_path.empty()) d.evaluation_data_path = d.validation_data_path;
  const std::pair<const char*, std::string*> paths[] = {
      {"raw_data_path", &d.raw_data_path},
      {"training_data_path", &d.training_data_path},
      {"validation_data_path", &d.validation_data_path},
      {"evaluation_data_path", &d.evaluation_data_path},
      {"prediction_input_path", &d.prediction_input_path},
      {"predictions_output_path", &d.predictions_output_path}};
  for (auto [key, p] : paths) {
    if (p->empty()) continue;
    auto mapped = map(*p);
    if (!mapped.ok() &&
        mapped.status().code() == StatusCode::kInvalidArgument) {  // a path in the config
      return Status::ConfigError("data_config." + std::string(key) + ": " +
                                 mapped.status().message());
    }
    MLPIPE_ASSIGN_OR_RETURN(*p, std::move(mapped));
  }
  return out;
}

JobInput InputOf(config::JobType type, const config::JobConfig& mapped) {
  const auto& d = mapped.data;
  switch (type) {
    case config::JobType::kDataProcessing:
      return {"data_config.raw_data_path", d.raw_data_path};
    case config::JobType::kTraining:
      return {"data_config.training_data_path", d.training_data_path};
    case config::JobType::kPrediction:
      return {"data_config.prediction_input_path", d.prediction_input_path};
    case config::JobType::kEvaluation:
      return {"data_config.evaluation_data_path", d.evaluation_data_path};
  }
  return {};
}

}  // namespace mlpipe::backends
