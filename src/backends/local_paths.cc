#include "backends/local_paths.h"

#include "backends/output_paths.h"
#include "engine/io/output_commit.h"
#include "store/home.h"

namespace mlpipe::backends {

std::string WarehouseRootFor(const config::JobConfig& config) {
  if (!config.environment.warehouse_root.empty()) {
    return fs::absolute(config.environment.warehouse_root).lexically_normal().string();
  }
  return store::DefaultWarehouseRoot(store::MlpipeHome()).string();
}

Result<config::JobConfig> ResolveDataPaths(const config::JobConfig& config,
                                           const store::Warehouse& warehouse) {
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

namespace mlpipe::backends {

namespace {

// The places on this machine no output may replace or enter (output_paths.h).
ProtectedPaths LocalProtectedPaths(const store::Warehouse& w, const std::string& model_name) {
  using store::Area;
  const std::string root = w.root().string();
  const std::string home = store::MlpipeHome().string();
  ProtectedPaths p;
  p.never_replaced = {{"the filesystem root", "/"},
                      {"your home directory", store::UserHome().string()},
                      {"MLPIPE_HOME", home},
                      {"the warehouse root", root},
                      {"the warehouse's data directory", root + "/data"},
                      {"the model directory", (w.Dir(Area::kModels) / model_name).string()}};
  const auto area = [&](Area a) {
    return "the warehouse's " + std::string(store::AreaDirs()[size_t(a)]) + " area";
  };
  for (Area a : {Area::kModels, Area::kArtifacts, Area::kConfigs, Area::kLogs, Area::kCheckpoints,
                 Area::kMetrics}) {
    p.never_replaced.emplace_back(area(a), w.Dir(a).string());
  }
  for (Area a : {Area::kModels, Area::kMetrics, Area::kConfigs, Area::kLogs}) {
    p.never_inside.emplace_back(area(a), w.Dir(a).string());
  }
  p.never_inside.emplace_back("MLPIPE_HOME", home, root);
  return p;
}

// A local path as written (absolute, normalized) and with its symlinks resolved.
std::vector<std::string> LocalForms(const std::string& path) {
  std::error_code ec;
  const std::string lexical = NormalizePath(fs::absolute(path, ec).string());
  const fs::path real = fs::weakly_canonical(lexical, ec);
  if (ec || NormalizePath(real.string()) == lexical) return {lexical};
  return {lexical, NormalizePath(real.string())};
}

}  // namespace

Status CheckLocalOutputs(config::JobType type, const config::JobConfig& resolved,
                         const store::Warehouse& warehouse, bool offline) {
  MLPIPE_RETURN_NOT_OK(CheckOutputPaths(
      type, resolved, LocalProtectedPaths(warehouse, resolved.model.model_name), LocalForms));
  if (offline) return Status::OK();
  for (const auto& target : engine::ConfiguredOutputs(type, resolved)) {
    MLPIPE_RETURN_NOT_OK(engine::CheckLocalOutput(target));
  }
  return Status::OK();
}

}  // namespace mlpipe::backends
