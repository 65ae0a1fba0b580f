#include "backends/worker_supervisor.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>

#include "config/units.h"
#include "util/process.h"
#include "util/stop_signals.h"
#include "util/test_seam.h"

namespace mlpipe::backends {
namespace {

using store::FinalStatus;
using store::JobState;

// Records a terminal state, logging (not failing) when the registry refuses.
void Finish(store::Registry& registry, Logger& log, const std::string& app_id, JobState state,
            FinalStatus final_status, const std::string& diagnostics) {
  Result<bool> moved = registry.Transition(app_id, state, final_status, diagnostics);
  if (!moved.ok()) {
    log.Error("cannot record " + std::string(store::JobStateName(state)) + " for " + app_id + ": " +
              moved.status().ToString());
  } else if (*moved) {
    log.Info(app_id + " -> " + std::string(store::JobStateName(state)) +
             (diagnostics.empty() ? "" : ": " + diagnostics));
  }
}

Status RunGuarded(const JobFunction& run_job, ProgressReporter& reporter) {
  try {
    return run_job(reporter);
  } catch (const std::exception& e) {
    return Status::Internal(std::string("the job threw an exception: ") + e.what());
  } catch (...) {
    return Status::Internal("the job threw an unknown exception");
  }
}

// The worker process: its own registry connection (never share one across fork), then the job.
int RunWorker(const store::Registry& parent, const std::string& app_id, const JobFunction& run_job,
              Logger& log) {
  auto opened = store::Registry::Open(parent.path(), parent.clock());
  if (!opened.ok()) {
    log.Error("worker cannot open the registry: " + opened.status().ToString());
    return 1;
  }
  store::Registry& registry = **opened;
  const pid_t self = ::getpid();
  Status st = registry.SetWorker(app_id, self, ProcessStartTime(self).ValueOr(0));
  Result<bool> running =
      st.ok() ? registry.Transition(app_id, JobState::kRunning, FinalStatus::kUndefined, "")
              : Result<bool>(st);
  if (!running.ok()) {
    log.Error("worker cannot start " + app_id + ": " + running.status().ToString());
    return 1;
  }
  if (!*running) {
    log.Info(app_id + " already ended before its worker started; not running it");
    return 1;
  }
  log.Info(app_id + " -> RUNNING in worker process " + std::to_string(self));
  DieIfTestSeam("running");
  RegistryProgressReporter reporter(registry, app_id, log);
  const Status result = RunGuarded(run_job, reporter);
  reporter.Flush();
  if (result.ok()) {
    Finish(registry, log, app_id, JobState::kFinished, FinalStatus::kSucceeded, "");
    return 0;
  }
  if (result.code() == StatusCode::kCancelled) {
    Finish(registry, log, app_id, JobState::kKilled, FinalStatus::kKilled, result.message());
  } else {
    Finish(registry, log, app_id, JobState::kFailed, FinalStatus::kFailed, result.message());
  }
  return 1;
}

std::string AbnormalEndDiagnostics(pid_t pid, int status, const std::string& log_path) {
  std::string text = "worker process " + std::to_string(pid) + " " + DescribeWaitStatus(status);
  if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) {
    text += "; possibly out of memory (check `dmesg` for the OOM killer) or killed outside mlpipe";
  } else if (WIFEXITED(status)) {
    text += " without recording a final state";
  }
  return text + "; see the job log " + (log_path.empty() ? "(none recorded)" : log_path);
}

void StopWorker(pid_t worker, std::chrono::milliseconds grace, Logger& log) {
  Status st = TerminateProcessGroup(worker, grace);
  if (!st.ok()) log.Error("cannot stop worker process group: " + st.ToString());
}

}  // namespace

RegistryProgressReporter::RegistryProgressReporter(store::Registry& registry, std::string app_id,
                                                   Logger& logger,
                                                   std::chrono::milliseconds min_interval)
    : registry_(registry),
      app_id_(std::move(app_id)),
      logger_(logger),
      min_interval_ms_(min_interval.count()) {}

void RegistryProgressReporter::Report(double fraction, std::string_view message) {
  fraction_ = std::clamp(fraction, 0.0, 1.0);
  message_ = std::string(message);
  pending_ = true;
  const int64_t now = registry_.clock().NowMs();
  if (fraction_ >= 1.0 || last_write_ms_ < 0 || now - last_write_ms_ >= min_interval_ms_) Write();
}

void RegistryProgressReporter::Flush() {
  if (pending_) Write();
}

void RegistryProgressReporter::Write() {
  Status st = registry_.UpdateProgress(app_id_, fraction_, message_);
  if (!st.ok()) logger_.Warn("cannot record progress of " + app_id_ + ": " + st.ToString());
  last_write_ms_ = registry_.clock().NowMs();
  pending_ = false;
}

Result<bool> RegistryProgressReporter::FinishPublishing(
    const std::function<Result<std::string>()>& publish, const std::string& diagnostics) {
  Flush();
  return registry_.FinishPublishing(app_id_, publish, diagnostics);
}

bool RegistryProgressReporter::StopRequested() const {
  if (stop_) return true;
  const int64_t now = registry_.clock().NowMs();
  if (last_check_ms_ >= 0 && now - last_check_ms_ < min_interval_ms_) return false;
  last_check_ms_ = now;
  Result<store::JobRecord> record = registry_.Get(app_id_);
  stop_ = record.ok() && store::IsTerminal(record->state);
  return stop_;
}

int SuperviseJob(store::Registry& registry, const std::string& app_id, const JobFunction& run_job,
                 const SupervisorOptions& options, LocalEnv& env) {
  Logger fallback(stderr);
  Logger& log = options.logger != nullptr ? *options.logger : fallback;
  const pid_t self = ::getpid();
  Status st = registry.SetSupervisor(app_id, self, ProcessStartTime(self).ValueOr(0));
  Result<bool> accepted =
      st.ok() ? registry.Transition(app_id, JobState::kAccepted, FinalStatus::kUndefined, "")
              : Result<bool>(st);
  if (!accepted.ok()) {
    log.Error("supervisor cannot accept " + app_id + ": " + accepted.status().ToString());
    return 2;
  }
  if (!*accepted) {
    log.Info(app_id + " already ended before it started; nothing to run");
    return 1;
  }
  log.Info(app_id + " -> ACCEPTED by supervisor process " + std::to_string(self));
  StopSignalScope signals;
  std::fflush(nullptr);
  const pid_t worker = ::fork();
  if (worker < 0) {
    Finish(registry, log, app_id, JobState::kFailed, FinalStatus::kFailed,
           std::string("cannot fork the worker process: ") + std::strerror(errno));
    return 1;
  }
  if (worker == 0) {
    SetTestSeamProcess("job");
    ::setpgid(0, 0);
    signals.Restore();
    const int code = RunWorker(registry, app_id, run_job, log);
    std::fflush(nullptr);
    ::_exit(code);
  }
  ::setpgid(worker, worker);  // also done by the child; whichever runs first wins the race
  // Record the worker before supervising: if this process dies now, a reconcile must still see a
  // live process of the job (the child records itself too, but may not have run yet).
  Status recorded = registry.SetWorker(app_id, worker, ProcessStartTime(worker).ValueOr(0));
  if (!recorded.ok())
    log.Error("cannot record worker process of " + app_id + ": " + recorded.ToString());

  const auto started = env.SteadyNow();
  auto last_state_check = started;
  bool stopped = false;
  int status = 0;
  while (true) {
    DieIfTestSeam("supervising");
    const pid_t r = ::waitpid(worker, &status, WNOHANG);
    if (r == worker) break;
    if (r < 0 && errno != EINTR) {
      log.Error(std::string("cannot wait for the worker process: ") + std::strerror(errno));
      break;
    }
    const auto now = env.SteadyNow();
    if (!stopped && StopSignalScope::Received() != 0) {
      stopped = true;
      Finish(registry, log, app_id, JobState::kKilled, FinalStatus::kKilled,
             "worker supervisor received " + SignalName(StopSignalScope::Received()) +
                 "; job stopped");
      StopWorker(worker, options.kill_grace, log);
    } else if (!stopped && options.timeout_seconds &&
               now - started >= std::chrono::seconds(*options.timeout_seconds)) {
      stopped = true;
      Finish(registry, log, app_id, JobState::kFailed, FinalStatus::kFailed,
             options.timeout_setting + " " + config::FormatDuration(*options.timeout_seconds) +
                 " exceeded; worker process " + std::to_string(worker) +
                 " and its children were stopped");
      StopWorker(worker, options.kill_grace, log);
    } else if (!stopped && now - last_state_check >= std::chrono::seconds(1)) {
      last_state_check = now;
      Result<store::JobRecord> record = registry.Get(app_id);
      if (record.ok() && record->state == JobState::kKilled) {
        stopped = true;
        log.Info(app_id + " was killed; stopping worker process group " + std::to_string(worker));
        StopWorker(worker, options.kill_grace, log);
      }
    }
    env.SleepFor(options.poll_interval);
  }
  log.Info("worker process " + std::to_string(worker) + " " + DescribeWaitStatus(status));
  Result<store::JobRecord> record = registry.Get(app_id);
  if (record.ok() && !store::IsTerminal(record->state)) {
    Result<bool> recorded = RecordDeadJobEnd(
        registry, app_id, options.settle, AbnormalEndDiagnostics(worker, status, record->log_path));
    if (!recorded.ok())
      log.Error("cannot record the end of " + app_id + ": " + recorded.status().ToString());
    record = registry.Get(app_id);
    if (record.ok())
      log.Info(app_id + " -> " + std::string(store::JobStateName(record->state)) + ": " +
               record->diagnostics);
  }
  if (!record.ok()) {
    log.Error("cannot read the final state of " + app_id + ": " + record.status().ToString());
    return 2;
  }
  return record->state == JobState::kFinished && record->final_status == FinalStatus::kSucceeded
             ? 0
             : 1;
}

Result<bool> RecordDeadJobEnd(store::Registry& registry, const std::string& app_id,
                              const SettleFunction& settle, const std::string& diagnostics) {
  DieIfTestSeam("settle");
  if (settle) {
    bool nothing_published = false;
    Result<bool> finished = registry.FinishPublishing(
        app_id,
        [&]() -> Result<std::string> {
          MLPIPE_ASSIGN_OR_RETURN(std::optional<std::string> outputs, settle());
          if (outputs) return *outputs;
          nothing_published = true;
          return Status::NotFound("nothing published");
        },
        diagnostics +
            "; it had published its outputs, so it FINISHED (recorded from what it published)");
    if (finished.ok() && *finished) return true;
    if (!finished.ok() && !nothing_published) {
      return RecordDeadJobEnd(
          registry, app_id, {},
          diagnostics + "; settling what it published failed: " + finished.status().message());
    }
  }
  return registry.Transition(app_id, JobState::kFailed, FinalStatus::kFailed, diagnostics);
}

}  // namespace mlpipe::backends
