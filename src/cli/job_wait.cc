#include "cli/job_wait.h"

#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <iostream>

#include "cli/exit_codes.h"
#include "cli/job_view.h"
#include "util/process.h"
#include "util/stop_signals.h"
#include "util/test_seam.h"

namespace mlpipe::cli {

namespace {

std::string ProgressLine(const store::JobRecord& job) {
  constexpr int kWidth = 30;
  const int filled = static_cast<int>(job.progress * kWidth);
  return fmt::format("\r[{}{}] {:3.0f}% {:<8} {} {:<40.40}", std::string(filled, '='),
                     std::string(kWidth - filled, ' '), job.progress * 100,
                     store::JobStateName(job.state), FormatElapsed(job), job.progress_message);
}

}  // namespace

int ExitCodeForOutcome(const store::JobRecord& job) {
  if (job.state == store::JobState::kKilled || job.final_status == store::FinalStatus::kKilled) {
    return kExitJobKilled;
  }
  if (job.state == store::JobState::kFinished &&
      job.final_status == store::FinalStatus::kSucceeded) {
    return kExitSuccess;
  }
  return kExitJobFailed;
}

Result<int> WaitForJob(store::Registry& registry, LocalEnv& env, const std::string& app_id,
                       const WaitOptions& options, store::JobRecord* final_record) {
  std::optional<StopSignalScope> signals;
  if (options.kill_on_signal) signals.emplace();
  std::string last_state;
  while (true) {
    DieIfTestSeam("waiting");
    MLPIPE_ASSIGN_OR_RETURN(const store::JobRecord record, registry.Get(app_id));
    MLPIPE_ASSIGN_OR_RETURN(auto backend, backends::BackendFor(record, registry));
    MLPIPE_ASSIGN_OR_RETURN(const store::JobRecord job, backend->Refresh(record));
    const std::string state(store::JobStateName(job.state));
    if (options.live_progress) {
      std::cerr << ProgressLine(job) << std::flush;
    } else if (state != last_state) {
      std::cerr << fmt::format("{} {} {}\n", job.app_id, state, job.progress_message);
    }
    last_state = state;
    if (store::IsTerminal(job.state)) {
      if (options.live_progress) std::cerr << "\n";
      if (final_record) *final_record = job;
      return ExitCodeForOutcome(job);
    }
    if (int sig = signals ? StopSignalScope::Received() : 0; sig != 0) {
      if (options.live_progress) std::cerr << "\n";
      std::cerr << fmt::format("mlpipe: received {}, killing {}\n", SignalName(sig), app_id);
      MLPIPE_RETURN_NOT_OK(backend
                               ->Kill(job, fmt::format("{} to mlpipe submit --wait, pid {}",
                                                       SignalName(sig), getpid()))
                               .status());
      if (final_record) *final_record = job;
      return kExitJobKilled;
    }
    env.SleepFor(std::chrono::milliseconds(options.poll_interval_ms));
  }
}

}  // namespace mlpipe::cli
