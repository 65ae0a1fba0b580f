// `mlpipe logs -a ID`: the job's log; --follow keeps printing until the job ends.
#include <chrono>
#include <ostream>

#include "cli/commands/commands.h"
#include "cli/commands/job_command.h"
#include "cli/common.h"
#include "cli/exit_codes.h"
#include "cli/job_view.h"
#include "util/local_env.h"
#include "util/strings.h"

namespace mlpipe::cli {
namespace {

struct LogsOptions {
  std::string app_id;
  int tail = 0;
  bool follow = false;
  OutputFormat output = OutputFormat::kText;
};

CommandResult RunLogs(const LogsOptions& o, std::ostream& out) {
  MLPIPE_ASSIGN_OR_RETURN(JobHandle job, OpenJob(o.app_id));
  size_t printed = 0;
  while (true) {
    MLPIPE_ASSIGN_OR_RETURN(const std::string text,
                            job.backend->Logs(job.record, o.follow ? 0 : o.tail));
    if (o.output == OutputFormat::kJson) {
      out << JsonText(nlohmann::json{{"application_id", job.record.app_id}, {"log", text}}) << "\n";
      return kExitSuccess;
    }
    if (text.size() > printed) out << SanitizeText(text.substr(printed)) << std::flush;
    printed = text.size();
    if (!o.follow || store::IsTerminal(job.record.state)) return kExitSuccess;
    SystemEnv().SleepFor(std::chrono::milliseconds(300));
    MLPIPE_ASSIGN_OR_RETURN(job.record, job.backend->Refresh(job.record));
  }
}

}  // namespace

void SetupLogs(CLI::App& app, int* exit_code) {
  auto opts = std::make_shared<LogsOptions>();
  CLI::App* cmd = app.add_subcommand("logs", "Print a job's log");
  cmd->add_option("-a,--application-id,--app-id,--applicationId", opts->app_id, "Application id")
      ->required();
  cmd->add_option("--tail", opts->tail, "Only the last N lines")->check(CLI::NonNegativeNumber);
  cmd->add_flag("-f,--follow", opts->follow, "Keep printing new lines until the job ends");
  AddOutputFlag(*cmd, opts->output);
  OnRun(*cmd, exit_code, [opts](std::ostream& out) { return RunLogs(*opts, out); });
}

}  // namespace mlpipe::cli
