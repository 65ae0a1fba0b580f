#include "backends/local_paths.h"

#include "store/home.h"

namespace mlpipe::backends {

std::string WarehouseRootFor(const config::JobConfig& config) {
  if (!config.environment.warehouse_root.empty()) {
    return fs::absolute(config.environment.warehouse_root).lexically_normal().string();
  }
  return (store::MlpipeHome() / "warehouse").string();
}

Result<config::JobConfig> ResolveDataPaths(const config::JobConfig& config, const store::Warehouse& warehouse) {
  config::JobConfig out = config;
  auto& d = out.data;
  if (d.evaluation_data_path.empty()) d.evaluation_data_path = d.validation_data_path;
  const std::string& base = config.environment.hdfs_base_path;
  for (std::string* p : {&d.raw_data_path, &d.training_data_path, &d.validation_data_path, &d.evaluation_data_path,
                         &d.prediction_input_path, &d.predictions_output_path}) {
    if (p->empty()) continue;
    MLPIPE_ASSIGN_OR_RETURN(auto resolved, warehouse.Resolve(*p, base));
    *p = resolved.string();
  }
  return out;
}

engine::JobDirs JobDirsFor(const store::Warehouse& warehouse) {
  return {warehouse.Dir(store::Area::kModels), warehouse.Dir(store::Area::kMetrics),
          warehouse.Dir(store::Area::kArtifacts)};
}

JobInput InputOf(config::JobType type, const config::JobConfig& resolved) {
  const auto& d = resolved.data;
  switch (type) {
    case config::JobType::kDataProcessing: return {"data_config.raw_data_path", d.raw_data_path};
    case config::JobType::kTraining: return {"data_config.training_data_path", d.training_data_path};
    case config::JobType::kPrediction: return {"data_config.prediction_input_path", d.prediction_input_path};
    case config::JobType::kEvaluation: return {"data_config.evaluation_data_path", d.evaluation_data_path};
  }
  return {};
}

}  // namespace mlpipe::backends
