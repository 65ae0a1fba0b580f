// `mlpipe validate`: load and check a config (all errors at once, with file:line:col), where its
// jobs would write (the output path rules, backends/output_paths.h, offline: nothing is read from
// the outputs or the cluster) and, unless --no-data, the data they would read
// (engine/jobs/data_checks.h: schema, target, feature_pipeline columns, model columns, the split);
// with -t also the keys that job type needs, and only that type's data. Exit 0 when valid, 3 when
// not.
#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <ostream>

#include "backends/backend.h"
#include "cli/commands/commands.h"
#include "cli/common.h"
#include "cli/exit_codes.h"
#include "util/strings.h"

namespace mlpipe::cli {
namespace {

struct ValidateOptions {
  ConfigFlags config;
  std::string job_type;
  bool no_data = false;
  OutputFormat output = OutputFormat::kText;
};

// Every check `o` asks for; what the data checks saw goes to `*data`.
Status Check(const ValidateOptions& o, engine::DataCheckReport* data) {
  MLPIPE_ASSIGN_OR_RETURN(auto cfg, LoadConfig(o.config));
  std::vector<config::JobType> types = {config::JobType::kDataProcessing,
                                        config::JobType::kPrediction};
  std::vector<config::JobType> data_types = {
      config::JobType::kDataProcessing, config::JobType::kTraining, config::JobType::kPrediction,
      config::JobType::kEvaluation};
  if (!o.job_type.empty()) {
    MLPIPE_ASSIGN_OR_RETURN(auto type, config::ParseJobType(o.job_type));
    MLPIPE_RETURN_NOT_OK(config::ValidateForJob(cfg, type));
    types = data_types = {type};
  }
  MLPIPE_ASSIGN_OR_RETURN(auto registry, OpenRegistry());
  MLPIPE_ASSIGN_OR_RETURN(auto backend, backends::BackendFor(cfg, *registry));
  for (auto type : types) MLPIPE_RETURN_NOT_OK(backend->CheckOutputs(type, cfg, /*offline=*/true));
  if (o.no_data) return Status::OK();
  std::vector<std::string> problems;
  for (auto type : data_types) {
    auto report = backend->CheckData(type, cfg);
    if (!report.ok()) {
      if (report.status().code() != StatusCode::kConfigError) return report.status();
      problems.push_back(report.status().message());
      continue;
    }
    data->checked.insert(data->checked.end(), report->checked.begin(), report->checked.end());
    data->skipped.insert(data->skipped.end(), report->skipped.begin(), report->skipped.end());
  }
  if (!problems.empty()) return Status::ConfigError(Join(problems, "\n"));
  return Status::OK();
}

// JSON output reports an invalid config as data ("valid": false) and still exits with its code.
CommandResult RunValidate(const ValidateOptions& o, std::ostream& out) {
  const auto files = ConfigFilesOrDefault(o.config);
  engine::DataCheckReport data;
  const Status st = Check(o, &data);
  if (o.output == OutputFormat::kJson) {
    out << JsonText({{"valid", st.ok()},
                     {"files", files},
                     {"errors", st.ok() ? "" : st.message()},
                     {"data_checked", data.checked},
                     {"data_skipped", data.skipped}})
        << "\n";
    return ExitCodeFor(st);
  }
  MLPIPE_RETURN_NOT_OK(st);
  out << fmt::format("{}: valid\n", Join(files, " + "));
  for (const auto& line : data.checked) out << "  data checked: " << line << "\n";
  for (const auto& line : data.skipped) out << "  data not checked: " << line << "\n";
  return kExitSuccess;
}

}  // namespace

void SetupValidate(CLI::App& app, int* exit_code) {
  auto opts = std::make_shared<ValidateOptions>();
  CLI::App* cmd =
      app.add_subcommand("validate", "Check a job configuration without running anything");
  cmd->add_option("-t,--type", opts->job_type, "Also check what this job type requires");
  cmd->add_flag("--no-data", opts->no_data, "Check the config only; read no input data or model");
  AddConfigFlags(*cmd, opts->config);
  AddOutputFlag(*cmd, opts->output);
  OnRun(*cmd, exit_code, [opts](std::ostream& out) { return RunValidate(*opts, out); });
}

}  // namespace mlpipe::cli
