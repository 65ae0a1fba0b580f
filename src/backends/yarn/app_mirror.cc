#include "backends/yarn/app_mirror.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace mlpipe::backends::yarn {

namespace {

using store::FinalStatus;
using store::JobState;

FinalStatus FinalOf(const std::string& yarn_final) {
  if (yarn_final == "SUCCEEDED") return FinalStatus::kSucceeded;
  if (yarn_final == "KILLED") return FinalStatus::kKilled;
  if (yarn_final == "FAILED") return FinalStatus::kFailed;
  return FinalStatus::kUndefined;
}

}  // namespace

MirroredState MirrorOf(const cluster::YarnApp& app) {
  MirroredState m;
  m.progress = std::clamp(app.progress / 100.0, 0.0, 1.0);
  m.diagnostics = app.diagnostics;
  if (app.state == "ACCEPTED") {
    m.state = JobState::kAccepted;
  } else if (app.state == "RUNNING") {
    m.state = JobState::kRunning;
  } else if (app.state == "FINISHED") {
    m.state = JobState::kFinished;
    m.final_status = FinalOf(app.final_status);
    if (m.final_status == FinalStatus::kUndefined) m.final_status = FinalStatus::kFailed;
  } else if (app.state == "FAILED") {
    m.state = JobState::kFailed;
    m.final_status = FinalStatus::kFailed;
  } else if (app.state == "KILLED") {
    m.state = JobState::kKilled;
    m.final_status = FinalStatus::kKilled;
  }
  nlohmann::json c = {{"yarn_state", app.state},
                      {"yarn_final_status", app.final_status},
                      {"tracking_url", app.tracking_url},
                      {"yarn_queue", app.queue},
                      {"allocated_mb", app.allocated_mb},
                      {"allocated_vcores", app.allocated_vcores},
                      {"running_containers", app.running_containers}};
  if (!app.am_host_http_address.empty()) c["am_host"] = app.am_host_http_address;
  if (app.elapsed_ms > 0) c["yarn_elapsed_ms"] = app.elapsed_ms;
  m.cluster_json = c.dump();
  return m;
}

store::JobRecord RecordOf(const cluster::YarnApp& app) {
  const MirroredState m = MirrorOf(app);
  store::JobRecord r;
  r.app_id = app.id;
  r.name = app.name;
  r.job_type = app.application_type;
  r.backend = "yarn";
  r.queue = app.queue;
  r.user = app.user;
  r.state = m.state;
  r.final_status = m.final_status;
  r.progress = m.state == JobState::kFinished ? 1.0 : m.progress;
  r.diagnostics = m.diagnostics;
  r.submitted_ms = r.started_ms = app.started_ms;
  r.finished_ms = app.finished_ms;
  r.cluster_json = m.cluster_json;
  return r;
}

Result<store::JobRecord> MirrorApp(store::Registry& registry, const std::string& app_id,
                                   const cluster::YarnApp& app) {
  const MirroredState m = MirrorOf(app);
  MLPIPE_ASSIGN_OR_RETURN(store::JobRecord current, registry.Get(app_id));
  if (!store::IsTerminal(current.state)) {
    if (m.state == JobState::kFinished && current.state != JobState::kRunning) {
      MLPIPE_RETURN_NOT_OK(
          registry.Transition(app_id, JobState::kRunning, FinalStatus::kUndefined, "").status());
    }
    if (m.state != current.state) {
      MLPIPE_RETURN_NOT_OK(
          registry.Transition(app_id, m.state, m.final_status, m.diagnostics).status());
    }
    if (!store::IsTerminal(m.state)) {
      MLPIPE_RETURN_NOT_OK(registry.UpdateProgress(app_id, m.progress, app.diagnostics));
    }
  }
  MLPIPE_RETURN_NOT_OK(registry.SetClusterInfo(app_id, m.cluster_json));
  return registry.Get(app_id);
}

}  // namespace mlpipe::backends::yarn
