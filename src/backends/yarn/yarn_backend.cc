// YarnBackend after submission: Refresh, Kill and Logs through the ResourceManager, NodeManager
// and WebHDFS REST APIs; and the production wiring.
#include "backends/yarn/yarn_backend.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>

#include "backends/yarn/app_mirror.h"
#include "backends/yarn/cluster_outputs.h"
#include "backends/yarn/cluster_session.h"
#include "backends/yarn/cluster_settle.h"
#include "backends/yarn/hdfs_paths.h"
#include "backends/yarn/submission.h"
#include "config/loader.h"
#include "config/names.h"
#include "engine/jobs/job_warnings.h"
#include "store/home.h"
#include "util/process.h"
#include "util/strings.h"

namespace mlpipe::backends::yarn {

namespace {

// The drivers print their failure as one line "mlpipe <job type>: error: <message>"
// (python/mlpipe_spark).
bool IsDriverErrorLine(std::string_view line) {
  static const std::regex kDriverError(R"(^mlpipe( [a-z_]+)?: error: .+)");
  return std::regex_match(line.begin(), line.end(), kDriverError);
}

constexpr auto kKillWait = std::chrono::seconds(30);

bool FailedOutcome(const cluster::YarnApp& app) {
  return app.state == "FAILED" || (app.state == "FINISHED" && app.final_status != "SUCCEEDED");
}

bool EndedWithoutSuccess(const cluster::YarnApp& app) {
  return FailedOutcome(app) || app.state == "KILLED";
}

// The diagnostics for the "warnings" a driver listed in its result JSON ("" for none or bad JSON).
std::string ResultWarnings(const std::string& result_json) {
  const nlohmann::json result =
      nlohmann::json::parse(result_json, nullptr, /*allow_exceptions=*/false);
  if (!result.is_object() || !result.contains("warnings") || !result["warnings"].is_array())
    return "";
  std::vector<std::string> warnings;
  for (const auto& w : result["warnings"]) {
    if (w.is_string()) warnings.push_back(w.get<std::string>());
  }
  return engine::WarningsDiagnostics(warnings);
}

// "ValueError: ..." or "mlpipe_spark.errors.JobError: ...": the last line of a Python traceback.
bool IsPythonExceptionLine(std::string_view line) {
  static const std::regex kException(R"(^[A-Za-z_][\w.]*(Error|Exception|Exit): .+)");
  return std::regex_match(line.begin(), line.end(), kException);
}

// What the driver said when it failed, from the application master's container logs: its own
// error line, else the last Python exception of a traceback (custom scripts).
std::string DriverError(ClusterSession& s, const std::string& app_id) {
  auto logs = s.rm->ContainerLogs(app_id, 64 * 1024);
  if (!logs.ok() || logs->empty()) return "";
  std::string exception;
  for (const auto& log : *logs) {
    if (log.container_id != logs->front().container_id) break;  // AM container first
    for (const auto& raw : Split(log.text, '\n')) {
      const std::string_view line = Trim(raw);
      if (IsDriverErrorLine(line)) return std::string(line);
      if (IsPythonExceptionLine(line)) exception = line;
    }
  }
  return exception;
}

// The application for a record; a record still under its provisional id (spark-submit had not
// reported yet) is found by its tag and re-keyed.
Result<cluster::YarnApp> FindApp(store::Registry& registry, ClusterSession& s,
                                 store::JobRecord* record) {
  auto app = s.rm->GetApp(record->app_id);
  if (app.ok() || app.status().code() != StatusCode::kNotFound) return app;
  MLPIPE_ASSIGN_OR_RETURN(cluster::YarnApp tagged, s.rm->FindByTag(record->tag));
  MLPIPE_RETURN_NOT_OK(registry.AdoptAppId(record->app_id, tagged.id));
  record->app_id = tagged.id;
  return tagged;
}

// The driver run behind `record`; nullopt for custom scripts, which write where they like.
std::optional<ClusterRun> RunOf(const ClusterSession& s, const store::JobRecord& record) {
  auto type = config::ParseJobType(record.job_type);
  auto resolved = config::LoadJobConfig(config::LoadOptions{{record.config_path}, {}});
  if (!type.ok() || !resolved.ok()) return std::nullopt;
  return ClusterRun{*type,
                    std::move(*resolved),
                    ClusterTree{record.warehouse_root},
                    s.endpoints.default_fs,
                    record.app_id,
                    record.tag};
}

// The staging a run left on HDFS, once it ended (a killed driver cannot remove its own).
void RemoveStagingOf(ClusterSession& s, const store::JobRecord& record) {
  const std::optional<ClusterRun> run = RunOf(s, record);
  if (!run) return;
  RemoveRunStaging(*s.hdfs, run->type, run->resolved, run->default_fs, run->tag);
  if (run->type == config::JobType::kTraining) {
    RemoveModelStaging(*s.hdfs, run->tree, run->resolved.model.model_name, run->tag);
  }
}

// An application that ended without success whose driver had published (killed between its
// publish and its exit, or killed by the user a moment too late) FINISHED: the driver's commit is
// completed and FINISHED recorded in one decision (cluster_settle.h). False when it published
// nothing, or someone else recorded its end first.
Result<bool> SettleFromPublished(store::Registry& registry, ClusterSession& s,
                                 const store::JobRecord& record, const cluster::YarnApp& app) {
  const std::optional<ClusterRun> run = RunOf(s, record);
  if (!run) return false;
  MLPIPE_ASSIGN_OR_RETURN(bool published, PublishedAnything(*s.hdfs, *run));
  if (!published) return false;
  if (record.state != store::JobState::kRunning) {  // it ran between two looks
    MLPIPE_RETURN_NOT_OK(registry
                             .Transition(record.app_id, store::JobState::kRunning,
                                         store::FinalStatus::kUndefined, "")
                             .status());
  }
  const std::string why = fmt::format(
      "YARN reported the application {} after its driver had published its outputs; "
      "mlpipe completed the driver's commit and recorded what was published{}{}",
      app.state, app.diagnostics.empty() ? "" : ". YARN said: ", app.diagnostics);
  return registry.FinishPublishing(
      record.app_id,
      [&]() -> Result<std::string> {
        MLPIPE_ASSIGN_OR_RETURN(nlohmann::json outputs, FinishPublishedRun(*s.hdfs, *run));
        return outputs.dump();
      },
      why);
}

class ProcessRunner : public CommandRunner {
 public:
  Result<int> Run(const std::vector<std::string>& argv, const fs::path& log_file,
                  const std::map<std::string, std::string>& env,
                  std::chrono::milliseconds timeout) override {
    return RunToCompletion(argv, log_file, env, timeout);
  }
};

}  // namespace

Result<store::JobRecord> YarnBackend::Refresh(const store::JobRecord& record) {
  if (store::IsTerminal(record.state) || registry_.read_only()) return record;
  MLPIPE_ASSIGN_OR_RETURN(auto session, ClusterSession::ForRecord(record.config_path, *deps_.http));
  store::JobRecord current = record;
  MLPIPE_ASSIGN_OR_RETURN(cluster::YarnApp app, FindApp(registry_, session, &current));
  bool settled = false;
  if (EndedWithoutSuccess(app)) {
    MLPIPE_ASSIGN_OR_RETURN(settled, SettleFromPublished(registry_, session, current, app));
  }
  if (!settled && FailedOutcome(app)) {
    const std::string driver_error = DriverError(session, app.id);
    if (!driver_error.empty()) app.diagnostics = driver_error + "\n" + app.diagnostics;
  }
  // The driver's result: the job's outputs, and its warnings become the diagnostics of its success.
  std::optional<std::string> result;
  if (app.state == "FINISHED" && app.final_status == "SUCCEEDED" && current.outputs_json.empty()) {
    auto text = session.hdfs->ReadString(
        HdfsPathOf(ClusterTree{record.warehouse_root}.ResultUri(record.tag)));
    if (text.ok()) {
      result = *text;
      if (std::string warnings = ResultWarnings(*result); !warnings.empty())
        app.diagnostics = warnings;
    }
  }
  MLPIPE_ASSIGN_OR_RETURN(store::JobRecord mirrored, MirrorApp(registry_, current.app_id, app));
  if (store::IsTerminal(mirrored.state)) RemoveStagingOf(session, current);
  if (result && mirrored.state == store::JobState::kFinished &&
      mirrored.final_status == store::FinalStatus::kSucceeded && mirrored.outputs_json.empty()) {
    MLPIPE_RETURN_NOT_OK(registry_.SetOutputs(mirrored.app_id, *result));
    mirrored.outputs_json = *result;
  }
  return mirrored;
}

Result<std::string> YarnBackend::Kill(const store::JobRecord& record,
                                      const std::string& requested_by) {
  if (store::IsTerminal(record.state)) {
    return fmt::format("{} had already ended ({}); nothing to kill", record.app_id,
                       store::JobStateName(record.state));
  }
  MLPIPE_ASSIGN_OR_RETURN(auto session, ClusterSession::ForRecord(record.config_path, *deps_.http));
  store::JobRecord current = record;
  MLPIPE_ASSIGN_OR_RETURN(cluster::YarnApp app, FindApp(registry_, session, &current));
  const bool was_running = !app.Ended();
  if (was_running) MLPIPE_RETURN_NOT_OK(session.rm->Kill(app.id));
  // Like `yarn application -kill`, wait (bounded) for the ResourceManager to report the end: it
  // reports KILLED once the AM is gone.
  const auto deadline = deps_.env->SteadyNow() + kKillWait;
  MLPIPE_ASSIGN_OR_RETURN(app, session.rm->GetApp(app.id));
  while (was_running && !app.Ended() && deps_.env->SteadyNow() < deadline) {
    deps_.env->SleepFor(std::chrono::milliseconds(200));
    MLPIPE_ASSIGN_OR_RETURN(app, session.rm->GetApp(app.id));
  }
  const bool ended = app.Ended();
  if (!ended) {  // YARN has not confirmed yet; the kill stands
    app.state = "KILLED";
    app.final_status = "KILLED";
    app.diagnostics = "killed by " + session.user + " through mlpipe";
  }
  if (was_running && app.state == "KILLED") {
    app.diagnostics = "killed by request (" + requested_by + "): " + app.diagnostics;
  }
  bool settled = false;
  if (ended && EndedWithoutSuccess(app)) {
    MLPIPE_ASSIGN_OR_RETURN(settled, SettleFromPublished(registry_, session, current, app));
  }
  MLPIPE_ASSIGN_OR_RETURN(store::JobRecord after, MirrorApp(registry_, current.app_id, app));
  if (ended) RemoveStagingOf(session, current);
  if (settled) {
    return fmt::format(
        "{} ({}) had already published its outputs when it was killed; recorded FINISHED",
        after.app_id, after.name);
  }
  if (!was_running) {
    return fmt::format("{} had already ended ({}); nothing to kill", after.app_id,
                       store::JobStateName(after.state));
  }
  return fmt::format("Killed {} ({}) through the ResourceManager", after.app_id, after.name);
}

Result<std::string> YarnBackend::Logs(const store::JobRecord& record, int tail_lines) {
  std::string out;
  if (auto client_log = ReadFile(record.log_path); client_log.ok()) {
    out += fmt::format("==> spark-submit output ({}) <==\n{}\n", record.log_path,
                       TailLines(*client_log, tail_lines));
  }
  MLPIPE_ASSIGN_OR_RETURN(auto session, ClusterSession::ForRecord(record.config_path, *deps_.http));
  auto containers = session.rm->ContainerLogs(record.app_id, 0);
  if (!containers.ok()) {
    if (containers.status().code() != StatusCode::kNotFound || out.empty())
      return containers.status();
    return out + "==> container logs <==\n" + containers.status().message() + "\n";
  }
  for (const auto& log : *containers) {
    out += fmt::format("==> {} on {}: {} <==\n{}\n", log.container_id, log.node_http_address,
                       log.file_name, TailLines(log.text, tail_lines));
  }
  return out;
}

Result<std::vector<store::JobRecord>> ListClusterApps(const config::JobConfig& config,
                                                      const cluster::AppFilter& filter) {
  auto http = util::MakeCurlHttpClient();
  MLPIPE_ASSIGN_OR_RETURN(auto session, ClusterSession::Open(config, *http));
  MLPIPE_ASSIGN_OR_RETURN(auto apps, session.rm->ListApps(filter));
  std::vector<store::JobRecord> out;
  for (const auto& app : apps) out.push_back(RecordOf(app));
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return a.submitted_ms > b.submitted_ms; });
  return out;
}

std::unique_ptr<CommandRunner> MakeProcessRunner() { return std::make_unique<ProcessRunner>(); }

std::unique_ptr<Backend> MakeYarnBackend(store::Registry& registry) {
  YarnDeps deps;
  deps.http = util::MakeCurlHttpClient();
  deps.runner = MakeProcessRunner();
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  deps.share_dir = exe.parent_path().parent_path() / "share" / "mlpipe";
  deps.work_root = store::MlpipeHome() / "yarn";
  return std::make_unique<YarnBackend>(registry, std::move(deps));
}

}  // namespace mlpipe::backends::yarn
