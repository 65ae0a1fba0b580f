// `mlpipe kill -a ID`: stop a job and all its processes; the job ends KILLED. Killing a job that
// has already ended changes nothing and says so (exit 0, like `yarn application -kill`).
#include <iostream>

#include "cli/commands/commands.h"
#include "cli/commands/job_command.h"
#include "cli/common.h"
#include "cli/exit_codes.h"
#include "cli/job_view.h"

namespace mlpipe::cli {

void SetupKill(CLI::App& app, int* exit_code) {
  struct Options {
    std::string app_id;
    OutputFormat output = OutputFormat::kText;
  };
  auto opts = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("kill", "Kill a job");
  cmd->add_option("-a,--application-id,--app-id", opts->app_id, "Application id")->required();
  AddOutputFlag(*cmd, opts->output);
  cmd->callback([opts, exit_code] {
    auto job = OpenJob(opts->app_id, exit_code);
    if (!job) return;
    auto message = job->backend->Kill(job->record, "mlpipe kill");
    if (!message.ok()) return void(*exit_code = ReportError(message.status()));
    auto after = job->registry->Get(opts->app_id);
    if (!after.ok()) return void(*exit_code = ReportError(after.status()));
    if (opts->output == OutputFormat::kJson) {
      std::cout << JsonText(JobToJson(*after)) << "\n";
    } else {
      std::cout << *message << "\n";
    }
    *exit_code = kExitSuccess;
  });
}

}  // namespace mlpipe::cli
