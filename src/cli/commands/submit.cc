// `mlpipe submit`: validate the config, then record and start a job on the configured backend.
// Accepts the document's batch_submit.sh flags and the submit_job.py positional form
// (`mlpipe submit prediction --config job_config.yaml --app-args "..."`).
#include <fmt/format.h>
#include <pwd.h>
#include <unistd.h>

#include <iostream>

#include "backends/backend.h"
#include "cli/app_args.h"
#include "cli/commands/commands.h"
#include "cli/common.h"
#include "cli/exit_codes.h"
#include "cli/job_view.h"
#include "cli/job_wait.h"
#include "store/home.h"
#include "util/clock.h"
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

std::string CurrentUser() {
  if (const char* u = std::getenv("HADOOP_USER_NAME"); u && *u) return u;
  if (const char* u = std::getenv("USER"); u && *u) return u;
  if (const passwd* pw = ::getpwuid(::getuid())) return pw->pw_name;
  return std::to_string(::getuid());
}

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

// One line per submission attempt in $MLPIPE_HOME/mlpipe_job_submission.log (best effort).
void LogSubmission(const backends::SubmitRequest& request, std::string_view backend,
                   const Result<std::string>& id) {
  store::SubmissionLogEntry entry;
  entry.time_ms = SystemClock::Instance().NowMs();
  entry.app_id = id.ok() ? *id : "-";
  entry.name = request.name;
  entry.job_type = request.TypeName();
  entry.backend = std::string(backend);
  entry.user = request.user;
  entry.outcome = id.ok() ? "SUBMITTED" : "REJECTED: " + id.status().message();
  (void)store::AppendSubmissionLog(store::SubmissionLogPath(store::MlpipeHome()), entry);
}

int PrintSubmitted(const SubmitOptions& o, const std::string& app_id,
                   const store::JobRecord* done) {
  if (o.output == OutputFormat::kJson) {
    nlohmann::json j = done ? JobToJson(*done) : nlohmann::json{{"application_id", app_id}};
    std::cout << JsonText(j) << "\n";
    return kExitSuccess;
  }
  if (done) std::cerr << JobStatusText(*done);
  std::cout << app_id << "\n";  // last stdout line: the application id (Airflow XCom)
  return kExitSuccess;
}

int RunSubmit(const SubmitOptions& o) {
  auto type_name = ChosenTypeName(o);
  if (!type_name.ok()) return ReportError(type_name.status());
  backends::SubmitRequest request;
  std::vector<std::string> overrides;
  if (o.script.empty()) {
    auto type = config::ParseJobType(*type_name);
    if (!type.ok()) return ReportError(type.status());
    request.type = *type;
    auto flags = FlagOverrides(o, *type);
    if (!flags.ok()) return ReportError(flags.status());
    overrides = std::move(*flags);
  } else {  // a custom script gets --app-args as they are
    request.custom_script = o.script;
    auto args = SplitArgs(o.app_args);
    if (!args.ok()) return ReportError(args.status());
    request.script_args = std::move(*args);
    SubmitOptions flags_only = o;
    flags_only.app_args.clear();
    auto flags = FlagOverrides(flags_only, request.type);
    if (!flags.ok()) return ReportError(flags.status());
    overrides = std::move(*flags);
  }
  auto cfg = LoadConfig(o.config, overrides);
  if (!cfg.ok()) return ReportError(cfg.status());
  if (!request.is_custom()) {
    if (Status st = config::ValidateForJob(*cfg, request.type); !st.ok()) return ReportError(st);
  }
  request.name = o.name.empty() ? cfg->model.model_name + "-" + request.TypeName() : o.name;
  request.redacted_config_yaml = config::RenderYaml(*cfg);
  request.config = std::move(*cfg);
  request.user = CurrentUser();

  auto registry = OpenRegistry();
  if (!registry.ok()) return ReportError(registry.status());
  auto backend = backends::BackendFor(request.config, **registry);
  if (!backend.ok()) return ReportError(backend.status());
  if (const auto ignored = ClusterOnlyFlags(o); !ignored.empty() && (*backend)->name() == "local") {
    std::cerr << fmt::format(
        "mlpipe: note: {} appl{} to the yarn backend only; the local backend runs the job on this "
        "machine\n",
        Join(ignored, ", "), ignored.size() == 1 ? "ies" : "y");
  }

  if (o.dry_run || o.verbose) {
    auto plan = (*backend)->DryRun(request);
    if (!plan.ok()) return ReportError(plan.status());
    (o.dry_run ? std::cout : std::cerr) << *plan;
    if (o.dry_run) return kExitSuccess;
  }
  auto app_id = (*backend)->Submit(request);
  LogSubmission(request, (*backend)->name(), app_id);
  if (!app_id.ok()) return ReportError(app_id.status());
  std::cerr << fmt::format("Submitted {} job '{}' as {} on the {} backend\n", request.TypeName(),
                           request.name, *app_id, (*backend)->name());
  if (!o.wait) return PrintSubmitted(o, *app_id, nullptr);

  store::JobRecord final_record;
  WaitOptions wait;
  wait.live_progress = StderrIsTerminal() && o.output == OutputFormat::kText;
  const int outcome = WaitForJob(**registry, *app_id, wait, &final_record);
  if (final_record.app_id.empty()) return outcome;
  PrintSubmitted(o, *app_id, &final_record);
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
  cmd->callback([opts, exit_code] { *exit_code = RunSubmit(*opts); });
}

}  // namespace mlpipe::cli
