// Which registry database this home holds, so that one deleted, moved or replaced under mlpipe is
// reported instead of silently started anew. <db>.id, written next to the database when it is
// first opened, records the database's random id (kept in its `meta` table) and the inode of its
// file. A fresh home (neither file) is not an error; deleting <db>.id is how a user deliberately
// starts anew or adopts another database.
#pragma once

#include <string>

#include "util/fs.h"
#include "util/status.h"

namespace mlpipe::store {

fs::path IdentityPath(const fs::path& db_path);  // <db>.id

// Before SQLite touches the file: IOError when the database is missing although <db>.id records
// one, or when the file at the path is not the recorded one while a write-ahead log of the old
// one lies next to it (SQLite would read the old file's pages into the new one).
Status CheckIdentityBeforeOpen(const fs::path& db_path);

// After opening: IOError when the database's id is not the recorded one. Records the id and inode
// when <db>.id is missing, or the inode when the same database was copied or moved here (unless
// `read_only`). An empty `registry_id` (old read-only database) is not checked.
Status CheckIdentityAfterOpen(const fs::path& db_path, const std::string& registry_id,
                              bool read_only);

}  // namespace mlpipe::store
