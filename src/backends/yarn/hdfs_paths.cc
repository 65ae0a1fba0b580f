#include "backends/yarn/hdfs_paths.h"

#include <fmt/format.h>

#include "util/strings.h"

namespace mlpipe::backends::yarn {

namespace {

bool HasDotDot(std::string_view path) {
  for (const auto& part : Split(path, '/')) {
    if (part == "..") return true;
  }
  return false;
}

std::string TrimSlash(std::string_view s) {
  while (!s.empty() && s.back() == '/') s.remove_suffix(1);
  return std::string(s);
}

bool IsUnder(std::string_view path, std::string_view dir) {
  return path == dir ||
         (path.size() > dir.size() && path.substr(0, dir.size()) == dir && path[dir.size()] == '/');
}

}  // namespace

std::string ClusterRoot(std::string_view base_path, std::string_view default_fs) {
  std::string base = TrimSlash(Trim(base_path));
  if (!base.starts_with('/')) base.insert(0, "/");
  return TrimSlash(default_fs) + base;
}

std::string HdfsPathOf(std::string_view uri) {
  if (uri.substr(0, 7) != "hdfs://") return std::string(uri);
  const size_t slash = uri.find('/', 7);
  return slash == std::string_view::npos ? "/" : std::string(uri.substr(slash));
}

Result<std::string> ResolveClusterUri(std::string_view config_path, std::string_view base_path,
                                      std::string_view default_fs) {
  const std::string fs = TrimSlash(default_fs);
  const std::string root = ClusterRoot(base_path, default_fs);
  const std::string base = root.substr(fs.size());
  auto bad = [&](std::string_view why) {
    return Status::InvalidArgument(fmt::format("data path '{}' {}", config_path, why));
  };
  if (config_path.empty()) return bad("is empty");
  if (HasDotDot(config_path)) return bad("contains '..'; write the path without it");
  if (config_path.starts_with("file://")) return std::string(config_path);
  if (config_path.starts_with("hdfs://")) {
    const std::string path = HdfsPathOf(config_path);
    const bool no_authority = config_path.starts_with("hdfs:///");
    if (no_authority || IsUnder(path, base)) return fs + path;
    return std::string(config_path);
  }
  if (config_path.find("://") != std::string_view::npos) {
    return bad("has a scheme the yarn backend cannot read; use hdfs://, file:// or a plain path");
  }
  if (config_path.starts_with('/')) return fs + std::string(config_path);
  return fmt::format("{}/{}", root, config_path);
}

}  // namespace mlpipe::backends::yarn
