#include "backends/local_backend.h"

#include <fmt/format.h>

#include <cstdlib>

#include "backends/local_paths.h"
#include "backends/local_runner.h"
#include "backends/local_worker.h"
#include "engine/io/batch_reader.h"
#include "engine/jobs/model_bundle.h"
#include "engine/jobs/plan.h"
#include "engine/models/model_repo.h"
#include "store/home.h"
#include "util/fs.h"
#include "util/strings.h"

namespace mlpipe::backends {

namespace {

struct Prepared {
  store::Warehouse warehouse;
  config::JobConfig resolved;
};

// Refuses input `bundle` cannot take, read from the input's schema and lineage alone. Input whose
// schema cannot be read is left to the job, which reports what is wrong with it.
Status CheckLocalInputFitsModel(const JobInput& input, const engine::ModelBundle& bundle,
                                const config::JobConfig& resolved) {
  engine::ReadOptions read = engine::ReadOptionsFor(resolved.data);
  read.column_types = bundle.InputColumnTypes();
  auto reader = engine::BatchReader::Open(input.path, 1, read);
  auto lineage_id = engine::InputLineageId(input.path);
  if (!reader.ok() || !lineage_id.ok()) return Status::OK();
  return engine::CheckInputFitsModel(bundle, input.key, input.path, *(*reader)->schema(),
                                     *lineage_id);
}

// Resolves paths and checks, before anything is recorded, that the job's input and model exist and
// that the model can take the input.
Result<Prepared> Prepare(const SubmitRequest& request) {
  if (request.is_custom()) {
    return Status::InvalidArgument("custom PySpark scripts (-t custom --script " +
                                   request.custom_script +
                                   ") run on Spark: submit them with --backend yarn");
  }
  MLPIPE_ASSIGN_OR_RETURN(auto warehouse, store::Warehouse::Open(WarehouseRootFor(request.config)));
  MLPIPE_ASSIGN_OR_RETURN(auto resolved, ResolveDataPaths(request.config, warehouse));
  MLPIPE_RETURN_NOT_OK(CheckLocalOutputs(request.type, resolved, warehouse, /*offline=*/false));
  const JobInput input = InputOf(request.type, resolved);
  std::error_code ec;
  const fs::file_type input_type = fs::status(input.path, ec).type();
  if (ec || input_type == fs::file_type::not_found) {
    return Status::NotFound(
        fmt::format("input '{}' ({}) does not exist; put the data there or fix the path "
                    "in the config",
                    input.path, input.key));
  }
  if (input_type != fs::file_type::regular && input_type != fs::file_type::directory) {
    return Status::ConfigError(
        fmt::format("input '{}' ({}) is {}, not a data file or a directory of data "
                    "files; point {} at the data",
                    input.path, input.key, FileTypeName(input_type), input.key));
  }
  if (request.type == config::JobType::kPrediction ||
      request.type == config::JobType::kEvaluation) {
    engine::ModelRepository models(JobDirsFor(warehouse).models);
    MLPIPE_RETURN_NOT_OK(
        models.Resolve(resolved.model.model_name, resolved.model.model_version).status());
    auto bundle = engine::LoadModelDescription(
        JobDirsFor(warehouse).models, resolved.model.model_name, resolved.model.model_version);
    if (bundle.ok()) MLPIPE_RETURN_NOT_OK(CheckLocalInputFitsModel(input, *bundle, resolved));
  }
  return Prepared{std::move(warehouse), std::move(resolved)};
}

}  // namespace

fs::path ConfigSnapshotPath(const store::JobRecord& record) {
  return fs::path(record.warehouse_root) / "configs" / (record.app_id + ".yaml");
}

Result<std::string> LocalBackend::DryRun(const SubmitRequest& request) {
  MLPIPE_ASSIGN_OR_RETURN(auto prepared, Prepare(request));
  std::string out = fmt::format(
      "# mlpipe dry run: nothing was recorded or started\n"
      "backend: local\njob_type: {}\nname: {}\nuser: {}\nwarehouse: {}\n",
      config::JobTypeName(request.type), request.name, request.user,
      prepared.warehouse.root().string());
  MLPIPE_ASSIGN_OR_RETURN(auto plan, engine::DescribeJob(request.type, prepared.resolved,
                                                         JobDirsFor(prepared.warehouse)));
  out += plan;
  out += "# effective configuration (secrets redacted)\n" + request.redacted_config_yaml;
  return out;
}

Status LocalBackend::CheckOutputs(config::JobType type, const config::JobConfig& config,
                                  bool offline) {
  MLPIPE_ASSIGN_OR_RETURN(auto warehouse, store::Warehouse::Open(WarehouseRootFor(config)));
  MLPIPE_ASSIGN_OR_RETURN(auto resolved, ResolveDataPaths(config, warehouse));
  return CheckLocalOutputs(type, resolved, warehouse, offline);
}

Result<engine::DataCheckReport> LocalBackend::CheckData(config::JobType type,
                                                        const config::JobConfig& config) {
  MLPIPE_ASSIGN_OR_RETURN(auto warehouse, store::Warehouse::Open(WarehouseRootFor(config)));
  MLPIPE_ASSIGN_OR_RETURN(auto resolved, ResolveDataPaths(config, warehouse));
  const JobInput input = InputOf(type, resolved);
  return engine::CheckJobData(type, resolved,
                              {.key = input.key, .path = input.path, .shown = "", .whole = true},
                              JobDirsFor(warehouse));
}

Result<std::string> LocalBackend::Submit(const SubmitRequest& request) {
  MLPIPE_ASSIGN_OR_RETURN(auto prepared, Prepare(request));
  store::JobRecord draft;
  draft.name = request.name;
  draft.job_type = std::string(config::JobTypeName(request.type));
  draft.backend = "local";
  draft.queue = request.config.environment.queue;
  draft.user = request.user;
  draft.warehouse_root = prepared.warehouse.root().string();
  LocalLaunch launch;
  std::error_code ec;
  launch.mlpipe_exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return Status::Internal("cannot locate the mlpipe executable: " + ec.message());
  launch.log_dir = prepared.warehouse.Dir(store::Area::kLogs);
  launch.extra_env = {{"MLPIPE_HOME", store::MlpipeHome().string()}};
  // XGBoost's OpenMP threads spin-wait by default; when another process holds a core that turns a
  // 0.7 s training into 40 s+ on 2 cores (docs/ARCHITECTURE.md). Spin briefly, then sleep, unless
  // the user chose a policy.
  if (!std::getenv("GOMP_SPINCOUNT") && !std::getenv("OMP_WAIT_POLICY")) {
    launch.extra_env["GOMP_SPINCOUNT"] = "1000";
  }
  // Arrow's default allocator (mimalloc) maps fresh transparent huge pages for large buffers, and
  // the kernel zeroes each one: 35-45% of a data-processing job's time (perf, docs/BENCHMARKS.md).
  // The system allocator reuses freed memory: -28% time and -23% peak memory. Prediction streams
  // batch after batch, where glibc's heap fragments (peak RSS 112 -> 158 MiB from 10^6 to 10^7
  // rows); jemalloc keeps it flat (122 MiB) at the same speed. A user's choice wins.
  if (!std::getenv("ARROW_DEFAULT_MEMORY_POOL")) {
    launch.extra_env["ARROW_DEFAULT_MEMORY_POOL"] =
        request.type == config::JobType::kPrediction ? "jemalloc" : "system";
  }
  // The worker runs from a redacted snapshot: later edits of the config file do not change the job.
  launch.prepare = [this, &request](const store::JobRecord& job) -> Status {
    return env_.WriteFileAtomic(ConfigSnapshotPath(job), request.redacted_config_yaml, 0600);
  };
  MLPIPE_ASSIGN_OR_RETURN(auto job, SubmitLocalJob(registry_, draft, launch, env_));
  return job.app_id;
}

Result<store::JobRecord> LocalBackend::Refresh(const store::JobRecord& record) {
  if (registry_.read_only()) return record;
  return ReconcileLocalJob(registry_, record, SettleFor(record));
}

Result<std::string> LocalBackend::Kill(const store::JobRecord& record,
                                       const std::string& requested_by) {
  MLPIPE_ASSIGN_OR_RETURN(auto outcome, KillLocalJob(registry_, record.app_id, requested_by));
  return outcome.message;
}

Result<std::string> LocalBackend::Logs(const store::JobRecord& record, int tail_lines) {
  if (record.log_path.empty()) return std::string();
  auto text = env_.ReadFile(record.log_path);
  if (!text.ok()) {
    return Status::NotFound(fmt::format("the log of {} is no longer available at {} ({})",
                                        record.app_id, record.log_path, text.status().message()));
  }
  return TailLines(*text, tail_lines);
}

}  // namespace mlpipe::backends
