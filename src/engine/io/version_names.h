// The naming rules of versioned storage, with one owner for every place that applies them: model
// repositories (local, and on HDFS from the Spark driver) and new_version outputs (local, over
// WebHDFS at settle, and from the Spark drivers). Version N lives in the directory "v<N>" (N >= 1);
// the file `latest` beside the versions holds "v<N>\n" of the newest published one and never moves
// backwards, whatever order concurrent publishers finish in.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/file_store.h"
#include "util/result.h"

namespace mlpipe::engine {

inline constexpr std::string_view kLatestFile = "latest";

// "v12" -> 12; nullopt for anything else ("v0", "v", "v1x", "12"): not a version directory.
std::optional<int> VersionFromDirName(std::string_view name);
// 12 -> "v12".
std::string VersionDirName(int version);
// What `latest` holds when it names `version`: "v12\n".
std::string LatestFileText(int version);
// Whether a `latest` file holding `current` (nullopt when there is none) is to be rewritten to name
// `version`: it names no version, or an older one.
bool LatestMovesTo(const std::optional<std::string>& current, int version);
// One past the highest version among directory `entries` (names), 1 when there is none.
int NextVersion(const std::vector<std::string>& entries);
// The version numbers of the v<N> directories in `dir` of `files` (the local warehouse, HDFS),
// highest first; none when `dir` is missing.
Result<std::vector<int>> VersionsIn(util::FileStore& files, const std::string& dir);

}  // namespace mlpipe::engine
