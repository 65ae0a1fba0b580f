// `mlpipe validate`: load and check a config (all errors at once, with file:line:col); with -t also
// the keys that job type needs. Exit 0 when valid, 3 when not.
#include <fmt/format.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands/commands.h"
#include "cli/common.h"
#include "cli/exit_codes.h"
#include "util/strings.h"

namespace mlpipe::cli {

void SetupValidate(CLI::App& app, int* exit_code) {
  struct Options {
    ConfigFlags config;
    std::string job_type;
    OutputFormat output = OutputFormat::kText;
  };
  auto opts = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("validate", "Check a job configuration without running anything");
  cmd->add_option("-t,--type", opts->job_type, "Also check what this job type requires");
  AddConfigFlags(*cmd, opts->config);
  AddOutputFlag(*cmd, opts->output);
  cmd->callback([opts, exit_code] {
    const auto files = ConfigFilesOrDefault(opts->config);
    Status st = [&]() -> Status {
      MLPIPE_ASSIGN_OR_RETURN(auto cfg, LoadConfig(opts->config));
      if (opts->job_type.empty()) return Status::OK();
      MLPIPE_ASSIGN_OR_RETURN(auto type, config::ParseJobType(opts->job_type));
      return config::ValidateForJob(cfg, type);
    }();
    if (opts->output == OutputFormat::kJson) {
      std::cout << nlohmann::json{{"valid", st.ok()}, {"files", files}, {"errors", st.ok() ? "" : st.message()}}
                       .dump(2)
                << "\n";
      *exit_code = ExitCodeFor(st);
      return;
    }
    if (!st.ok()) return void(*exit_code = ReportError(st));
    std::cout << fmt::format("{}: valid\n", Join(files, " + "));
    *exit_code = kExitSuccess;
  });
}

}  // namespace mlpipe::cli
