// `mlpipe monitor -a ID`: live progress on stderr until the job ends; the exit code follows the
// job's outcome (0 succeeded, 1 failed, 4 killed). Ctrl-C stops watching without killing the job.
#include <iostream>

#include "cli/commands/commands.h"
#include "cli/commands/job_command.h"
#include "cli/common.h"
#include "cli/job_view.h"
#include "cli/job_wait.h"

namespace mlpipe::cli {

void SetupMonitor(CLI::App& app, int* exit_code) {
  struct Options {
    std::string app_id;
    int interval_ms = 500;
    OutputFormat output = OutputFormat::kText;
  };
  auto opts = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("monitor", "Watch a job until it ends");
  cmd->add_option("-a,--application-id,--app-id", opts->app_id, "Application id")->required();
  cmd->add_option("--interval-ms", opts->interval_ms, "Poll interval in milliseconds")
      ->check(CLI::PositiveNumber);
  AddOutputFlag(*cmd, opts->output);
  cmd->callback([opts, exit_code] {
    auto job = OpenJob(opts->app_id, exit_code);
    if (!job) return;
    WaitOptions wait;
    wait.live_progress = StderrIsTerminal();
    wait.kill_on_signal = false;
    wait.poll_interval_ms = opts->interval_ms;
    store::JobRecord final_record;
    *exit_code = WaitForJob(*job->registry, opts->app_id, wait, &final_record);
    if (final_record.app_id.empty()) return;
    if (opts->output == OutputFormat::kJson) {
      std::cout << JsonText(JobToJson(final_record)) << "\n";
    } else {
      std::cout << JobStatusText(final_record);
    }
  });
}

}  // namespace mlpipe::cli
