// `mlpipe submit`: turn the flags into a request and hand it to the submit workflow
// (backends/submission.h), which records and starts the job on the configured backend. Accepts the
// document's batch_submit.sh flags and the submit_job.py positional form
// (`mlpipe submit prediction --config job_config.yaml --app-args "..."`).
#include <fmt/format.h>

#include <iostream>

#include "backends/submission.h"
#include "cli/app_args.h"
#include "cli/commands/commands.h"
#include "cli/common.h"
#include "cli/exit_codes.h"
#include "cli/job_view.h"
#include "cli/job_wait.h"
#include "util/strings.h"

namespace mlpipe::cli {

namespace {

struct SubmitOptions {
  std::string type_flag;
  std::string type_positional;
  std::string name;
  std::string queue;
  std::string backend;
  std::optional<int> num_executors, executor_cores;
  std::string executor_memory, driver_memory;
  std::string app_args;
  std::string script;
  ConfigFlags config;
  OutputFormat output = OutputFormat::kText;
  bool dry_run = false;
  bool verbose = false;
  bool wait = false;
};

// Command-line flags become config overrides, applied after the files, so they are validated alike.
Result<std::vector<std::string>> FlagOverrides(const SubmitOptions& o, config::JobType type) {
  std::vector<std::string> out;
  if (!o.queue.empty()) out.push_back("environment_config.queue=" + QuoteYaml(o.queue));
  if (!o.backend.empty()) out.push_back("environment_config.backend=" + QuoteYaml(o.backend));
  if (o.num_executors)
    out.push_back(fmt::format("spark_config.num_executors={}", *o.num_executors));
  if (o.executor_cores)
    out.push_back(fmt::format("spark_config.executor_cores={}", *o.executor_cores));
  if (!o.executor_memory.empty())
    out.push_back("spark_config.executor_memory=" + QuoteYaml(o.executor_memory));
  if (!o.driver_memory.empty())
    out.push_back("spark_config.driver_memory=" + QuoteYaml(o.driver_memory));
  if (!o.app_args.empty()) {
    MLPIPE_ASSIGN_OR_RETURN(auto app, AppArgsToOverrides(type, o.app_args));
    out.insert(out.end(), app.begin(), app.end());
  }
  return out;
}

// The flags `o` gives that only the yarn backend uses.
std::vector<std::string> ClusterOnlyFlags(const SubmitOptions& o) {
  std::vector<std::string> out;
  if (!o.queue.empty()) out.push_back("--queue");
  if (o.num_executors) out.push_back("--num-executors");
  if (o.executor_cores) out.push_back("--executor-cores");
  if (!o.executor_memory.empty()) out.push_back("--executor-memory");
  if (!o.driver_memory.empty()) out.push_back("--driver-memory");
  return out;
}

// The job type as written: one of the four, or "custom" (which needs --script).
Result<std::string> ChosenTypeName(const SubmitOptions& o) {
  if (!o.type_flag.empty() && !o.type_positional.empty() && o.type_flag != o.type_positional) {
    return Status::InvalidArgument("job type given twice: -t " + o.type_flag + " and '" +
                                   o.type_positional + "'");
  }
  const std::string& t = o.type_flag.empty() ? o.type_positional : o.type_flag;
  if (t.empty()) {
    return Status::InvalidArgument(
        "no job type: pass -t training|prediction|data_processing|evaluation|custom");
  }
  if ((t == "custom") != !o.script.empty()) {
    return Status::InvalidArgument(
        t == "custom" ? "-t custom needs --script my_job.py"
                      : "--script is for custom jobs: use -t custom --script " + o.script);
  }
  return t;
}

void PrintSubmitted(const SubmitOptions& o, const std::string& app_id, const store::JobRecord* done,
                    std::ostream& out) {
  if (o.output == OutputFormat::kJson) {
    nlohmann::json j = done ? JobToJson(*done) : nlohmann::json{{"application_id", app_id}};
    out << JsonText(j) << "\n";
    return;
  }
  if (done) std::cerr << JobStatusText(*done);
  out << app_id << "\n";  // last stdout line: the application id (Airflow XCom)
}

// The request the flags describe, its config loaded with the flags as overrides.
Result<backends::SubmitRequest> RequestFor(const SubmitOptions& o) {
  MLPIPE_ASSIGN_OR_RETURN(const std::string type_name, ChosenTypeName(o));
  backends::SubmitRequest request;
  request.name = o.name;
  std::vector<std::string> overrides;
  if (o.script.empty()) {
    MLPIPE_ASSIGN_OR_RETURN(request.type, config::ParseJobType(type_name));
    MLPIPE_ASSIGN_OR_RETURN(overrides, FlagOverrides(o, request.type));
  } else {  // a custom script gets --app-args as they are
    request.custom_script = o.script;
    MLPIPE_ASSIGN_OR_RETURN(request.script_args, SplitArgs(o.app_args));
    SubmitOptions flags_only = o;
    flags_only.app_args.clear();
    MLPIPE_ASSIGN_OR_RETURN(overrides, FlagOverrides(flags_only, request.type));
  }
  MLPIPE_ASSIGN_OR_RETURN(request.config, LoadConfig(o.config, overrides));
  return request;
}

CommandResult RunSubmit(const SubmitOptions& o, std::ostream& out) {
  MLPIPE_ASSIGN_OR_RETURN(backends::SubmitRequest request, RequestFor(o));
  MLPIPE_ASSIGN_OR_RETURN(const auto registry, OpenRegistry());
  MLPIPE_ASSIGN_OR_RETURN(backends::Submission submission,
                          backends::PrepareSubmission(std::move(request), *registry));
  backends::Backend& backend = *submission.backend;
  if (const auto ignored = ClusterOnlyFlags(o); !ignored.empty() && backend.name() == "local") {
    std::cerr << fmt::format(
        "mlpipe: note: {} appl{} to the yarn backend only; the local backend runs the job on this "
        "machine\n",
        Join(ignored, ", "), ignored.size() == 1 ? "ies" : "y");
  }
  if (o.dry_run || o.verbose) {
    MLPIPE_ASSIGN_OR_RETURN(const std::string plan, backend.DryRun(submission.request));
    (o.dry_run ? out : std::cerr) << plan;
    if (o.dry_run) return kExitSuccess;
  }
  MLPIPE_ASSIGN_OR_RETURN(const std::string app_id, backends::StartSubmission(submission));
  std::cerr << fmt::format("Submitted {} job '{}' as {} on the {} backend\n",
                           submission.request.TypeName(), submission.request.name, app_id,
                           backend.name());
  if (!o.wait) {
    PrintSubmitted(o, app_id, nullptr, out);
    return kExitSuccess;
  }
  store::JobRecord final_record;
  WaitOptions wait;
  wait.live_progress = StderrIsTerminal() && o.output == OutputFormat::kText;
  MLPIPE_ASSIGN_OR_RETURN(const int outcome,
                          WaitForJob(*registry, SystemEnv(), app_id, wait, &final_record));
  PrintSubmitted(o, app_id, &final_record, out);
  return outcome;
}

}  // namespace

void SetupSubmit(CLI::App& app, int* exit_code) {
  auto opts = std::make_shared<SubmitOptions>();
  CLI::App* cmd = app.add_subcommand(
      "submit", "Submit a training, prediction, data_processing or evaluation job");
  cmd->add_option("job_type", opts->type_positional, "Job type (submit_job.py positional form)");
  cmd->add_option("-t,--type", opts->type_flag,
                  "Job type: training|prediction|data_processing|evaluation|custom");
  cmd->add_option("--script", opts->script, "The PySpark script of a custom job (-t custom)");
  cmd->add_option("-n,--name", opts->name, "Job name (default: <model_name>-<type>)");
  cmd->add_option("-q,--queue", opts->queue, "YARN queue");
  cmd->add_option("--backend", opts->backend,
                  "local or yarn (default: environment_config.backend)");
  cmd->add_option("--num-executors", opts->num_executors, "Number of executors");
  cmd->add_option("--executor-cores", opts->executor_cores, "Cores per executor");
  cmd->add_option("--executor-memory", opts->executor_memory, "Memory per executor, e.g. 16g");
  cmd->add_option("--driver-memory", opts->driver_memory, "Driver memory, e.g. 8g");
  cmd->add_option("--app-args", opts->app_args,
                  "Job arguments, e.g. \"--input-path X --output-path Y\"");
  cmd->add_flag("--dry-run", opts->dry_run, "Print what would run (secrets redacted) and exit");
  cmd->add_flag("-v,--verbose", opts->verbose,
                "Print the resolved plan to stderr before submitting");
  cmd->add_flag("-w,--wait", opts->wait, "Wait for the job to end; exit code follows its outcome");
  AddConfigFlags(*cmd, opts->config);
  AddOutputFlag(*cmd, opts->output);
  OnRun(*cmd, exit_code, [opts](std::ostream& out) { return RunSubmit(*opts, out); });
}

}  // namespace mlpipe::cli
