#include "backends/local_worker.h"

#include <fmt/format.h>
#include <sys/resource.h>

#include <iostream>

#include "backends/local_backend.h"
#include "backends/local_paths.h"
#include "backends/worker_supervisor.h"
#include "config/loader.h"
#include "engine/jobs/job_warnings.h"
#include "engine/jobs/jobs.h"
#include "engine/jobs/settle.h"
#include "util/json_text.h"
#include "util/local_env.h"
#include "util/log.h"
#include "util/test_seam.h"

namespace mlpipe::backends {

namespace {

struct WorkerJob {
  config::JobType type;
  config::JobConfig resolved;
  engine::JobDirs dirs;
  std::optional<int64_t> timeout_seconds;
};

Result<WorkerJob> LoadWorkerJob(const store::JobRecord& record) {
  config::LoadOptions options;
  options.files = {ConfigSnapshotPath(record).string()};
  MLPIPE_ASSIGN_OR_RETURN(auto cfg, config::LoadJobConfig(options));
  MLPIPE_ASSIGN_OR_RETURN(auto type, config::ParseJobType(record.job_type));
  MLPIPE_ASSIGN_OR_RETURN(auto warehouse, store::Warehouse::Open(record.warehouse_root));
  MLPIPE_ASSIGN_OR_RETURN(auto resolved, ResolveDataPaths(cfg, warehouse));
  const std::optional<int64_t> timeout = cfg.ForJob(type).timeout_seconds;
  return WorkerJob{type, std::move(resolved), JobDirsFor(warehouse), timeout};
}

}  // namespace

SettleFunction SettleFor(const store::JobRecord& record) {
  return [record]() -> Result<std::optional<std::string>> {
    MLPIPE_ASSIGN_OR_RETURN(WorkerJob job, LoadWorkerJob(record));
    MLPIPE_ASSIGN_OR_RETURN(auto settled,
                            engine::SettleDeadJob(job.type, job.resolved, job.dirs, record.app_id));
    if (!settled) return std::optional<std::string>();
    return std::optional<std::string>(JsonText(*settled, -1));
  };
}

int RunLocalWorker(const std::string& app_id, const fs::path& registry_path) {
  SetTestSeamProcess("supervisor");
  Logger log(stdout);
  LocalEnv& env = SystemEnv();
  auto registry = store::Registry::Open(registry_path, env.wall_clock());
  if (!registry.ok()) {
    log.Error(registry.status().ToString());
    return 1;
  }
  auto record = (*registry)->Get(app_id);
  if (!record.ok()) {
    log.Error(record.status().ToString());
    return 1;
  }
  auto job = LoadWorkerJob(*record);
  if (!job.ok()) {
    (void)(*registry)->Transition(app_id, store::JobState::kFailed, store::FinalStatus::kFailed,
                                  job.status().message());
    log.Error(job.status().ToString());
    return 1;
  }
  log.Info(fmt::format("{} {} job '{}' starting (mlpipe worker pid {})", app_id, record->job_type,
                       record->name, ::getpid()));
  auto run = [&](ProgressReporter& progress) -> Status {
    engine::JobContext ctx{.clock = env.wall_clock()};
    ctx.run_id = app_id;
    ctx.report_progress = [&](double f, std::string_view m) { progress.Report(f, m); };
    ctx.stop_requested = [&] { return progress.StopRequested(); };
    ctx.log = [&](std::string_view line) { log.Info(line); };
    std::vector<std::string> warnings;
    ctx.warn = [&](std::string_view message) {
      log.Warn(message);
      warnings.emplace_back(message);
    };
    if (job->timeout_seconds) {
      ctx.deadline = std::chrono::steady_clock::now() + std::chrono::seconds(*job->timeout_seconds);
      ctx.deadline_name =
          fmt::format("{} {}s", config::TimeoutKey(job->type), *job->timeout_seconds);
    }
    ctx.commit = [&](const engine::JobContext::Publish& publish) -> Result<nlohmann::json> {
      nlohmann::json outputs;
      const std::string diagnostics = engine::WarningsDiagnostics(warnings);
      MLPIPE_ASSIGN_OR_RETURN(bool finished, progress.FinishPublishing(
                                                 [&]() -> Result<std::string> {
                                                   MLPIPE_ASSIGN_OR_RETURN(outputs, publish());
                                                   struct rusage usage {};
                                                   if (::getrusage(RUSAGE_SELF, &usage) == 0)
                                                     outputs["peak_rss_mb"] =
                                                         usage.ru_maxrss / 1024;
                                                   return JsonText(outputs, -1);
                                                 },
                                                 diagnostics));
      if (!finished) {
        return Status::Cancelled(
            app_id + " was stopped before it published its outputs; nothing was published");
      }
      return outputs;
    };
    auto outputs = engine::RunJob(job->type, job->resolved, job->dirs, ctx);
    if (!outputs.ok()) {
      log.Error(outputs.status().ToString());
      return outputs.status();
    }
    log.Info("outputs: " + JsonText(*outputs, -1));
    return Status::OK();
  };
  SupervisorOptions options;
  options.timeout_seconds = job->timeout_seconds;
  options.timeout_setting = config::TimeoutKey(job->type);
  options.logger = &log;
  options.settle = SettleFor(*record);
  const int exit_code = SuperviseJob(**registry, app_id, run, options, env);
  engine::RemoveDeadStaging(job->type, job->resolved, job->dirs);  // the job's process has ended
  return exit_code;
}

}  // namespace mlpipe::backends
