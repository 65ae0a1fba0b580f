#include "store/registry.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <random>

#include "store/sqlite_db.h"

namespace mlpipe::store {
namespace {

constexpr int kBusyTimeoutMs = 15000;
constexpr int kColumnCount = 25;
constexpr std::string_view kColumns =
    "app_id, name, job_type, backend, queue, user, tag, state, final_status, progress, "
    "progress_message, diagnostics, submitted_ms, started_ms, finished_ms, supervisor_pid, "
    "supervisor_start_time, worker_pid, worker_start_time, log_path, config_path, "
    "warehouse_root, outputs_json, attempt, cluster_json";

// kMigrations[v] upgrades a database at schema version v to v + 1.
constexpr std::array<std::string_view, kRegistrySchemaVersion> kMigrations = {R"sql(
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE jobs (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  app_id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL, job_type TEXT NOT NULL, backend TEXT NOT NULL, queue TEXT NOT NULL,
  user TEXT NOT NULL, tag TEXT NOT NULL UNIQUE, state TEXT NOT NULL, final_status TEXT NOT NULL,
  progress REAL NOT NULL, progress_message TEXT NOT NULL, diagnostics TEXT NOT NULL,
  submitted_ms INTEGER NOT NULL, started_ms INTEGER NOT NULL, finished_ms INTEGER NOT NULL,
  supervisor_pid INTEGER NOT NULL, supervisor_start_time INTEGER NOT NULL,
  worker_pid INTEGER NOT NULL, worker_start_time INTEGER NOT NULL,
  log_path TEXT NOT NULL, config_path TEXT NOT NULL, warehouse_root TEXT NOT NULL,
  outputs_json TEXT NOT NULL, attempt INTEGER NOT NULL);
CREATE INDEX jobs_state ON jobs(state);
)sql",
                                                                           R"sql(
ALTER TABLE jobs ADD COLUMN cluster_json TEXT NOT NULL DEFAULT '';
)sql"};

void BindRecord(Statement& st, const JobRecord& r) {
  int i = 1;
  for (const std::string* s :
       {&r.app_id, &r.name, &r.job_type, &r.backend, &r.queue, &r.user, &r.tag}) {
    st.Bind(i++, *s);
  }
  st.Bind(i++, JobStateName(r.state));
  st.Bind(i++, FinalStatusName(r.final_status));
  st.Bind(i++, r.progress);
  for (const std::string* s : {&r.progress_message, &r.diagnostics}) st.Bind(i++, *s);
  for (int64_t v : {r.submitted_ms, r.started_ms, r.finished_ms, r.supervisor_pid,
                    r.supervisor_start_time, r.worker_pid, r.worker_start_time}) {
    st.Bind(i++, v);
  }
  for (const std::string* s : {&r.log_path, &r.config_path, &r.warehouse_root, &r.outputs_json}) {
    st.Bind(i++, *s);
  }
  st.Bind(i++, static_cast<int64_t>(r.attempt));
  st.Bind(i, r.cluster_json);
}

JobRecord ReadRecord(const Statement& st) {
  JobRecord r;
  int i = 0;
  for (std::string* s : {&r.app_id, &r.name, &r.job_type, &r.backend, &r.queue, &r.user, &r.tag}) {
    *s = st.Text(i++);
  }
  r.state = ParseJobState(st.Text(i++)).ValueOr(JobState::kNew);
  r.final_status = ParseFinalStatus(st.Text(i++)).ValueOr(FinalStatus::kUndefined);
  r.progress = st.Double(i++);
  r.progress_message = st.Text(i++);
  r.diagnostics = st.Text(i++);
  for (int64_t* v : {&r.submitted_ms, &r.started_ms, &r.finished_ms, &r.supervisor_pid,
                     &r.supervisor_start_time, &r.worker_pid, &r.worker_start_time}) {
    *v = st.Int(i++);
  }
  r.log_path = st.Text(i++);
  r.config_path = st.Text(i++);
  r.warehouse_root = st.Text(i++);
  r.outputs_json = st.Text(i++);
  r.attempt = static_cast<int>(st.Int(i++));
  r.cluster_json = st.Text(i++);
  return r;
}

std::string RandomSuffix() {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  constexpr std::string_view kAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  std::string out;
  for (int i = 0; i < 8; ++i) out.push_back(kAlphabet[rng() % kAlphabet.size()]);
  return out;
}

std::string FormatSeq(int64_t seq) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%04lld", static_cast<long long>(seq));
  return buf;
}

// Why moving from `from` to `to` is illegal, or "" when it is legal. REQUIRES: !IsTerminal(from).
std::string IllegalMoveReason(JobState from, JobState to) {
  if (to == JobState::kFailed || to == JobState::kKilled) return "";
  if (to == JobState::kFinished) {
    return from == JobState::kRunning ? "" : "only a RUNNING application can finish";
  }
  if (static_cast<int>(to) > static_cast<int>(from)) return "";
  return "states only move forward (SUBMITTED -> ACCEPTED -> RUNNING -> FINISHED/FAILED/KILLED)";
}

bool FinalStatusFits(JobState to, FinalStatus fs) {
  switch (to) {
    case JobState::kFinished:
      return fs != FinalStatus::kUndefined;
    case JobState::kFailed:
      return fs == FinalStatus::kFailed;
    case JobState::kKilled:
      return fs == FinalStatus::kKilled;
    default:
      return fs == FinalStatus::kUndefined;
  }
}

// Brings the schema to kRegistrySchemaVersion and returns the registry's cluster timestamp.
Result<int64_t> Migrate(SqliteDb& db, int64_t now_ms) {
  MLPIPE_ASSIGN_OR_RETURN(auto txn, WriteTransaction::Begin(db));
  MLPIPE_RETURN_NOT_OK(db.Exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER)"));
  MLPIPE_ASSIGN_OR_RETURN(Statement read, db.Prepare("SELECT MAX(version) FROM schema_version"));
  MLPIPE_RETURN_NOT_OK(read.Step().status());
  const int64_t version = read.Int(0);
  if (version > kRegistrySchemaVersion) {
    return Status::InvalidArgument(
        "job registry '" + db.path().string() + "' has schema version " + std::to_string(version) +
        " but this mlpipe supports up to version " + std::to_string(kRegistrySchemaVersion) +
        "; upgrade mlpipe, or set MLPIPE_HOME to use a separate registry");
  }
  for (int64_t v = version; v < kRegistrySchemaVersion; ++v) {
    MLPIPE_RETURN_NOT_OK(db.Exec(kMigrations[static_cast<size_t>(v)]));
  }
  if (version < kRegistrySchemaVersion) {
    MLPIPE_RETURN_NOT_OK(
        db.Exec("DELETE FROM schema_version; INSERT INTO schema_version "
                "VALUES (" +
                std::to_string(kRegistrySchemaVersion) + ")"));
  }
  MLPIPE_ASSIGN_OR_RETURN(Statement seed,
                          db.Prepare("INSERT OR IGNORE INTO meta VALUES ('cluster_timestamp', ?)"));
  MLPIPE_RETURN_NOT_OK(seed.Bind(1, std::to_string(now_ms)).Run());
  MLPIPE_ASSIGN_OR_RETURN(Statement ts,
                          db.Prepare("SELECT value FROM meta WHERE key = 'cluster_timestamp'"));
  MLPIPE_RETURN_NOT_OK(ts.Step().status());
  const int64_t cluster_ts = ts.Int(0);
  MLPIPE_RETURN_NOT_OK(txn->Commit());
  return cluster_ts;
}

}  // namespace

Registry::Registry(fs::path path, const Clock& clock, std::unique_ptr<SqliteDb> db,
                   int64_t cluster_ts)
    : path_(std::move(path)), clock_(clock), db_(std::move(db)), cluster_ts_(cluster_ts) {}

Registry::~Registry() = default;

Result<std::unique_ptr<Registry>> Registry::Open(const fs::path& db_path, const Clock& clock) {
  MLPIPE_ASSIGN_OR_RETURN(std::unique_ptr<SqliteDb> db, SqliteDb::Open(db_path, kBusyTimeoutMs));
  MLPIPE_ASSIGN_OR_RETURN(int64_t cluster_ts, Migrate(*db, clock.NowMs()));
  return std::unique_ptr<Registry>(new Registry(db_path, clock, std::move(db), cluster_ts));
}

Result<JobRecord> Registry::Create(JobRecord draft) {
  MLPIPE_ASSIGN_OR_RETURN(auto txn, WriteTransaction::Begin(*db_));
  MLPIPE_ASSIGN_OR_RETURN(Statement last,
                          db_->Prepare("SELECT seq FROM sqlite_sequence WHERE name = 'jobs'"));
  MLPIPE_ASSIGN_OR_RETURN(bool has_last, last.Step());
  const int64_t seq = (has_last ? last.Int(0) : 0) + 1;
  const std::string ts = std::to_string(cluster_ts_);
  draft.app_id = "application_" + ts + "_" + FormatSeq(seq);
  if (draft.tag.empty()) draft.tag = "mlpipe-" + ts + "-" + FormatSeq(seq) + "-" + RandomSuffix();
  draft.state = JobState::kSubmitted;
  draft.final_status = FinalStatus::kUndefined;
  draft.submitted_ms = clock_.NowMs();
  std::string placeholders;
  for (int i = 0; i <= kColumnCount; ++i) placeholders += i == 0 ? "?" : ", ?";
  MLPIPE_ASSIGN_OR_RETURN(Statement insert,
                          db_->Prepare("INSERT INTO jobs (" + std::string(kColumns) +
                                       ", seq) VALUES (" + placeholders + ")"));
  BindRecord(insert, draft);
  insert.Bind(kColumnCount + 1, seq);
  MLPIPE_RETURN_NOT_OK(insert.Run());
  MLPIPE_RETURN_NOT_OK(txn->Commit());
  return draft;
}

Result<JobRecord> Registry::Get(const std::string& app_id) const {
  MLPIPE_ASSIGN_OR_RETURN(Statement st, db_->Prepare("SELECT " + std::string(kColumns) +
                                                     " FROM jobs WHERE app_id = ?"));
  st.Bind(1, app_id);
  MLPIPE_ASSIGN_OR_RETURN(bool found, st.Step());
  if (!found) return NotFound(app_id);
  return ReadRecord(st);
}

Result<std::vector<JobRecord>> Registry::List(const ListFilter& filter) const {
  std::string sql = "SELECT " + std::string(kColumns) + " FROM jobs WHERE 1 = 1";
  if (!filter.states.empty()) {
    sql += " AND state IN (";
    for (size_t i = 0; i < filter.states.size(); ++i) sql += i == 0 ? "?" : ", ?";
    sql += ")";
  }
  if (!filter.job_type.empty()) sql += " AND job_type = ?";
  if (!filter.name_contains.empty()) sql += " AND instr(name, ?) > 0";
  if (!filter.queue.empty()) sql += " AND queue = ?";
  if (!filter.user.empty()) sql += " AND user = ?";
  sql += " ORDER BY seq DESC";
  if (filter.limit > 0) sql += " LIMIT ?";
  MLPIPE_ASSIGN_OR_RETURN(Statement st, db_->Prepare(sql));
  int i = 1;
  for (JobState s : filter.states) st.Bind(i++, JobStateName(s));
  if (!filter.job_type.empty()) st.Bind(i++, filter.job_type);
  if (!filter.name_contains.empty()) st.Bind(i++, filter.name_contains);
  if (!filter.queue.empty()) st.Bind(i++, filter.queue);
  if (!filter.user.empty()) st.Bind(i++, filter.user);
  if (filter.limit > 0) st.Bind(i++, static_cast<int64_t>(filter.limit));
  std::vector<JobRecord> out;
  while (true) {
    MLPIPE_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) return out;
    out.push_back(ReadRecord(st));
  }
}

Result<bool> Registry::Transition(const std::string& app_id, JobState to, FinalStatus final_status,
                                  const std::string& diagnostics) {
  if (!FinalStatusFits(to, final_status)) {
    return Status::InvalidArgument("final status " + std::string(FinalStatusName(final_status)) +
                                   " does not fit state " + std::string(JobStateName(to)) +
                                   " for application " + app_id);
  }
  MLPIPE_ASSIGN_OR_RETURN(auto txn, WriteTransaction::Begin(*db_));
  MLPIPE_ASSIGN_OR_RETURN(Statement read, db_->Prepare("SELECT state FROM jobs WHERE app_id = ?"));
  read.Bind(1, app_id);
  MLPIPE_ASSIGN_OR_RETURN(bool found, read.Step());
  if (!found) return NotFound(app_id);
  MLPIPE_ASSIGN_OR_RETURN(JobState from, ParseJobState(read.Text(0)));
  if (IsTerminal(from)) return false;
  const std::string reason = IllegalMoveReason(from, to);
  if (!reason.empty()) {
    return Status::InvalidArgument("illegal state change for application " + app_id + ": " +
                                   std::string(JobStateName(from)) + " -> " +
                                   std::string(JobStateName(to)) + "; " + reason);
  }
  MLPIPE_ASSIGN_OR_RETURN(
      Statement update,
      db_->Prepare("UPDATE jobs SET state = ?1, final_status = ?2, "
                   "diagnostics = CASE WHEN ?3 = '' THEN diagnostics ELSE ?3 END, "
                   "started_ms = CASE WHEN ?4 THEN ?5 ELSE started_ms END, "
                   "finished_ms = CASE WHEN ?6 THEN ?5 ELSE finished_ms END, "
                   "progress = CASE WHEN ?7 THEN 1.0 ELSE progress END WHERE app_id = ?8"));
  update.Bind(1, JobStateName(to)).Bind(2, FinalStatusName(final_status)).Bind(3, diagnostics);
  update.Bind(4, int64_t{to == JobState::kRunning}).Bind(5, clock_.NowMs());
  update.Bind(6, int64_t{IsTerminal(to)}).Bind(7, int64_t{to == JobState::kFinished});
  update.Bind(8, app_id);
  MLPIPE_RETURN_NOT_OK(update.Run());
  MLPIPE_RETURN_NOT_OK(txn->Commit());
  return true;
}

Status Registry::UpdateProgress(const std::string& app_id, double progress,
                                const std::string& message) {
  if (std::isnan(progress)) {
    return Status::InvalidArgument("progress of application " + app_id + " is NaN");
  }
  MLPIPE_ASSIGN_OR_RETURN(
      Statement st, db_->Prepare("UPDATE jobs SET progress = ?, progress_message = ? WHERE "
                                 "app_id = ? AND state NOT IN ('FINISHED', 'FAILED', 'KILLED')"));
  st.Bind(1, std::clamp(progress, 0.0, 1.0)).Bind(2, message).Bind(3, app_id);
  MLPIPE_RETURN_NOT_OK(st.Run());
  if (db_->Changes() > 0) return Status::OK();
  return Get(app_id).status();  // terminal: ignored; missing: NotFound
}

Status Registry::SetSupervisor(const std::string& app_id, int64_t pid, int64_t start_time) {
  MLPIPE_ASSIGN_OR_RETURN(Statement st, db_->Prepare("UPDATE jobs SET supervisor_pid = ?, "
                                                     "supervisor_start_time = ? WHERE app_id = ?"));
  MLPIPE_RETURN_NOT_OK(st.Bind(1, pid).Bind(2, start_time).Bind(3, app_id).Run());
  return RequireChanged(app_id);
}

Status Registry::SetWorker(const std::string& app_id, int64_t pid, int64_t start_time) {
  MLPIPE_ASSIGN_OR_RETURN(Statement st, db_->Prepare("UPDATE jobs SET worker_pid = ?, "
                                                     "worker_start_time = ? WHERE app_id = ?"));
  MLPIPE_RETURN_NOT_OK(st.Bind(1, pid).Bind(2, start_time).Bind(3, app_id).Run());
  return RequireChanged(app_id);
}

Status Registry::SetOutputs(const std::string& app_id, const std::string& outputs_json) {
  MLPIPE_ASSIGN_OR_RETURN(Statement st,
                          db_->Prepare("UPDATE jobs SET outputs_json = ? WHERE app_id = ?"));
  MLPIPE_RETURN_NOT_OK(st.Bind(1, outputs_json).Bind(2, app_id).Run());
  return RequireChanged(app_id);
}

Status Registry::SetLogPath(const std::string& app_id, const std::string& log_path) {
  MLPIPE_ASSIGN_OR_RETURN(Statement st,
                          db_->Prepare("UPDATE jobs SET log_path = ? WHERE app_id = ?"));
  MLPIPE_RETURN_NOT_OK(st.Bind(1, log_path).Bind(2, app_id).Run());
  return RequireChanged(app_id);
}

Status Registry::SetConfigPath(const std::string& app_id, const std::string& config_path) {
  MLPIPE_ASSIGN_OR_RETURN(Statement st, db_->Prepare("UPDATE jobs SET config_path = ? WHERE app_id = ?"));
  MLPIPE_RETURN_NOT_OK(st.Bind(1, config_path).Bind(2, app_id).Run());
  return RequireChanged(app_id);
}

Status Registry::SetClusterInfo(const std::string& app_id, const std::string& cluster_json) {
  MLPIPE_ASSIGN_OR_RETURN(Statement st,
                          db_->Prepare("UPDATE jobs SET cluster_json = ? WHERE app_id = ?"));
  MLPIPE_RETURN_NOT_OK(st.Bind(1, cluster_json).Bind(2, app_id).Run());
  return RequireChanged(app_id);
}

Status Registry::AdoptAppId(const std::string& provisional_id, const std::string& app_id) {
  MLPIPE_ASSIGN_OR_RETURN(Statement st, db_->Prepare("UPDATE jobs SET app_id = ? WHERE app_id = ?"));
  Status run = st.Bind(1, app_id).Bind(2, provisional_id).Run();
  if (!run.ok()) {
    return Status::AlreadyExists("cannot record application " + app_id + " for job " + provisional_id +
                                 " in registry " + path_.string() + ": " + run.message());
  }
  return RequireChanged(provisional_id);
}

Status Registry::NotFound(const std::string& app_id) const {
  return Status::NotFound("no application " + app_id + " in registry " + path_.string() +
                          "; run `mlpipe list` to see the known applications");
}

Status Registry::RequireChanged(const std::string& app_id) const {
  return db_->Changes() > 0 ? Status::OK() : NotFound(app_id);
}

}  // namespace mlpipe::store
