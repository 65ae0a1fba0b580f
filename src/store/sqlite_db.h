// Thin RAII wrappers over the SQLite3 C API for the registry: a connection, prepared statements
// with typed bind/column helpers, and an IMMEDIATE write transaction that rolls back unless
// committed. Every error names the database path. One connection per thread; not thread-safe.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "util/fs.h"
#include "util/result.h"

namespace mlpipe::store {

class SqliteDb;

class Statement {
 public:
  Statement(Statement&& other) noexcept : db_(other.db_), stmt_(other.stmt_) {
    other.stmt_ = nullptr;
  }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement() { sqlite3_finalize(stmt_); }

  // Binds by 1-based index; chainable.
  Statement& Bind(int index, std::string_view value);
  Statement& Bind(int index, int64_t value);
  Statement& Bind(int index, double value);
  // Advances: true with a row available, false when done.
  Result<bool> Step();
  // Runs to completion, ignoring any rows.
  Status Run();

  int64_t Int(int col) const { return sqlite3_column_int64(stmt_, col); }
  double Double(int col) const { return sqlite3_column_double(stmt_, col); }
  std::string Text(int col) const;

 private:
  friend class SqliteDb;
  Statement(const SqliteDb* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  const SqliteDb* db_;
  sqlite3_stmt* stmt_;
};

class SqliteDb {
 public:
  // Opens (creating if missing) with WAL, synchronous=NORMAL and the given busy timeout.
  // A file that is not an SQLite database yields an error naming the path.
  static Result<std::unique_ptr<SqliteDb>> Open(const fs::path& path, int busy_timeout_ms);
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;
  ~SqliteDb();

  Result<Statement> Prepare(std::string_view sql) const;
  // Runs one or more statements without results.
  Status Exec(std::string_view sql);
  int64_t LastInsertRowId() const { return sqlite3_last_insert_rowid(db_); }
  int Changes() const { return sqlite3_changes(db_); }
  const fs::path& path() const { return path_; }
  // A Status for SQLite result code `rc` from `what`, with the path and a hint for the caller.
  Status Error(int rc, std::string_view what) const;

 private:
  SqliteDb(fs::path path, sqlite3* db) : path_(std::move(path)), db_(db) {}
  fs::path path_;
  sqlite3* db_;
};

// BEGIN IMMEDIATE (takes the write lock up front, waiting up to the busy timeout); rolls back on
// destruction unless Commit() succeeded.
class WriteTransaction {
 public:
  static Result<std::unique_ptr<WriteTransaction>> Begin(SqliteDb& db);
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;
  ~WriteTransaction();
  Status Commit();

 private:
  explicit WriteTransaction(SqliteDb& db) : db_(db) {}
  SqliteDb& db_;
  bool done_ = false;
};

}  // namespace mlpipe::store
