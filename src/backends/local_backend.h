// The embedded default backend: each job runs on this machine in a detached `mlpipe __worker`
// process (its own session, so `kill` stops it and every child), on the C++ engine. The registry is
// written before the worker starts; the worker records progress and the final state there. The
// worker's start, its config snapshot and reading its log go through `env` (util/local_env.h).
#pragma once

#include "backends/backend.h"
#include "util/local_env.h"

namespace mlpipe::backends {

class LocalBackend : public Backend {
 public:
  LocalBackend(store::Registry& registry, LocalEnv& env) : registry_(registry), env_(env) {}

  std::string_view name() const override { return "local"; }
  Result<std::string> DryRun(const SubmitRequest& request) override;
  Status CheckOutputs(config::JobType type, const config::JobConfig& config, bool offline) override;
  Result<engine::DataCheckReport> CheckData(config::JobType type,
                                            const config::JobConfig& config) override;
  Result<std::string> Submit(const SubmitRequest& request) override;
  Result<store::JobRecord> Refresh(const store::JobRecord& record) override;
  Result<std::string> Kill(const store::JobRecord& record,
                           const std::string& requested_by) override;
  Result<std::string> Logs(const store::JobRecord& record, int tail_lines) override;

 private:
  store::Registry& registry_;
  LocalEnv& env_;
};

// Where a local job's redacted config snapshot lives: <warehouse>/configs/<app_id>.yaml.
fs::path ConfigSnapshotPath(const store::JobRecord& record);

}  // namespace mlpipe::backends
