// `mlpipe status -a ID`: one job's state, final status, progress, times, diagnostics and outputs.
#include <iostream>

#include "cli/commands/commands.h"
#include "cli/commands/job_command.h"
#include "cli/common.h"
#include "cli/exit_codes.h"
#include "cli/job_view.h"

namespace mlpipe::cli {

void SetupStatus(CLI::App& app, int* exit_code) {
  struct Options {
    std::string app_id;
    OutputFormat output = OutputFormat::kText;
  };
  auto opts = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("status", "Show one job's status");
  cmd->add_option("-a,--application-id,--app-id", opts->app_id, "Application id")->required();
  AddOutputFlag(*cmd, opts->output);
  cmd->callback([opts, exit_code] {
    auto job = OpenJob(opts->app_id, exit_code);
    if (!job) return;
    if (opts->output == OutputFormat::kJson) {
      std::cout << JsonText(JobToJson(job->record)) << "\n";
    } else {
      std::cout << JobStatusText(job->record);
    }
    *exit_code = kExitSuccess;
  });
}

}  // namespace mlpipe::cli
