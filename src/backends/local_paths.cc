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
  const std::string& base = config.environment.hdfs_base_path;
  return MapDataPaths(config, [&](std::string_view path) -> Result<std::string> {
    MLPIPE_ASSIGN_OR_RETURN(auto resolved, warehouse.Resolve(path, base));
    return resolved.string();
  });
}

engine::JobDirs JobDirsFor(const store::Warehouse& warehouse) {
  return {warehouse.Dir(store::Area::kModels), warehouse.Dir(store::Area::kMetrics),
          warehouse.Dir(store::Area::kArtifacts)};
}

}  // namespace mlpipe::backends
