// `mlpipe validate`: load and check a config (all errors at once, with file:line:col), where its
// jobs would write (the output path rules, backends/output_paths.h, offline: nothing is read from
// the outputs or the cluster) and, unless --no-data, the data they would read
// (engine/jobs/data_checks.h: schema, target, feature_pipeline columns, model columns, the split);
// with -t also the keys that job type needs, and only that type's data. Exit 0 when valid, 3 when
// not.
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
    bool no_data = false;
    OutputFormat output = OutputFormat::kText;
  };
  auto opts = std::make_shared<Options>();
  CLI::App* cmd =
      app.add_subcommand("validate", "Check a job configuration without running anything");
  cmd->add_option("-t,--type", opts->job_type, "Also check what this job type requires");
  cmd->add_flag("--no-data", opts->no_data, "Check the config only; read no input data or model");
  AddConfigFlags(*cmd, opts->config);
  AddOutputFlag(*cmd, opts->output);
  cmd->callback([opts, exit_code] {
    const auto files = ConfigFilesOrDefault(opts->config);
    engine::DataCheckReport data;
    Status st = [&]() -> Status {
      MLPIPE_ASSIGN_OR_RETURN(auto cfg, LoadConfig(opts->config));
      std::vector<config::JobType> types = {config::JobType::kDataProcessing,
                                            config::JobType::kPrediction};
      std::vector<config::JobType> data_types = {
          config::JobType::kDataProcessing, config::JobType::kTraining,
          config::JobType::kPrediction, config::JobType::kEvaluation};
      if (!opts->job_type.empty()) {
        MLPIPE_ASSIGN_OR_RETURN(auto type, config::ParseJobType(opts->job_type));
        MLPIPE_RETURN_NOT_OK(config::ValidateForJob(cfg, type));
        types = data_types = {type};
      }
      MLPIPE_ASSIGN_OR_RETURN(auto registry, OpenRegistry());
      MLPIPE_ASSIGN_OR_RETURN(auto backend, backends::BackendFor(cfg, *registry));
      for (auto type : types)
        MLPIPE_RETURN_NOT_OK(backend->CheckOutputs(type, cfg, /*offline=*/true));
      if (opts->no_data) return Status::OK();
      std::vector<std::string> problems;
      for (auto type : data_types) {
        auto report = backend->CheckData(type, cfg);
        if (!report.ok()) {
          if (report.status().code() != StatusCode::kConfigError) return report.status();
          problems.push_back(report.status().message());
          continue;
        }
        data.checked.insert(data.checked.end(), report->checked.begin(), report->checked.end());
        data.skipped.insert(data.skipped.end(), report->skipped.begin(), report->skipped.end());
      }
      if (!problems.empty()) return Status::ConfigError(Join(problems, "\n"));
      return Status::OK();
    }();
    if (opts->output == OutputFormat::kJson) {
      std::cout << JsonText({{"valid", st.ok()},
                             {"files", files},
                             {"errors", st.ok() ? "" : st.message()},
                             {"data_checked", data.checked},
                             {"data_skipped", data.skipped}})
                << "\n";
      *exit_code = ExitCodeFor(st);
      return;
    }
    if (!st.ok()) return void(*exit_code = ReportError(st));
    std::cout << fmt::format("{}: valid\n", Join(files, " + "));
    for (const auto& line : data.checked) std::cout << "  data checked: " << line << "\n";
    for (const auto& line : data.skipped) std::cout << "  data not checked: " << line << "\n";
    *exit_code = kExitSuccess;
  });
}

}  // namespace mlpipe::cli
