// `mlpipe kill -a ID`: stop a job and all its processes; the job ends KILLED. Killing a job that
// has already ended changes nothing and says so (exit 0, like `yarn application -kill`).
#include <ostream>

#include "cli/commands/commands.h"
#include "cli/commands/job_command.h"
#include "cli/common.h"
#include "cli/exit_codes.h"
#include "cli/job_view.h"

namespace mlpipe::cli {
namespace {

struct KillOptions {
  std::string app_id;
  OutputFormat output = OutputFormat::kText;
};

CommandResult RunKill(const KillOptions& o, std::ostream& out) {
  MLPIPE_ASSIGN_OR_RETURN(const JobHandle job, OpenJob(o.app_id));
  MLPIPE_ASSIGN_OR_RETURN(const std::string message, job.backend->Kill(job.record, "mlpipe kill"));
  MLPIPE_ASSIGN_OR_RETURN(const store::JobRecord after, job.registry->Get(o.app_id));
  if (o.output == OutputFormat::kJson) {
    out << JsonText(JobToJson(after)) << "\n";
  } else {
    out << message << "\n";
  }
  return kExitSuccess;
}

}  // namespace

void SetupKill(CLI::App& app, int* exit_code) {
  auto opts = std::make_shared<KillOptions>();
  CLI::App* cmd = app.add_subcommand("kill", "Kill a job");
  cmd->add_option("-a,--application-id,--app-id", opts->app_id, "Application id")->required();
  AddOutputFlag(*cmd, opts->output);
  OnRun(*cmd, exit_code, [opts](std::ostream& out) { return RunKill(*opts, out); });
}

}  // namespace mlpipe::cli
