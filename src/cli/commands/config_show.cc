// `mlpipe config show`: the merged, effective configuration (defaults included) with every secret
// printed as ******.
#include <ostream>

#include "cli/commands/commands.h"
#include "cli/common.h"
#include "cli/exit_codes.h"

namespace mlpipe::cli {
namespace {

CommandResult RunConfigShow(const ConfigFlags& flags, std::ostream& out) {
  MLPIPE_ASSIGN_OR_RETURN(const config::JobConfig cfg, LoadConfig(flags));
  out << config::RenderYaml(cfg);
  return kExitSuccess;
}

}  // namespace

void SetupConfig(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<ConfigFlags>();
  CLI::App* cmd = app.add_subcommand("config", "Inspect configuration");
  cmd->require_subcommand(1);
  CLI::App* show = cmd->add_subcommand("show", "Print the merged configuration, secrets redacted");
  AddConfigFlags(*show, *flags);
  OnRun(*show, exit_code, [flags](std::ostream& out) { return RunConfigShow(*flags, out); });
}

}  // namespace mlpipe::cli
