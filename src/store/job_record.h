// The job registry's record of one application and its YARN-style lifecycle:
// NEW -> SUBMITTED -> ACCEPTED -> RUNNING -> FINISHED | FAILED | KILLED, plus a final status
// (UNDEFINED until the job ends). Names use YARN's spellings; parsing is case-insensitive.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "util/result.h"

namespace mlpipe::store {

enum class JobState { kNew, kSubmitted, kAccepted, kRunning, kFinished, kFailed, kKilled };
enum class FinalStatus { kUndefined, kSucceeded, kFailed, kKilled };

std::string_view JobStateName(JobState state);          // "RUNNING"
Result<JobState> ParseJobState(std::string_view name);  // "running" -> kRunning
std::string_view FinalStatusName(FinalStatus status);   // "SUCCEEDED"
Result<FinalStatus> ParseFinalStatus(std::string_view name);
// FINISHED, FAILED and KILLED: nothing moves a job out of these.
bool IsTerminal(JobState state);

struct JobRecord {
  std::string app_id;  // "application_<cluster_ts>_<seq>", assigned by Registry::Create
  std::string name, job_type, backend, queue, user;
  std::string tag;  // unique "mlpipe-..." tag, also sent to YARN as spark.yarn.tags
  JobState state = JobState::kNew;
  FinalStatus final_status = FinalStatus::kUndefined;
  double progress = 0.0;  // 0..1
  std::string progress_message, diagnostics;
  int64_t submitted_ms = 0, started_ms = 0, finished_ms = 0;  // epoch ms; 0 = not yet
  // Local backend: the detached supervisor (session and process-group leader) and the process
  // running the job (its own process-group leader). 0 = not started. Start times are in clock
  // ticks after boot (util/process.h), to tell our process from a recycled pid.
  int64_t supervisor_pid = 0, supervisor_start_time = 0;
  int64_t worker_pid = 0, worker_start_time = 0;
  std::string log_path, config_path, warehouse_root;
  std::string outputs_json;  // JSON object written by the job runner; "" = none yet
  int attempt = 1;
  // YARN backend: the ResourceManager's latest report (tracking URL, final status, queue, memory,
  // vcores, containers) as a JSON object; "" for local jobs.
  std::string cluster_json;
};

}  // namespace mlpipe::store
