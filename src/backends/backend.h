// Backend: where jobs run. The CLI talks only to this interface; `local` (this machine, detached
// worker processes) and `yarn` (Spark on YARN) implement it. Every backend records its jobs in the
// shared job registry before starting them, so list/status/logs/kill work the same on both.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "config/job_config.h"
#include "engine/jobs/data_checks.h"
#include "store/registry.h"
#include "util/result.h"

namespace mlpipe::backends {

struct SubmitRequest {
  config::JobType type = config::JobType::kTraining;
  std::string name;                  // -n; defaults to "<model_name>-<job type>"
  config::JobConfig config;          // validated, command-line overrides applied
  std::string redacted_config_yaml;  // config::RenderYaml(config): stored with the job, no secrets
  std::string user;
  // A user's PySpark script (`submit -t custom --script my_job.py`, the document's "Custom Job
  // Scripts"). When set, the job's type is "custom", `type` is ignored, and `script_args` follow
  // mlpipe's own arguments on the script's command line.
  std::string custom_script;
  std::vector<std::string> script_args;

  bool is_custom() const { return !custom_script.empty(); }
  std::string TypeName() const {
    return is_custom() ? "custom" : std::string(config::JobTypeName(type));
  }
};

class Backend {
 public:
  virtual ~Backend() = default;
  virtual std::string_view name() const = 0;
  // What `submit --dry-run` prints: exactly what would run, secrets redacted. Starts nothing.
  virtual Result<std::string> DryRun(const SubmitRequest& request) = 0;
  // Where a `type` job would write, judged before it runs (backends/output_paths.h): ConfigError
  // naming the paths and the rule. `offline` judges the configured paths only; otherwise also what
  // exists at each output (engine/io/output_owner.h), which on yarn asks HDFS.
  virtual Status CheckOutputs(config::JobType type, const config::JobConfig& config,
                              bool offline) = 0;
  // What `validate` learns from the input a `type` job would read (engine/jobs/data_checks.h):
  // ConfigError listing every problem; what it cannot reach is reported as skipped.
  virtual Result<engine::DataCheckReport> CheckData(config::JobType type,
                                                    const config::JobConfig& config) = 0;
  // Records the job, starts it, and returns its application id without waiting for it to finish.
  virtual Result<std::string> Submit(const SubmitRequest& request) = 0;
  // The job's current record, refreshed from the backend (e.g. a dead worker becomes FAILED). With
  // a read-only registry, the record as recorded (nothing can be written back).
  virtual Result<store::JobRecord> Refresh(const store::JobRecord& record) = 0;
  // Stops the job; returns the message for the user. A job that had already ended is not an
  // error: nothing is done and the message says so (docs/CLI.md).
  // `requested_by` says who asked ("mlpipe kill", "SIGTERM to mlpipe submit --wait, pid 42"); the
  // job's diagnostics name it.
  virtual Result<std::string> Kill(const store::JobRecord& record,
                                   const std::string& requested_by) = 0;
  // The job's log text (driver + workers); `tail_lines` > 0 keeps only the last lines.
  virtual Result<std::string> Logs(const store::JobRecord& record, int tail_lines) = 0;
};

// The backend that owns `record` (by record.backend), sharing `registry`.
Result<std::unique_ptr<Backend>> BackendFor(const store::JobRecord& record,
                                            store::Registry& registry);
// The backend chosen by config (environment_config.backend).
Result<std::unique_ptr<Backend>> BackendFor(const config::JobConfig& config,
                                            store::Registry& registry);

}  // namespace mlpipe::backends
