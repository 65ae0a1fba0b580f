// `mlpipe config show`: the merged, effective configuration (defaults included) with every secret
// printed as ******.
#include <iostream>

#include "cli/commands/commands.h"
#include "cli/common.h"
#include "cli/exit_codes.h"

namespace mlpipe::cli {

void SetupConfig(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<ConfigFlags>();
  CLI::App* cmd = app.add_subcommand("config", "Inspect configuration");
  cmd->require_subcommand(1);
  CLI::App* show = cmd->add_subcommand("show", "Print the merged configuration, secrets redacted");
  AddConfigFlags(*show, *flags);
  show->callback([flags, exit_code] {
    auto cfg = LoadConfig(*flags);
    if (!cfg.ok()) return void(*exit_code = ReportError(cfg.status()));
    std::cout << config::RenderYaml(*cfg);
    *exit_code = kExitSuccess;
  });
}

}  // namespace mlpipe::cli
