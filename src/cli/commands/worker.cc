// `mlpipe __worker APP_ID --registry DB` (hidden): the detached process that runs one local job.
// Started by the local backend's Submit, never by users.
#include "backends/local_worker.h"
#include "cli/commands/commands.h"
#include "util/command_names.h"

namespace mlpipe::cli {

void SetupWorker(CLI::App& app, int* exit_code) {
  struct Options {
    std::string app_id;
    std::string registry;
  };
  auto opts = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand(std::string(commands::kWorker), "internal: run a local job");
  cmd->group("");  // hidden from --help
  cmd->add_option("app_id", opts->app_id)->required();
  cmd->add_option(std::string(commands::kWorkerRegistry), opts->registry)->required();
  cmd->callback(
      [opts, exit_code] { *exit_code = backends::RunLocalWorker(opts->app_id, opts->registry); });
}

}  // namespace mlpipe::cli
