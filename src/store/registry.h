// Registry: the durable job registry (SQLite in WAL mode), the source of truth for every mlpipe job
// on every backend. Several processes (CLI, detached workers) use one database file at once, each
// through its own Registry; writes are short IMMEDIATE transactions, state changes compare-and-set.
// A Registry (one connection) must be used by one thread at a time. Every error names the db path.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "store/job_record.h"
#include "util/clock.h"
#include "util/fs.h"
#include "util/result.h"

namespace mlpipe::store {

// The schema version this build reads and writes; a newer database is refused.
inline constexpr int kRegistrySchemaVersion = 2;

struct ListFilter {
  std::vector<JobState> states;  // empty = any state
  std::string job_type;          // "" = any
  std::string name_contains;     // case-sensitive substring of the name; "" = any
  std::string queue, user;       // exact; "" = any
  int limit = 0;                 // 0 = no limit
};

class SqliteDb;

class Registry {
 public:
  // Opens or creates the database (and its parent directory), applying migrations up to
  // kRegistrySchemaVersion. `clock` must outlive the Registry. IOError (naming the file and what
  // to do) when the database is damaged (a table or column missing), at an unknown schema version,
  // or not the one this home had: <db>.id, written when the database is created, holds its id, so
  // a database deleted or replaced under mlpipe is reported, not silently started anew. A
  // database this user may not write opens read-only: reads work, writes fail with IOError.
  static Result<std::unique_ptr<Registry>> Open(const fs::path& db_path, const Clock& clock);
  ~Registry();

  // Records a new job in state SUBMITTED (submitted_ms = now) before anything starts it. Assigns
  // app_id "application_<cluster_ts>_<seq>" (seq never reused, even after deletes) and, when
  // draft.tag is empty, a unique tag "mlpipe-<cluster_ts>-<seq>-<random8>". Other fields are kept.
  Result<JobRecord> Create(JobRecord draft);
  // NotFound names the id and the registry.
  Result<JobRecord> Get(const std::string& app_id) const;
  // Newest first.
  Result<std::vector<JobRecord>> List(const ListFilter& filter) const;

  // Compare-and-set move to `to`, atomically against the stored state:
  //  - already terminal: no change, returns false (not an error);
  //  - FAILED / KILLED: allowed from any non-terminal state; FINISHED: only from RUNNING;
  //  - ACCEPTED / RUNNING: only forward (e.g. SUBMITTED -> RUNNING is fine, RUNNING -> ACCEPTED
  //  not);
  //  - an illegal move, or a final status that does not fit `to` (UNDEFINED exactly for
  //    non-terminal states, FAILED for FAILED, KILLED for KILLED), is InvalidArgument.
  // Sets started_ms on RUNNING, finished_ms on a terminal state, progress 1 on FINISHED; replaces
  // diagnostics when `diagnostics` is not empty. Returns true when the move was made.
  Result<bool> Transition(const std::string& app_id, JobState to, FinalStatus final_status,
                          const std::string& diagnostics);
  // A job's one decision: holding the registry's write lock, so that no kill, timeout or failure
  // can be recorded meanwhile, checks that the job is RUNNING, runs `publish` (which makes the
  // job's outputs visible and returns them as a JSON object) and records FINISHED/SUCCEEDED with
  // those outputs and `diagnostics`. Returns false without running `publish` when the job is not
  // RUNNING (it was stopped). An error from `publish` is returned and nothing is recorded. A
  // process killed inside `publish` records nothing: the job stays RUNNING for the reconciler,
  // which derives its end from what was published (and calls this again to record it).
  Result<bool> FinishPublishing(const std::string& app_id,
                                const std::function<Result<std::string>()>& publish,
                                const std::string& diagnostics = "");
  // Progress in [0, 1] (clamped). Ignored (OK) once the job is terminal.
  Status UpdateProgress(const std::string& app_id, double progress, const std::string& message);
  Status SetSupervisor(const std::string& app_id, int64_t pid, int64_t start_time);
  Status SetWorker(const std::string& app_id, int64_t pid, int64_t start_time);
  Status SetOutputs(const std::string& app_id, const std::string& outputs_json);
  Status SetLogPath(const std::string& app_id, const std::string& log_path);
  Status SetConfigPath(const std::string& app_id, const std::string& config_path);
  // The backend's latest report of the job (JSON object; see JobRecord::cluster_json).
  Status SetClusterInfo(const std::string& app_id, const std::string& cluster_json);
  // Renames a job recorded under the provisional id Create() gave it to the id its backend
  // assigned (YARN's application id). AlreadyExists when another job has that id.
  Status AdoptAppId(const std::string& provisional_id, const std::string& app_id);

  const fs::path& path() const { return path_; }
  bool read_only() const;
  const Clock& clock() const { return clock_; }
  // The fixed timestamp in every app id of this registry (set when the database was created).
  int64_t cluster_timestamp() const { return cluster_ts_; }

 private:
  Registry(fs::path path, const Clock& clock, std::unique_ptr<SqliteDb> db, int64_t cluster_ts);
  // Transition's read and update, inside the caller's write transaction.
  Result<bool> TransitionLocked(const std::string& app_id, JobState to, FinalStatus final_status,
                                const std::string& diagnostics);
  Status NotFound(const std::string& app_id) const;
  // After an UPDATE by app id: NotFound when it matched no row.
  Status RequireChanged(const std::string& app_id) const;

  fs::path path_;
  const Clock& clock_;
  std::unique_ptr<SqliteDb> db_;
  int64_t cluster_ts_;
};

}  // namespace mlpipe::store
