// Local filesystem helpers with Status errors that name the path. Writes that must never be seen
// half-done go through WriteFileAtomic (temp file in the same directory, fsync, rename).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.h"

namespace mlpipe {

namespace fs = std::filesystem;

Result<std::string> ReadFile(const fs::path& path);
// "a regular file", "a directory", "a FIFO", "a character device", … for messages.
std::string_view FileTypeName(fs::file_type type);
// ReadFile for files a user names (config files, secret files): never blocks on a FIFO or reads a
// device. NotFound when missing; InvalidArgument "<path> is a directory|FIFO|…, not a regular
// file" or "<path> is N bytes; the limit is M"; IOError when unreadable.
Result<std::string> ReadRegularFile(const fs::path& path, size_t max_bytes);
// Writes `data` to `path` atomically: readers see the old content or the new, never a mix. The file
// is created with `mode` (before the umask), so a private file is never readable by others.
Status WriteFileAtomic(const fs::path& path, std::string_view data, unsigned mode = 0644);
// mkdir -p; OK if it already exists as a directory.
Status MakeDirs(const fs::path& path);
// rm -rf; OK if it does not exist.
Status RemoveAll(const fs::path& path);
// rename(2); both paths must be on one filesystem. Fails if `to` is a non-empty directory.
Status Rename(const fs::path& from, const fs::path& to);
bool PathExists(const fs::path& path);
// Whether a directory entry named `name` holds data: names starting with '_' or '.' are Spark and
// Hadoop markers (_SUCCESS, _mlpipe_*.json, .crc twins) and hidden staging, never data.
bool IsDataFileName(std::string_view name);
// Regular files directly under `dir` whose names are IsDataFileName, sorted.
Result<std::vector<fs::path>> ListDataFiles(const fs::path& dir);
// A fresh sibling path "<parent>/.<name>.<kind>-<pid>-<random>": "tmp" to stage output before a
// rename, "old" to set a replaced output aside.
fs::path StagingPathFor(const fs::path& final_path, std::string_view kind = "tmp");
// True for the hidden names jobs stage and set aside outputs under (".<name>.tmp-…",
// ".<name>.old-…", local or on HDFS): listings leave them out, they are never outputs.
bool IsStagingName(std::string_view entry_name);
// <pid> when `entry_name` is a name StagingPathFor made (either kind) for an output named
// `output_name`.
std::optional<long> StagingOwnerPid(std::string_view entry_name, std::string_view output_name);

}  // namespace mlpipe
