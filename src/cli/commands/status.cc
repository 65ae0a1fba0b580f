// `mlpipe status -a ID`: one job's state, final status, progress, times, diagnostics and outputs.
#include <ostream>

#include "cli/commands/commands.h"
#include "cli/commands/job_command.h"
#include "cli/common.h"
#include "cli/exit_codes.h"
#include "cli/job_view.h"

namespace mlpipe::cli {
namespace {

struct StatusOptions {
  std::string app_id;
  OutputFormat output = OutputFormat::kText;
};

CommandResult RunStatus(const StatusOptions& o, std::ostream& out) {
  MLPIPE_ASSIGN_OR_RETURN(const JobHandle job, OpenJob(o.app_id));
  out << JobView(job.record, o.output);
  return kExitSuccess;
}

}  // namespace

void SetupStatus(CLI::App& app, int* exit_code) {
  auto opts = std::make_shared<StatusOptions>();
  CLI::App* cmd = app.add_subcommand("status", "Show one job's status");
  cmd->add_option("-a,--application-id,--app-id", opts->app_id, "Application id")->required();
  AddOutputFlag(*cmd, opts->output);
  OnRun(*cmd, exit_code, [opts](std::ostream& out) { return RunStatus(*opts, out); });
}

}  // namespace mlpipe::cli
