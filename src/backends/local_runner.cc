#include "backends/local_runner.h"

#include "util/command_names.h"
#include "util/process.h"

namespace mlpipe::backends {
namespace {

using store::FinalStatus;
using store::JobRecord;
using store::JobState;

bool Alive(int64_t pid, int64_t start_time) {
  return pid > 0 && IsSameProcessAlive(static_cast<pid_t>(pid), start_time);
}

// Terminates the process group led by `pid` if that process is still ours.
Status StopGroup(int64_t pid, int64_t start_time, std::chrono::milliseconds grace) {
  if (!Alive(pid, start_time)) {
    // The leader is gone but members (e.g. the job's children) may remain in its group.
    if (pid <= 0 || ProcessGroupMembers(static_cast<pid_t>(pid)).empty()) return Status::OK();
  }
  return TerminateProcessGroup(static_cast<pid_t>(pid), grace);
}

}  // namespace

std::vector<std::string> WorkerArgv(const fs::path& mlpipe_exe, const std::string& app_id,
                                    const fs::path& registry_path) {
  return {mlpipe_exe.string(), std::string(commands::kWorker), app_id,
          std::string(commands::kWorkerRegistry), registry_path.string()};
}

Result<JobRecord> SubmitLocalJob(store::Registry& registry, JobRecord draft,
                                 const LocalLaunch& launch, LocalEnv& env) {
  if (draft.backend.empty()) draft.backend = "local";
  MLPIPE_ASSIGN_OR_RETURN(JobRecord record, registry.Create(std::move(draft)));
  const fs::path log_path = launch.log_dir / (record.app_id + ".log");
  MLPIPE_RETURN_NOT_OK(registry.SetLogPath(record.app_id, log_path.string()));
  Status prepared = launch.prepare ? launch.prepare(record) : Status::OK();
  Result<pid_t> pid =
      prepared.ok()
          ? env.SpawnDetached(WorkerArgv(launch.mlpipe_exe, record.app_id, registry.path()),
                              log_path, launch.extra_env)
          : Result<pid_t>(prepared);
  if (!pid.ok()) {
    const Status error = pid.status().WithContext("cannot start the worker for " + record.app_id);
    (void)registry.Transition(record.app_id, JobState::kFailed, FinalStatus::kFailed,
                              error.message());
    return error;
  }
  // The supervisor records itself too; writing it here closes the window before it does.
  Result<int64_t> start_time = ProcessStartTime(*pid);
  if (start_time.ok()) {
    MLPIPE_RETURN_NOT_OK(registry.SetSupervisor(record.app_id, *pid, *start_time));
  }
  return registry.Get(record.app_id);
}

Result<JobRecord> ReconcileLocalJob(store::Registry& registry, const JobRecord& record,
                                    const SettleFunction& settle,
                                    std::chrono::milliseconds start_grace) {
  if (store::IsTerminal(record.state)) return record;
  std::string diagnostics;
  if (record.supervisor_pid <= 0 && record.worker_pid <= 0) {
    const int64_t age_ms = registry.clock().NowMs() - record.submitted_ms;
    if (age_ms < start_grace.count()) return registry.Get(record.app_id);
    diagnostics = "the worker for " + record.app_id + " was never started (the submitting " +
                  "process was interrupted?); submit the job again";
  } else {
    if (Alive(record.supervisor_pid, record.supervisor_start_time) ||
        Alive(record.worker_pid, record.worker_start_time)) {
      return registry.Get(record.app_id);
    }
    const int64_t pid = record.worker_pid > 0 ? record.worker_pid : record.supervisor_pid;
    diagnostics = "worker process " + std::to_string(pid) +
                  " is gone (killed or crashed) without recording a final state; see the job " +
                  "log " + (record.log_path.empty() ? "(none recorded)" : record.log_path);
  }
  // Compare-and-set: if the worker recorded its end after `record` was read, that state stays.
  MLPIPE_RETURN_NOT_OK(RecordDeadJobEnd(registry, record.app_id, settle, diagnostics).status());
  return registry.Get(record.app_id);
}

Result<KillOutcome> KillLocalJob(store::Registry& registry, const std::string& app_id,
                                 const std::string& requested_by, std::chrono::milliseconds grace) {
  MLPIPE_ASSIGN_OR_RETURN(bool killed,
                          registry.Transition(app_id, JobState::kKilled, FinalStatus::kKilled,
                                              "killed by request (" + requested_by + ")"));
  KillOutcome outcome;
  outcome.killed = killed;
  // Read after the compare-and-set: pids recorded until then are all known, and any process
  // starting later sees KILLED and does not run the job.
  MLPIPE_ASSIGN_OR_RETURN(outcome.record, registry.Get(app_id));
  if (killed) {
    const JobRecord& r = outcome.record;
    MLPIPE_RETURN_NOT_OK(StopGroup(r.worker_pid, r.worker_start_time, grace));
    MLPIPE_RETURN_NOT_OK(StopGroup(r.supervisor_pid, r.supervisor_start_time, grace));
  }
  outcome.message = killed ? "killed application " + app_id
                           : "application " + app_id + " already finished with state " +
                                 std::string(store::JobStateName(outcome.record.state));
  return outcome;
}

}  // namespace mlpipe::backends
