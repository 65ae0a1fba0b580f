// `mlpipe models`: the models in the store of the config's backend (the local warehouse, or HDFS
// on yarn: backends/backend_store.h), with their versions and which one `latest` names, for
// choosing `--model-version` / model_config.model_version.
#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <ostream>

#include "backends/backend_store.h"
#include "cli/commands/commands.h"
#include "cli/common.h"
#include "cli/exit_codes.h"
#include "engine/io/version_names.h"
#include "engine/models/model_catalog.h"

namespace mlpipe::cli {
namespace {

struct ModelsOptions {
  ConfigFlags config;
  OutputFormat output = OutputFormat::kText;
};

CommandResult RunModels(const ModelsOptions& o, std::ostream& out) {
  MLPIPE_ASSIGN_OR_RETURN(const config::JobConfig cfg, LoadConfig(o.config));
  MLPIPE_ASSIGN_OR_RETURN(const backends::BackendStore store, backends::OpenBackendStore(cfg));
  MLPIPE_ASSIGN_OR_RETURN(const std::vector<engine::ModelSummary> listed,
                          engine::ListModels(*store.files, store.ModelsDir()));
  nlohmann::json models = nlohmann::json::array();
  std::string text = fmt::format("{:<32} {:<8} {}\n", "MODEL", "LATEST", "VERSIONS");
  for (const auto& model : listed) {
    const std::string latest = model.latest ? engine::VersionDirName(*model.latest) : "-";
    models.push_back({{"name", model.name}, {"latest", latest}, {"versions", model.versions}});
    text += fmt::format("{:<32} {:<8} {}\n", model.name, latest, fmt::join(model.versions, ", "));
  }
  out << (o.output == OutputFormat::kJson ? JsonText(models) + "\n" : text);
  return kExitSuccess;
}

}  // namespace

void SetupModels(CLI::App& app, int* exit_code) {
  auto opts = std::make_shared<ModelsOptions>();
  CLI::App* cmd = app.add_subcommand("models", "List trained models and their versions");
  AddConfigFlags(*cmd, opts->config);
  AddOutputFlag(*cmd, opts->output);
  OnRun(*cmd, exit_code, [opts](std::ostream& out) { return RunModels(*opts, out); });
}

}  // namespace mlpipe::cli
