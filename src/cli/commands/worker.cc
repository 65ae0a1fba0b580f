// `mlpipe __worker APP_ID --registry DB` (hidden): the detached process that runs one local job.
// Started by the local backend's Submit, never by users.
#include "backends/local_worker.h"
#include "cli/commands/commands.h"
#include "cli/common.h"
#include "util/command_names.h"

namespace mlpipe::cli {
namespace {

struct WorkerOptions {
  std::string app_id;
  std::string registry;
};

// The worker reports to its job's record and log, not to a stream: its exit code is all it gives.
CommandResult RunWorker(const WorkerOptions& o) {
  return backends::RunLocalWorker(o.app_id, o.registry);
}

}  // namespace

void SetupWorker(CLI::App& app, int* exit_code) {
  auto opts = std::make_shared<WorkerOptions>();
  CLI::App* cmd = app.add_subcommand(std::string(commands::kWorker), "internal: run a local job");
  cmd->group("");  // hidden from --help
  cmd->add_option("app_id", opts->app_id)->required();
  cmd->add_option(std::string(commands::kWorkerRegistry), opts->registry)->required();
  OnRun(*cmd, exit_code, [opts](std::ostream&) { return RunWorker(*opts); });
}

}  // namespace mlpipe::cli
