// What runs inside a local job's detached process (`mlpipe __worker <app_id>`): SuperviseJob marks
// the job ACCEPTED, forks the worker that runs it (RUNNING -> FINISHED/FAILED/KILLED), and records
// an honest final state even when the worker dies abnormally (signal, OOM killer) or overruns its
// timeout. Free of engine includes: the job is any JobFunction.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "store/registry.h"
#include "util/local_env.h"
#include "util/log.h"
#include "util/status.h"

namespace mlpipe::backends {

// Handed to a running job to publish progress and to learn that it should stop.
class ProgressReporter {
 public:
  virtual ~ProgressReporter() = default;
  // `fraction` in [0, 1] (clamped); `message` is a short phase description ("training fold 2/5").
  virtual void Report(double fraction, std::string_view message) = 0;
  // True once the job should stop (it was killed); the job should then return Status::Cancelled.
  virtual bool StopRequested() const = 0;
  // The job's one decision (store::Registry::FinishPublishing): runs `publish`, which makes the
  // outputs visible and returns them as a JSON object, and records FINISHED with them and
  // `diagnostics` (the job's warnings; may be empty). False, without running `publish`, when the
  // job was stopped first.
  virtual Result<bool> FinishPublishing(const std::function<Result<std::string>()>& publish,
                                        const std::string& diagnostics) = 0;
};

// The job: returns OK on success, Cancelled when it stopped on request, any other error on failure
// (its message becomes the job's diagnostics).
using JobFunction = std::function<Status(ProgressReporter&)>;

// ProgressReporter over the registry, throttled: at most one progress write and one state read per
// `min_interval` (default 250 ms, i.e. <= 4/s); a report of 1.0 is always written. Write errors are
// logged, never thrown at the job. Not thread-safe.
class RegistryProgressReporter final : public ProgressReporter {
 public:
  RegistryProgressReporter(store::Registry& registry, std::string app_id, Logger& logger,
                           std::chrono::milliseconds min_interval = std::chrono::milliseconds(250));
  void Report(double fraction, std::string_view message) override;
  bool StopRequested() const override;
  Result<bool> FinishPublishing(const std::function<Result<std::string>()>& publish,
                                const std::string& diagnostics) override;
  // Writes the latest report if throttling held it back.
  void Flush();

 private:
  void Write();

  store::Registry& registry_;
  std::string app_id_;
  Logger& logger_;
  int64_t min_interval_ms_;
  int64_t last_write_ms_ = -1;
  bool pending_ = false;
  double fraction_ = 0.0;
  std::string message_;
  mutable int64_t last_check_ms_ = -1;
  mutable bool stop_ = false;
};

// What a job whose processes died without recording an end had published: its outputs as a JSON
// object, or nullopt when it published nothing (engine/jobs/settle.h). Runs under the registry's
// write lock.
using SettleFunction = std::function<Result<std::optional<std::string>>()>;

// Records the end of `app_id`, whose processes are all gone without recording one: FINISHED with
// what `settle` finds published (the diagnostics then say the end was recovered), else FAILED with
// `diagnostics`. A job that already ended stays as it is (false). An empty `settle` means FAILED.
Result<bool> RecordDeadJobEnd(store::Registry& registry, const std::string& app_id,
                              const SettleFunction& settle, const std::string& diagnostics);

struct SupervisorOptions {
  std::optional<int64_t> timeout_seconds;      // unset = no limit
  std::string timeout_setting = "timeout";     // the key named in the timeout diagnostics
  std::chrono::milliseconds kill_grace{5000};  // SIGTERM -> SIGKILL delay for the worker
  std::chrono::milliseconds poll_interval{100};
  Logger* logger = nullptr;  // lifecycle lines; nullptr = plain stderr
  SettleFunction settle;     // for a worker that dies without recording an end
};

// Runs `run_job` for `app_id` in a forked worker process (its own process group) and waits for it.
// Outcomes recorded (compare-and-set, so a state written first, e.g. KILLED by `mlpipe kill`,
// wins):
//   worker returned OK -> FINISHED/SUCCEEDED; Cancelled -> KILLED; other error -> FAILED;
//   worker killed by a signal -> FAILED "worker process <pid> killed by signal 9 (SIGKILL); ...",
//   or FINISHED when it died after publishing its outputs (RecordDeadJobEnd with options.settle);
//   timeout -> FAILED "<timeout_setting> 1h exceeded; ..." and the worker group is terminated;
//   SIGTERM/SIGINT to the supervisor -> KILLED and the worker group is terminated.
// Returns the exit code for the detached process: 0 when the job SUCCEEDED, 1 when it ended
// otherwise, 2 when the registry could not be used. The polls and the timeout run on `env`'s steady
// clock and sleep. REQUIRES: no other threads (it forks).
int SuperviseJob(store::Registry& registry, const std::string& app_id, const JobFunction& run_job,
                 const SupervisorOptions& options, LocalEnv& env);

}  // namespace mlpipe::backends
