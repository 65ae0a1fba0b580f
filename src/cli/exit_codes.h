// mlpipe's process exit codes. They are part of the public interface (docs/CLI.md) and never change
// meaning: scripts and Airflow DAGs branch on them. 99 is avoided on purpose (Airflow: "skipped").
#pragma once

#include "util/status.h"

namespace mlpipe::cli {

enum ExitCode : int {
  kExitSuccess = 0,    // command succeeded; for --wait/monitor: job FINISHED/SUCCEEDED
  kExitJobFailed = 1,  // the job ended FAILED (including prediction_timeout and bad input data)
  kExitUsage = 2,      // bad command line: unknown flag, missing argument
  kExitConfig = 3,     // invalid configuration (YAML, types, keys, limits, secrets)
  kExitJobKilled = 4,  // the job ended KILLED (mlpipe kill, or SIGTERM/SIGINT during --wait)
  kExitNotFound = 5,   // config file, application id, model or version, or input path missing
  kExitBackendUnavailable = 6,  // the backend (cluster, registry) cannot be reached
  kExitStorage = 7,             // local storage failure (permissions, disk full, output exists)
  kExitInternal = 10,           // a bug in mlpipe: please report it with the log
};

// The exit code for a command that failed with `status` before or outside a job.
int ExitCodeFor(const Status& status);

}  // namespace mlpipe::cli
