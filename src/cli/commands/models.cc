// `mlpipe models`: the models in the warehouse the config selects, with their versions and which
// one `latest` names, for choosing `--model-version` / model_config.model_version.
#include <fmt/format.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "backends/local_paths.h"
#include "cli/commands/commands.h"
#include "cli/common.h"
#include "cli/exit_codes.h"
#include "engine/models/model_repo.h"

namespace mlpipe::cli {

void SetupModels(CLI::App& app, int* exit_code) {
  struct Options {
    ConfigFlags config;
    OutputFormat output = OutputFormat::kText;
  };
  auto opts = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("models", "List trained models and their versions");
  AddConfigFlags(*cmd, opts->config);
  AddOutputFlag(*cmd, opts->output);
  cmd->callback([opts, exit_code] {
    auto cfg = LoadConfig(opts->config);
    if (!cfg.ok()) return void(*exit_code = ReportError(cfg.status()));
    engine::ModelRepository repo(fs::path(backends::WarehouseRootFor(*cfg)) / "models");
    nlohmann::json models = nlohmann::json::array();
    std::string text = fmt::format("{:<32} {:<8} {}\n", "MODEL", "LATEST", "VERSIONS");
    for (const auto& name : repo.ModelNames()) {
      auto versions = repo.Versions(name);
      if (!versions.ok()) return void(*exit_code = ReportError(versions.status()));
      auto latest = repo.Resolve(name, "latest");
      const std::string latest_name = latest.ok() ? latest->filename().string() : "-";
      models.push_back({{"name", name}, {"latest", latest_name}, {"versions", *versions}});
      text += fmt::format("{:<32} {:<8} {}\n", name, latest_name, fmt::join(*versions, ", "));
    }
    std::cout << (opts->output == OutputFormat::kJson ? JsonText(models) + "\n" : text);
    *exit_code = kExitSuccess;
  });
}

}  // namespace mlpipe::cli
