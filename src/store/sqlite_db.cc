#include "store/sqlite_db.h"

namespace mlpipe::store {

Statement& Statement::Bind(int index, std::string_view value) {
  sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::Bind(int index, int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
  return *this;
}

Statement& Statement::Bind(int index, double value) {
  sqlite3_bind_double(stmt_, index, value);
  return *this;
}

Result<bool> Statement::Step() {
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

Result<std::unique_ptr<SqliteDb>> SqliteDb::Open(const fs::path& path, int busy_timeout_ms) {
  if (path.has_parent_path()) MLPIPE_RETURN_NOT_OK(MakeDirs(path.parent_path()));
  sqlite3* raw = nullptr;
  const int rc =
      sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  std::unique_ptr<SqliteDb> db(new SqliteDb(path, raw));
  if (rc != SQLITE_OK) return db->Error(rc, "open");
  sqlite3_busy_timeout(raw, busy_timeout_ms);
  sqlite3_extended_result_codes(raw, 1);
  MLPIPE_RETURN_NOT_OK(db->Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"));
  return db;
}

SqliteDb::~SqliteDb() { sqlite3_close_v2(db_); }

Result<Statement> SqliteDb::Prepare(std::string_view sql) const {
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
  if (rc != SQLITE_OK) return Error(rc, sql);
  return Statement(this, stmt);
}

Status SqliteDb::Exec(std::string_view sql) {
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
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
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
