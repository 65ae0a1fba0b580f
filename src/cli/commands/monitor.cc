// `mlpipe monitor -a ID`: live progress on stderr until the job ends; the exit code follows the
// job's outcome (0 succeeded, 1 failed, 4 killed). Ctrl-C stops watching without killing the job.
#include <ostream>

#include "cli/commands/commands.h"
#include "cli/commands/job_command.h"
#include "cli/common.h"
#include "cli/job_view.h"
#include "cli/job_wait.h"

namespace mlpipe::cli {
namespace {

struct MonitorOptions {
  std::string app_id;
  int interval_ms = 500;
  OutputFormat output = OutputFormat::kText;
};

CommandResult RunMonitor(const MonitorOptions& o, std::ostream& out) {
  MLPIPE_ASSIGN_OR_RETURN(const JobHandle job, OpenJob(o.app_id));
  WaitOptions wait;
  wait.live_progress = StderrIsTerminal();
  wait.kill_on_signal = false;
  wait.poll_interval_ms = o.interval_ms;
  store::JobRecord final_record;
  MLPIPE_ASSIGN_OR_RETURN(const int outcome,
                          WaitForJob(*job.registry, SystemEnv(), o.app_id, wait, &final_record));
  out << JobView(final_record, o.output);
  return outcome;
}

}  // namespace

void SetupMonitor(CLI::App& app, int* exit_code) {
  auto opts = std::make_shared<MonitorOptions>();
  CLI::App* cmd = app.add_subcommand("monitor", "Watch a job until it ends");
  cmd->add_option("-a,--application-id,--app-id", opts->app_id, "Application id")->required();
  cmd->add_option("--interval-ms", opts->interval_ms, "Poll interval in milliseconds")
      ->check(CLI::PositiveNumber);
  AddOutputFlag(*cmd, opts->output);
  OnRun(*cmd, exit_code, [opts](std::ostream& out) { return RunMonitor(*opts, out); });
}

}  // namespace mlpipe::cli
