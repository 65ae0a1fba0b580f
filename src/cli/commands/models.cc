// `mlpipe models`: the models in the warehouse the config selects, with their versions and which
// one `latest` names, for choosing `--model-version` / model_config.model_version.
#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <ostream>

#include "backends/local_paths.h"
#include "cli/commands/commands.h"
#include "cli/common.h"
#include "cli/exit_codes.h"
#include "engine/models/model_repo.h"

namespace mlpipe::cli {
namespace {

struct ModelsOptions {
  ConfigFlags config;
  OutputFormat output = OutputFormat::kText;
};

CommandResult RunModels(const ModelsOptions& o, std::ostream& out) {
  MLPIPE_ASSIGN_OR_RETURN(const config::JobConfig cfg, LoadConfig(o.config));
  engine::ModelRepository repo(fs::path(backends::WarehouseRootFor(cfg)) / "models");
  nlohmann::json models = nlohmann::json::array();
  std::string text = fmt::format("{:<32} {:<8} {}\n", "MODEL", "LATEST", "VERSIONS");
  for (const auto& name : repo.ModelNames()) {
    MLPIPE_ASSIGN_OR_RETURN(const std::vector<int> versions, repo.Versions(name));
    auto latest = repo.Resolve(name, "latest");
    const std::string latest_name = latest.ok() ? latest->filename().string() : "-";
    models.push_back({{"name", name}, {"latest", latest_name}, {"versions", versions}});
    text += fmt::format("{:<32} {:<8} {}\n", name, latest_name, fmt::join(versions, ", "));
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
