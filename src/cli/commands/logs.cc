// `mlpipe logs -a ID`: the job's log; --follow keeps printing until the job ends.
#include <chrono>
#include <iostream>
#include <thread>

#include "cli/commands/commands.h"
#include "cli/commands/job_command.h"
#include "cli/common.h"
#include "cli/exit_codes.h"
#include "cli/job_view.h"
#include "util/strings.h"

namespace mlpipe::cli {

void SetupLogs(CLI::App& app, int* exit_code) {
  struct Options {
    std::string app_id;
    int tail = 0;
    bool follow = false;
    OutputFormat output = OutputFormat::kText;
  };
  auto opts = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("logs", "Print a job's log");
  cmd->add_option("-a,--application-id,--app-id,--applicationId", opts->app_id, "Application id")
      ->required();
  cmd->add_option("--tail", opts->tail, "Only the last N lines")->check(CLI::NonNegativeNumber);
  cmd->add_flag("-f,--follow", opts->follow, "Keep printing new lines until the job ends");
  AddOutputFlag(*cmd, opts->output);
  cmd->callback([opts, exit_code] {
    auto job = OpenJob(opts->app_id, exit_code);
    if (!job) return;
    size_t printed = 0;
    while (true) {
      auto text = job->backend->Logs(job->record, opts->follow ? 0 : opts->tail);
      if (!text.ok()) return void(*exit_code = ReportError(text.status()));
      if (opts->output == OutputFormat::kJson) {
        std::cout << JsonText(
                         nlohmann::json{{"application_id", job->record.app_id}, {"log", *text}})
                  << "\n";
        break;
      }
      if (text->size() > printed) std::cout << SanitizeText(text->substr(printed)) << std::flush;
      printed = text->size();
      if (!opts->follow || store::IsTerminal(job->record.state)) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
      auto fresh = job->backend->Refresh(job->record);
      if (!fresh.ok()) return void(*exit_code = ReportError(fresh.status()));
      job->record = std::move(*fresh);
    }
    *exit_code = kExitSuccess;
  });
}

}  // namespace mlpipe::cli
