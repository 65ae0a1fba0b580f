// `mlpipe validate`: load and check a config (all errors at once, with file:line:col), and where
// its jobs would write (the output path rules, backends/output_paths.h, offline: nothing is read
// from the outputs or the cluster); with -t also the keys that job type needs. Exit 0 when valid, 3
// when not.
#include <fmt/format.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "backends/backend.h"
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
      std::vector<config::JobType> types = {config::JobType::kDataProcessing,
                                            config::JobType::kPrediction};
      if (!opts->job_type.empty()) {
        MLPIPE_ASSIGN_OR_RETURN(auto type, config::ParseJobType(opts->job_type));
        MLPIPE_RETURN_NOT_OK(config::ValidateForJob(cfg, type));
        types = {type};
      }
      MLPIPE_ASSIGN_OR_RETURN(auto registry, OpenRegistry());
      MLPIPE_ASSIGN_OR_RETURN(auto backend, backends::BackendFor(cfg, *registry));
      for (auto type : types)
        MLPIPE_RETURN_NOT_OK(backend->CheckOutputs(type, cfg, /*offline=*/true));
      return Status::OK();
    }();
    if (opts->output == OutputFormat::kJson) {
      std::cout << JsonText({{"valid", st.ok()},
                             {"files", files},
                             {"errors", st.ok() ? "" : st.message()}})
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
