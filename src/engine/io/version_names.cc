#include "engine/io/version_names.h"

#include <algorithm>
#include <charconv>

#include "util/strings.h"

namespace mlpipe::engine {

std::optional<int> VersionFromDirName(std::string_view name) {
  if (name.size() < 2 || name[0] != 'v') return std::nullopt;
  int v = 0;
  auto [end, ec] = std::from_chars(name.data() + 1, name.data() + name.size(), v);
  if (ec != std::errc() || end != name.data() + name.size() || v < 1) return std::nullopt;
  return v;
}

std::string VersionDirName(int version) { return "v" + std::to_string(version); }

std::string LatestFileText(int version) { return VersionDirName(version) + "\n"; }

bool LatestMovesTo(const std::optional<std::string>& current, int version) {
  const std::optional<int> named = current ? VersionFromDirName(Trim(*current)) : std::nullopt;
  return !named || *named < version;
}

int NextVersion(const std::vector<std::string>& entries) {
  int highest = 0;
  for (const auto& e : entries) highest = std::max(highest, VersionFromDirName(e).value_or(0));
  return highest + 1;
}

Result<std::vector<int>> VersionsIn(util::FileStore& files, const std::string& dir) {
  auto entries = files.List(dir);
  if (!entries.ok()) {
    if (entries.status().code() == StatusCode::kNotFound) return std::vector<int>();
    return entries.status();
  }
  std::vector<int> versions;
  for (const auto& e : *entries) {
    const std::optional<int> v = VersionFromDirName(e.name);
    if (e.is_dir && v) versions.push_back(*v);
  }
  std::sort(versions.rbegin(), versions.rend());
  return versions;
}

}  // namespace mlpipe::engine
