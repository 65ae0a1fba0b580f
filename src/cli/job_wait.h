// Waiting for a job to end: used by `submit --wait` and `monitor`. Draws live progress on stderr
// when it is a terminal (state changes only, one line each, when it is not). On SIGTERM or SIGINT
// the job is killed before returning, so a killed Airflow task leaves no orphan job behind.
#pragma once

#include <string>

#include "backends/backend.h"
#include "store/registry.h"
#include "util/local_env.h"

namespace mlpipe::cli {

struct WaitOptions {
  bool live_progress = false;  // redraw a progress line on stderr
  bool kill_on_signal = true;  // SIGTERM/SIGINT: kill the job, then return kExitJobKilled
  int poll_interval_ms = 250;
};

// Polls until the job is terminal; returns the exit code for its outcome (0, 1 or 4), or the error
// that stopped the wait. `*final_record` receives the last record seen. Polls sleep on `env`.
Result<int> WaitForJob(store::Registry& registry, LocalEnv& env, const std::string& app_id,
                       const WaitOptions& options, store::JobRecord* final_record);

// 0 for FINISHED/SUCCEEDED, 4 for KILLED, 1 for any other terminal outcome.
int ExitCodeForOutcome(const store::JobRecord& job);

}  // namespace mlpipe::cli
