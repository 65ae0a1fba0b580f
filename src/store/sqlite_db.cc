#include "store/sqlite_db.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>

namespace mlpipe::store {

Statement& Statement::Bind(int index, std::string_view value) {
  return Checked(sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()),
                                   SQLITE_TRANSIENT),
                 index);
}

Statement& Statement::Bind(int index, int64_t value) {
  return Checked(sqlite3_bind_int64(stmt_, index, value), index);
}

Statement& Statement::Bind(int index, double value) {
  return Checked(sqlite3_bind_double(stmt_, index, value), index);
}

Statement& Statement::Checked(int rc, int index) {
  if (rc != SQLITE_OK && bind_status_.ok()) {
    bind_status_ =
        db_->Error(rc, "binding parameter " + std::to_string(index) + " of " + sqlite3_sql(stmt_));
  }
  return *this;
}

Result<bool> Statement::Step() {
  MLPIPE_RETURN_NOT_OK(bind_status_);
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return db_->Error(rc, sqlite3_sql(stmt_));
}

Status Statement::Run() {
  while (true) {
    MLPIPE_ASSIGN_OR_RETURN(bool row, Step());
    if (!row) return Status::OK();
  }
}

std::string Statement::Text(int col) const {
  const unsigned char* text = sqlite3_column_text(stmt_, col);
  if (text == nullptr) return "";
  return std::string(reinterpret_cast<const char*>(text),
                     static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
}

namespace {

// A "file:" URI naming `path`, with `query`; what URIs reserve in the path is percent-escaped.
std::string FileUri(const fs::path& path, std::string_view query) {
  std::string uri = "file:";
  for (const char c : fs::absolute(path).string()) {
    if (c == '%' || c == '?' || c == '#') {
      char escaped[4];
      std::snprintf(escaped, sizeof(escaped), "%%%02X", static_cast<unsigned char>(c));
      uri += escaped;
    } else {
      uri += c;
    }
  }
  return uri + "?" + std::string(query);
}

bool MayWrite(const fs::path& path) { return ::access(path.c_str(), W_OK) == 0; }

}  // namespace

Result<std::unique_ptr<SqliteDb>> SqliteDb::Open(const fs::path& path, int busy_timeout_ms) {
  if (path.has_parent_path()) MLPIPE_RETURN_NOT_OK(MakeDirs(path.parent_path()));
  const fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
  std::error_code ec;
  if (fs::exists(path, ec) && (!MayWrite(path) || !MayWrite(dir))) {
    // WAL readers need the -shm file: with none and no right to create it, SQLite can still read a
    // file no writer has open (no -wal file) when told that it will not change (immutable).
    const bool writer_open = fs::exists(path.string() + "-wal", ec);
    Status last;
    for (const std::string_view query : {"mode=ro", "immutable=1"}) {
      if (query == "immutable=1" && writer_open) break;
      MLPIPE_ASSIGN_OR_RETURN(
          auto db, OpenWith(path, FileUri(path, query), SQLITE_OPEN_READONLY | SQLITE_OPEN_URI,
                            busy_timeout_ms));
      last = db->Exec("SELECT count(*) FROM sqlite_master");
      if (last.ok()) return db;
    }
    return last;
  }
  MLPIPE_ASSIGN_OR_RETURN(
      auto db,
      OpenWith(path, path.string(), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, busy_timeout_ms));
  MLPIPE_RETURN_NOT_OK(db->Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"));
  return db;
}

Result<std::unique_ptr<SqliteDb>> SqliteDb::OpenWith(const fs::path& path, const std::string& name,
                                                     int flags, int busy_timeout_ms) {
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(name.c_str(), &raw, flags, nullptr);
  std::unique_ptr<SqliteDb> db(new SqliteDb(path, raw, (flags & SQLITE_OPEN_READONLY) != 0));
  if (rc != SQLITE_OK) return db->Error(rc, "open");
  sqlite3_busy_timeout(raw, busy_timeout_ms);
  sqlite3_extended_result_codes(raw, 1);
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return db->Error(SQLITE_CANTOPEN, "open");
  db->device_ = st.st_dev;
  db->inode_ = st.st_ino;
  return db;
}

SqliteDb::SqliteDb(fs::path path, sqlite3* db, bool read_only)
    : path_(std::move(path)), db_(db), read_only_(read_only), owner_pid_(::getpid()) {}

SqliteDb::~SqliteDb() {
  if (::getpid() == owner_pid_) sqlite3_close_v2(db_);
}

Status SqliteDb::CheckConnection(std::string_view sql) const {
  const pid_t self = ::getpid();
  if (self != owner_pid_) {
    return Status::Internal(
        "the connection to job registry '" + path_.string() + "' was opened by process " +
        std::to_string(owner_pid_) + " and used in process " + std::to_string(self) + " for '" +
        std::string(sql.substr(0, 120)) +
        "'; SQLite connections must not cross fork(): open one in this process");
  }
  struct stat st {};
  const bool found = ::stat(path_.c_str(), &st) == 0;
  if (found && st.st_dev == device_ && st.st_ino == inode_) return Status::OK();
  return Status::IOError("job registry '" + path_.string() + "' was " +
                         (found ? "replaced by another file" : "deleted or moved") +
                         " while process " + std::to_string(self) +
                         " used it; what it records now would be lost. Put the original file back "
                         "(jobs started since then are only in their logs), then retry");
}

Result<Statement> SqliteDb::Prepare(std::string_view sql) const {
  MLPIPE_RETURN_NOT_OK(CheckConnection(sql));
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
  if (rc != SQLITE_OK) return Error(rc, sql);
  return Statement(this, stmt);
}

Status SqliteDb::Exec(std::string_view sql) {
  MLPIPE_RETURN_NOT_OK(CheckConnection(sql));
  const std::string text(sql);
  const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return Error(rc, sql);
  return Status::OK();
}

Status SqliteDb::Error(int rc, std::string_view what) const {
  const std::string where = "job registry '" + path_.string() + "'";
  const std::string detail = db_ != nullptr ? sqlite3_errmsg(db_) : std::string(sqlite3_errstr(rc));
  switch (rc & 0xff) {
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      return Status::IOError(where + " is corrupt or not an SQLite database (" + detail +
                             "); move it aside (a new, empty registry is created on next use)");
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Status::Unavailable(where + " stayed locked by another mlpipe process (" + detail +
                                 "); retry in a moment");
    case SQLITE_READONLY:
      if (read_only_) {
        return Status::IOError(
            where + " is read-only for this user: only list, status, logs and " +
            "models work; run this as the registry's owner, or set MLPIPE_HOME " +
            "to a home of your own");
      }
      [[fallthrough]];
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_IOERR:
    case SQLITE_FULL:
      return Status::IOError("cannot use " + where + ": " + detail +
                             "; check the path, its permissions and free disk space");
    default:
      return Status::Internal(where + ": SQLite error " + std::to_string(rc) + " (" + detail +
                              ") in: " + std::string(what.substr(0, 120)));
  }
}

Result<std::unique_ptr<WriteTransaction>> WriteTransaction::Begin(SqliteDb& db) {
  MLPIPE_RETURN_NOT_OK(db.Exec("BEGIN IMMEDIATE"));
  return std::unique_ptr<WriteTransaction>(new WriteTransaction(db));
}

WriteTransaction::~WriteTransaction() {
  if (!done_) (void)db_.Exec("ROLLBACK");
}

Status WriteTransaction::Commit() {
  MLPIPE_RETURN_NOT_OK(db_.Exec("COMMIT"));
  done_ = true;
  return Status::OK();
}

}  // namespace mlpipe::store
