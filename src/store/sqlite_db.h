// Thin RAII wrappers over the SQLite3 C API for the registry: a connection, prepared statements
// with typed bind/column helpers, and an IMMEDIATE write transaction that rolls back unless
// committed. Every error names the database path. One connection per thread; not thread-safe.
// A connection belongs to the process that opened it: SQLite connections must not cross fork(),
// so use from any other process is refused (Internal, naming the statement) and a forked child's
// destructor leaves the parent's connection alone. A connection also notices when the file at its
// path was deleted or replaced (another inode) after it was opened, and refuses to go on (IOError):
// what it wrote would be lost.
#pragma once

#include <sqlite3.h>
#include <sys/types.h>

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
  Statement(Statement&& other) noexcept
      : db_(other.db_), stmt_(other.stmt_), bind_status_(std::move(other.bind_status_)) {
    other.stmt_ = nullptr;
  }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement() { sqlite3_finalize(stmt_); }

  // Binds by 1-based index; chainable. A bind SQLite refuses (an index out of range, out of
  // memory) is kept and returned by the next Step or Run, naming the parameter and the statement.
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
  // Keeps the first failed bind's error.
  Statement& Checked(int rc, int index);
  const SqliteDb* db_;
  sqlite3_stmt* stmt_;
  Status bind_status_;
};

class SqliteDb {
 public:
  // Opens (creating if missing) with WAL, synchronous=NORMAL and the given busy timeout. An
  // existing file this process may not write (or whose directory it may not write) is opened
  // read-only instead: reads work, writes fail with IOError. A file that is not an SQLite database
  // yields an error naming the path.
  static Result<std::unique_ptr<SqliteDb>> Open(const fs::path& path, int busy_timeout_ms);
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;
  ~SqliteDb();

  Result<Statement> Prepare(std::string_view sql) const;
  // Runs one or more statements without results.
  Status Exec(std::string_view sql);
  int Changes() const { return sqlite3_changes(db_); }
  const fs::path& path() const { return path_; }
  bool read_only() const { return read_only_; }
  // A Status for SQLite result code `rc` from `what`, with the path and a hint for the caller.
  Status Error(int rc, std::string_view what) const;

 private:
  SqliteDb(fs::path path, sqlite3* db, bool read_only);
  // Opens `name` (the path, or a file: URI for it) with sqlite3_open_v2 `flags`.
  static Result<std::unique_ptr<SqliteDb>> OpenWith(const fs::path& path, const std::string& name,
                                                    int flags, int busy_timeout_ms);
  // Internal when this process is not the one that opened the connection; IOError when the file
  // at path_ is no longer the one opened.
  Status CheckConnection(std::string_view sql) const;
  fs::path path_;
  sqlite3* db_;
  bool read_only_;
  pid_t owner_pid_;
  dev_t device_ = 0;
  ino_t inode_ = 0;
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
