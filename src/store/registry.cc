#include "store/registry.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <random>
#include <variant>

#include "store/registry_identity.h"
#include "store/sqlite_db.h"
#include "util/command_names.h"
#include "util/file_lock.h"
#include "util/strings.h"

namespace mlpipe::store {
namespace {

constexpr int kBusyTimeoutMs = 15000;
// The columns of `jobs` this build reads and writes, in SELECT and INSERT order, each with the
// JobRecord field it holds. A new field is one row here plus a migration below.
using Field = std::variant<std::string JobRecord::*, int64_t JobRecord::*, double JobRecord::*,
                           int JobRecord::*, JobState JobRecord::*, FinalStatus JobRecord::*>;
struct Column {
  std::string_view name;
  Field field;
};
const std::array<Column, 25> kJobColumns = {{
    {"app_id", &JobRecord::app_id},
    {"name", &JobRecord::name},
    {"job_type", &JobRecord::job_type},
    {"backend", &JobRecord::backend},
    {"queue", &JobRecord::queue},
    {"user", &JobRecord::user},
    {"tag", &JobRecord::tag},
    {"state", &JobRecord::state},
    {"final_status", &JobRecord::final_status},
    {"progress", &JobRecord::progress},
    {"progress_message", &JobRecord::progress_message},
    {"diagnostics", &JobRecord::diagnostics},
    {"submitted_ms", &JobRecord::submitted_ms},
    {"started_ms", &JobRecord::started_ms},
    {"finished_ms", &JobRecord::finished_ms},
    {"supervisor_pid", &JobRecord::supervisor_pid},
    {"supervisor_start_time", &JobRecord::supervisor_start_time},
    {"worker_pid", &JobRecord::worker_pid},
    {"worker_start_time", &JobRecord::worker_start_time},
    {"log_path", &JobRecord::log_path},
    {"config_path", &JobRecord::config_path},
    {"warehouse_root", &JobRecord::warehouse_root},
    {"outputs_json", &JobRecord::outputs_json},
    {"attempt", &JobRecord::attempt},
    {"cluster_json", &JobRecord::cluster_json},
}};

// "app_id, name, …": the column list of every SELECT and INSERT.
const std::string& ColumnList() {
  static const std::string list = [] {
    std::string text;
    for (const Column& c : kJobColumns) text += (text.empty() ? "" : ", ") + std::string(c.name);
    return text;
  }();
  return list;
}

template <class... Fs>
struct Overloaded : Fs... {
  using Fs::operator()...;
};
template <class... Fs>
Overloaded(Fs...) -> Overloaded<Fs...>;

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

// The record's free text made safe to print (util/strings.h SanitizeText), applied to what is
// written and to what is read, so a record written by anything else is shown safely too. Paths
// stay as they are: they name files.
void SanitizeFreeText(JobRecord& r) {
  for (std::string* s : {&r.name, &r.job_type, &r.backend, &r.queue, &r.user, &r.tag,
                         &r.progress_message, &r.diagnostics}) {
    *s = SanitizeText(*s);
  }
}

void BindRecord(Statement& st, const JobRecord& r) {
  int index = 1;
  for (const Column& c : kJobColumns) {
    std::visit(
        Overloaded{[&](std::string JobRecord::*f) { st.Bind(index, r.*f); },
                   [&](int64_t JobRecord::*f) { st.Bind(index, r.*f); },
                   [&](double JobRecord::*f) { st.Bind(index, r.*f); },
                   [&](int JobRecord::*f) { st.Bind(index, static_cast<int64_t>(r.*f)); },
                   [&](JobState JobRecord::*f) { st.Bind(index, JobStateName(r.*f)); },
                   [&](FinalStatus JobRecord::*f) { st.Bind(index, FinalStatusName(r.*f)); }},
        c.field);
    ++index;
  }
}

// The record at the statement's current row. An unknown state or final status (written by a newer
// mlpipe, or edited by hand) is an IOError naming the record, the file and what to do.
Result<JobRecord> ReadRecord(const SqliteDb& db, const Statement& st) {
  JobRecord r;
  std::string unknown;  // "state 'X'" or "final status 'X'"
  int col = 0;
  // An enum column parsed by `parse`; the first value it does not know is kept in `unknown`.
  const auto read_enum = [&](auto& field, const auto& parse, std::string_view what) {
    const std::string text = st.Text(col);
    const auto parsed = parse(text);
    if (parsed.ok()) {
      field = *parsed;
    } else if (unknown.empty()) {
      unknown = std::string(what) + " '" + SanitizeText(text) + "'";
    }
  };
  for (const Column& c : kJobColumns) {
    std::visit(Overloaded{[&](std::string JobRecord::*f) { r.*f = st.Text(col); },
                          [&](int64_t JobRecord::*f) { r.*f = st.Int(col); },
                          [&](double JobRecord::*f) { r.*f = st.Double(col); },
                          [&](int JobRecord::*f) { r.*f = static_cast<int>(st.Int(col)); },
                          [&](JobState JobRecord::*f) { read_enum(r.*f, ParseJobState, "state"); },
                          [&](FinalStatus JobRecord::*f) {
                            read_enum(r.*f, ParseFinalStatus, "final status");
                          }},
               c.field);
    ++col;
  }
  if (!unknown.empty()) {
    return Status::IOError(
        "application " + SanitizeText(r.app_id) + " in job registry '" + db.path().string() +
        "' has " + unknown +
        ", which this mlpipe does not know: a newer mlpipe wrote it (upgrade mlpipe) or the file "
        "was edited (restore it from a backup)");
  }
  SanitizeFreeText(r);
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

// What identifies one registry: the timestamp in its app ids and a random id, both set when it
// was created. The id is also kept next to the database (store/registry_identity.h).
struct Identity {
  int64_t cluster_ts = 0;
  std::string registry_id;  // "" in a read-only registry created before ids existed
};

Status Damaged(const SqliteDb& db, const std::string& what) {
  return Status::IOError("job registry '" + db.path().string() + "' is damaged: " + what +
                         "; restore it from a backup, or move it and '" +
                         IdentityPath(db.path()).string() +
                         "' aside to start a new, empty registry");
}

Result<bool> TableExists(const SqliteDb& db, std::string_view table) {
  MLPIPE_ASSIGN_OR_RETURN(
      Statement st, db.Prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"));
  st.Bind(1, table);
  return st.Step();
}

// The schema version recorded in `db`; 0 when it has none yet (a new, empty file).
Result<int64_t> SchemaVersion(const SqliteDb& db) {
  MLPIPE_ASSIGN_OR_RETURN(bool versioned, TableExists(db, "schema_version"));
  int64_t version = 0;
  if (versioned) {
    MLPIPE_ASSIGN_OR_RETURN(Statement read, db.Prepare("SELECT MAX(version) FROM schema_version"));
    MLPIPE_RETURN_NOT_OK(read.Step().status());
    version = read.Int(0);
  }
  if (version == 0) {
    for (const std::string_view table : {"jobs", "meta"}) {
      MLPIPE_ASSIGN_OR_RETURN(bool exists, TableExists(db, table));
      if (exists)
        return Damaged(db, "it has table '" + std::string(table) + "' but no schema version");
    }
  }
  if (version < 0 || version > kRegistrySchemaVersion) {
    return Status::IOError("job registry '" + db.path().string() + "' has schema version " +
                           std::to_string(version) + " but this mlpipe supports up to version " +
                           std::to_string(kRegistrySchemaVersion) +
                           "; upgrade mlpipe, or set MLPIPE_HOME to use a separate registry");
  }
  return version;
}

// Every table and column this build reads is there (a dropped table or column is reported as
// such, not as an SQL error later).
Status VerifySchema(const SqliteDb& db) {
  for (const std::string_view table : {"jobs", "meta", "schema_version"}) {
    MLPIPE_ASSIGN_OR_RETURN(bool exists, TableExists(db, table));
    if (!exists) return Damaged(db, "table '" + std::string(table) + "' is missing");
  }
  MLPIPE_ASSIGN_OR_RETURN(Statement info, db.Prepare("SELECT name FROM pragma_table_info('jobs')"));
  std::vector<std::string> present;
  while (true) {
    MLPIPE_ASSIGN_OR_RETURN(bool row, info.Step());
    if (!row) break;
    present.push_back(info.Text(0));
  }
  for (const Column& column : kJobColumns) {
    const std::string name(column.name);
    if (std::find(present.begin(), present.end(), name) == present.end()) {
      return Damaged(db, "column 'jobs." + name + "' is missing");
    }
  }
  return Status::OK();
}

Result<Identity> ReadIdentity(const SqliteDb& db) {
  MLPIPE_ASSIGN_OR_RETURN(Statement st, db.Prepare("SELECT key, value FROM meta"));
  Identity id;
  bool has_ts = false;
  while (true) {
    MLPIPE_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    if (st.Text(0) == "cluster_timestamp") {
      id.cluster_ts = st.Int(1);
      has_ts = true;
    } else if (st.Text(0) == "registry_id") {
      id.registry_id = st.Text(1);
    }
  }
  if (!has_ts) return Damaged(db, "its cluster timestamp (table 'meta') is missing");
  return id;
}

// Brings the schema to kRegistrySchemaVersion and returns the registry's identity.
Result<Identity> Migrate(SqliteDb& db, int64_t now_ms) {
  MLPIPE_ASSIGN_OR_RETURN(auto txn, WriteTransaction::Begin(db));
  MLPIPE_ASSIGN_OR_RETURN(const int64_t version, SchemaVersion(db));
  if (version == 0) MLPIPE_RETURN_NOT_OK(db.Exec("CREATE TABLE schema_version (version INTEGER)"));
  for (int64_t v = version; v < kRegistrySchemaVersion; ++v) {
    MLPIPE_RETURN_NOT_OK(db.Exec(kMigrations[static_cast<size_t>(v)]));
  }
  if (version < kRegistrySchemaVersion) {
    MLPIPE_RETURN_NOT_OK(db.Exec("DELETE FROM schema_version; INSERT INTO schema_version VALUES (" +
                                 std::to_string(kRegistrySchemaVersion) + ")"));
  }
  MLPIPE_RETURN_NOT_OK(VerifySchema(db));
  if (version == 0) {
    MLPIPE_ASSIGN_OR_RETURN(Statement ts,
                            db.Prepare("INSERT INTO meta VALUES ('cluster_timestamp', ?)"));
    MLPIPE_RETURN_NOT_OK(ts.Bind(1, std::to_string(now_ms)).Run());
  }
  // Registries created before ids existed get theirs now.
  MLPIPE_ASSIGN_OR_RETURN(Statement add_id,
                          db.Prepare("INSERT OR IGNORE INTO meta VALUES ('registry_id', ?)"));
  MLPIPE_RETURN_NOT_OK(add_id.Bind(1, RandomSuffix() + RandomSuffix()).Run());
  MLPIPE_ASSIGN_OR_RETURN(Identity id, ReadIdentity(db));
  MLPIPE_RETURN_NOT_OK(txn->Commit());
  return id;
}

// A registry this process may only read: its schema must be the current one already.
Result<Identity> CheckReadOnly(const SqliteDb& db) {
  MLPIPE_ASSIGN_OR_RETURN(const int64_t version, SchemaVersion(db));
  if (version != kRegistrySchemaVersion) {
    return Status::IOError("job registry '" + db.path().string() + "' is read-only for this user " +
                           "and at schema version " + std::to_string(version) + ", not " +
                           std::to_string(kRegistrySchemaVersion) +
                           "; let its owner run any mlpipe command once to upgrade it");
  }
  MLPIPE_RETURN_NOT_OK(VerifySchema(db));
  return ReadIdentity(db);
}

}  // namespace

Registry::Registry(fs::path path, const Clock& clock, std::unique_ptr<SqliteDb> db,
                   int64_t cluster_ts)
    : path_(std::move(path)), clock_(clock), db_(std::move(db)), cluster_ts_(cluster_ts) {}

Registry::~Registry() = default;

Result<std::unique_ptr<Registry>> Registry::Open(const fs::path& db_path, const Clock& clock) {
  // One Open at a time per home: a copied registry is adopted by the first, not taken for a
  // replaced one by another that sees the first one's write-ahead log.
  const fs::path home = db_path.has_parent_path() ? db_path.parent_path() : fs::path(".");
  MLPIPE_RETURN_NOT_OK(MakeDirs(home));
  MLPIPE_ASSIGN_OR_RETURN(FileLock opening, FileLock::Acquire(home));
  MLPIPE_RETURN_NOT_OK(CheckIdentityBeforeOpen(db_path));
  MLPIPE_ASSIGN_OR_RETURN(std::unique_ptr<SqliteDb> db, SqliteDb::Open(db_path, kBusyTimeoutMs));
  MLPIPE_ASSIGN_OR_RETURN(const Identity id,
                          db->read_only() ? CheckReadOnly(*db) : Migrate(*db, clock.NowMs()));
  MLPIPE_RETURN_NOT_OK(CheckIdentityAfterOpen(db_path, id.registry_id, db->read_only()));
  return std::unique_ptr<Registry>(new Registry(db_path, clock, std::move(db), id.cluster_ts));
}

bool Registry::read_only() const { return db_->read_only(); }

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
  SanitizeFreeText(draft);
  std::string placeholders;
  for (size_t i = 0; i <= kJobColumns.size(); ++i) placeholders += i == 0 ? "?" : ", ?";
  MLPIPE_ASSIGN_OR_RETURN(Statement insert, db_->Prepare("INSERT INTO jobs (" + ColumnList() +
                                                         ", seq) VALUES (" + placeholders + ")"));
  BindRecord(insert, draft);
  insert.Bind(static_cast<int>(kJobColumns.size()) + 1, seq);
  MLPIPE_RETURN_NOT_OK(insert.Run());
  MLPIPE_RETURN_NOT_OK(txn->Commit());
  return draft;
}

Result<JobRecord> Registry::Get(const std::string& app_id) const {
  MLPIPE_ASSIGN_OR_RETURN(Statement st,
                          db_->Prepare("SELECT " + ColumnList() + " FROM jobs WHERE app_id = ?"));
  st.Bind(1, app_id);
  MLPIPE_ASSIGN_OR_RETURN(bool found, st.Step());
  if (!found) return NotFound(app_id);
  return ReadRecord(*db_, st);
}

Result<std::vector<JobRecord>> Registry::List(const ListFilter& filter) const {
  std::string sql = "SELECT " + ColumnList() + " FROM jobs WHERE 1 = 1";
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
    MLPIPE_ASSIGN_OR_RETURN(JobRecord record, ReadRecord(*db_, st));
    out.push_back(std::move(record));
  }
}

Result<bool> Registry::Transition(const std::string& app_id, JobState to, FinalStatus final_status,
                                  const std::string& diagnostics) {
  MLPIPE_ASSIGN_OR_RETURN(auto txn, WriteTransaction::Begin(*db_));
  MLPIPE_ASSIGN_OR_RETURN(bool moved, TransitionLocked(app_id, to, final_status, diagnostics));
  if (moved) MLPIPE_RETURN_NOT_OK(txn->Commit());
  return moved;
}

Result<bool> Registry::FinishPublishing(const std::string& app_id,
                                        const std::function<Result<std::string>()>& publish,
                                        const std::string& diagnostics) {
  MLPIPE_ASSIGN_OR_RETURN(auto txn, WriteTransaction::Begin(*db_));
  MLPIPE_ASSIGN_OR_RETURN(JobRecord record, Get(app_id));
  if (record.state != JobState::kRunning) return false;
  MLPIPE_ASSIGN_OR_RETURN(std::string outputs, publish());
  MLPIPE_ASSIGN_OR_RETURN(bool moved, TransitionLocked(app_id, JobState::kFinished,
                                                       FinalStatus::kSucceeded, diagnostics));
  MLPIPE_ASSIGN_OR_RETURN(Statement st,
                          db_->Prepare("UPDATE jobs SET outputs_json = ? WHERE app_id = ?"));
  MLPIPE_RETURN_NOT_OK(st.Bind(1, outputs).Bind(2, app_id).Run());
  MLPIPE_RETURN_NOT_OK(txn->Commit());
  return moved;
}

Result<bool> Registry::TransitionLocked(const std::string& app_id, JobState to,
                                        FinalStatus final_status, const std::string& diagnostics) {
  if (!FinalStatusFits(to, final_status)) {
    return Status::InvalidArgument("final status " + std::string(FinalStatusName(final_status)) +
                                   " does not fit state " + std::string(JobStateName(to)) +
                                   " for application " + app_id);
  }
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
  update.Bind(1, JobStateName(to))
      .Bind(2, FinalStatusName(final_status))
      .Bind(3, SanitizeText(diagnostics));
  update.Bind(4, int64_t{to == JobState::kRunning}).Bind(5, clock_.NowMs());
  update.Bind(6, int64_t{IsTerminal(to)}).Bind(7, int64_t{to == JobState::kFinished});
  update.Bind(8, app_id);
  MLPIPE_RETURN_NOT_OK(update.Run());
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
  st.Bind(1, std::clamp(progress, 0.0, 1.0)).Bind(2, SanitizeText(message)).Bind(3, app_id);
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
  MLPIPE_ASSIGN_OR_RETURN(Statement st,
                          db_->Prepare("UPDATE jobs SET config_path = ? WHERE app_id = ?"));
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
  MLPIPE_ASSIGN_OR_RETURN(Statement st,
                          db_->Prepare("UPDATE jobs SET app_id = ? WHERE app_id = ?"));
  Status run = st.Bind(1, app_id).Bind(2, provisional_id).Run();
  if (!run.ok()) {
    return Status::AlreadyExists("cannot record application " + app_id + " for job " +
                                 provisional_id + " in registry " + path_.string() + ": " +
                                 run.message());
  }
  return RequireChanged(provisional_id);
}

Status Registry::NotFound(const std::string& app_id) const {
  return Status::NotFound("no application " + app_id + " in registry " + path_.string() + "; run " +
                          commands::Suggest({commands::kList}) + " to see the known applications");
}

Status Registry::RequireChanged(const std::string& app_id) const {
  return db_->Changes() > 0 ? Status::OK() : NotFound(app_id);
}

}  // namespace mlpipe::store
