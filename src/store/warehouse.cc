#include "store/warehouse.h"

#include <array>

#include "util/strings.h"

namespace mlpipe::store {
namespace {

constexpr std::array<std::string_view, 10> kAreaDirs = {
    "data/training", "data/validation", "data/input", "data/output", "models",
    "artifacts",     "configs",         "logs",       "checkpoints", "metrics"};

// `p` without trailing slashes ("/" stays "/").
std::string_view StripTrailingSlashes(std::string_view p) {
  while (p.size() > 1 && p.back() == '/') p.remove_suffix(1);
  return p;
}

}  // namespace

std::span<const std::string_view> AreaDirs() { return kAreaDirs; }

Result<Warehouse> Warehouse::Open(const fs::path& root) {
  if (root.empty()) return Status::InvalidArgument("warehouse root is empty");
  std::error_code ec;
  fs::path abs = fs::absolute(root, ec).lexically_normal();
  if (ec)
    return Status::IOError("cannot make warehouse root '" + root.string() +
                           "' absolute: " + ec.message());
  Warehouse warehouse(fs::path(StripTrailingSlashes(abs.string())));
  for (std::string_view dir : kAreaDirs) {
    MLPIPE_RETURN_NOT_OK(MakeDirs(warehouse.root_ / dir));
  }
  return warehouse;
}

fs::path Warehouse::Dir(Area area) const { return root_ / kAreaDirs[static_cast<size_t>(area)]; }

Result<fs::path> Warehouse::Resolve(std::string_view config_path,
                                    std::string_view hdfs_base_path) const {
  const std::string quoted = "'" + std::string(config_path) + "'";
  std::string_view p = Trim(config_path);
  if (p.empty()) return Status::InvalidArgument("empty path in job config");
  bool from_hdfs = false;
  if (StartsWith(p, "hdfs://")) {
    p.remove_prefix(7);
    const size_t slash = p.find('/');
    p = slash == std::string_view::npos ? std::string_view("/") : p.substr(slash);
    from_hdfs = true;
  } else if (StartsWith(p, "file://")) {
    p.remove_prefix(7);
    if (!StartsWith(p, "/")) {
      return Status::InvalidArgument("file URI " + quoted + " must be absolute (file:///path)");
    }
    return fs::path(StripTrailingSlashes(p)).lexically_normal();
  } else if (const size_t scheme = p.find("://"); scheme != std::string_view::npos) {
    return Status::InvalidArgument("unsupported scheme in path " + quoted +
                                   "; the local warehouse takes hdfs://, file://, absolute or "
                                   "relative paths");
  }
  std::string_view relative = p;
  if (StartsWith(p, "/")) {
    const std::string_view base = StripTrailingSlashes(hdfs_base_path);
    if (p == base || StartsWith(p, std::string(base) + "/")) {
      relative = p.substr(base.size());
      while (StartsWith(relative, "/")) relative.remove_prefix(1);
    } else if (from_hdfs) {
      return Status::InvalidArgument(
          "HDFS path " + quoted + " is outside the HDFS base path '" + std::string(base) +
          "' and has no place in the local "
          "warehouse " +
          root_.string() + "; use a path under '" + std::string(base) + "' or a relative path");
    } else {
      return fs::path(StripTrailingSlashes(p)).lexically_normal();
    }
  }
  const fs::path normal = fs::path(relative).lexically_normal();
  if (!normal.empty() && *normal.begin() == "..") {
    return Status::InvalidArgument("path " + quoted + " climbs out of the warehouse root " +
                                   root_.string() + " with '..'; remove the '..' segments");
  }
  std::string joined = (root_ / normal).lexically_normal().string();
  return fs::path(StripTrailingSlashes(joined));
}

}  // namespace mlpipe::store
