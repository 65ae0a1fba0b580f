// The local backend's process side, used by the CLI: start a recorded job in a detached worker
// (`mlpipe __worker <app_id> --registry <db>`), repair the registry when a worker died without a
// word, and kill a job with its whole process tree. The job itself runs in SuperviseJob.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "backends/worker_supervisor.h"
#include "store/registry.h"
#include "util/fs.h"
#include "util/result.h"

namespace mlpipe::backends {

struct LocalLaunch {
  fs::path mlpipe_exe;  // absolute path of the mlpipe binary that runs `__worker`
  fs::path log_dir;     // the job log is <log_dir>/<app_id>.log (stdout + stderr of the worker)
  std::map<std::string, std::string> extra_env;  // added to the worker's environment
  // Runs after the job is recorded and before its worker starts (e.g. to write the config snapshot
  // the worker reads). An error marks the job FAILED and is returned.
  std::function<Status(const store::JobRecord&)> prepare;
};

// {exe, "__worker", app_id, "--registry", registry_path}: the command line SubmitLocalJob starts.
std::vector<std::string> WorkerArgv(const fs::path& mlpipe_exe, const std::string& app_id,
                                    const fs::path& registry_path);

// Records `draft` (Registry::Create; backend "local" if empty), sets its log path, then starts the
// detached worker (through `env`) and records it as the supervisor. If the worker cannot start, the
// job is marked FAILED with the reason and that error is returned. Returns the fresh record.
Result<store::JobRecord> SubmitLocalJob(store::Registry& registry, store::JobRecord draft,
                                        const LocalLaunch& launch, LocalEnv& env);

// A non-terminal job whose supervisor and worker are both gone (pid + start time, so a recycled
// pid does not count) ends as RecordDeadJobEnd decides with `settle`: FINISHED when it had
// published its outputs, else FAILED "worker process <pid> is gone ..."; one never started at all
// is marked FAILED after `start_grace`. Returns the job's current record.
Result<store::JobRecord> ReconcileLocalJob(
    store::Registry& registry, const store::JobRecord& record, const SettleFunction& settle = {},
    std::chrono::milliseconds start_grace = std::chrono::seconds(60));

struct KillOutcome {
  bool killed = false;      // false: the job had already ended, nothing was done
  std::string message;      // for the user: "killed application X" / "application X already
                            // finished with state FINISHED"
  store::JobRecord record;  // the record after the kill
};

// Marks the job KILLED (compare-and-set; diagnostics "killed by request (<requested_by>)") first,
// then terminates the worker's and the supervisor's process groups (SIGTERM, `grace`, SIGKILL). A
// job that had already ended is not an error: the outcome has killed = false and says so; the CLI
// prints the message and exits 0 (as `yarn application -kill` does). Errors: NotFound for an
// unknown id, registry or signal failures.
Result<KillOutcome> KillLocalJob(store::Registry& registry, const std::string& app_id,
                                 const std::string& requested_by,
                                 std::chrono::milliseconds grace = std::chrono::seconds(5));

}  // namespace mlpipe::backends
