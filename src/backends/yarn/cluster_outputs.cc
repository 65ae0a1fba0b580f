#include "backends/yarn/cluster_outputs.h"

#include <functional>

#include "backends/output_paths.h"
#include "backends/yarn/hdfs_paths.h"
#include "util/fs.h"

namespace mlpipe::backends::yarn {

namespace {

ProtectedPaths ClusterProtectedPaths(const ClusterTree& tree, const std::string& default_fs,
                                     const std::string& user, const std::string& model_name) {
  ProtectedPaths p;
  p.never_replaced = {{"the filesystem root", default_fs + "/"},
                      {"your HDFS home directory", default_fs + "/user/" + user},
                      {"the mlpipe tree's root", tree.root},
                      {"the tree's data directory", tree.Area("data")},
                      {"the model directory", tree.Area("models") + "/" + model_name}};
  for (const char* area : {"models", "artifacts", "configs", "logs", "checkpoints", "metrics"}) {
    p.never_replaced.emplace_back("the tree's " + std::string(area) + " area", tree.Area(area));
  }
  for (const char* area : {"models", "metrics", "configs", "logs"}) {
    p.never_inside.emplace_back("the tree's " + std::string(area) + " area", tree.Area(area));
  }
  return p;
}

}  // namespace

Result<engine::ExistingPath> InspectHdfsPath(cluster::WebHdfsClient& hdfs,
                                             const std::string& path) {
  using Kind = engine::ExistingPath::Kind;
  engine::ExistingPath out;
  auto stat = hdfs.Stat(path);
  if (!stat.ok()) {
    if (stat.status().code() == StatusCode::kNotFound) return out;
    return stat.status();
  }
  if (!stat->is_dir) {
    out.kind = Kind::kFile;
    return out;
  }
  out.kind = Kind::kDirectory;
  MLPIPE_ASSIGN_OR_RETURN(auto entries, hdfs.List(path));
  for (const auto& e : entries) out.entries.push_back(e.name);
  for (auto [file, text] : {std::pair{engine::kOutputMarkerFile, &out.marker},
                            std::pair{engine::kVersionsMarkerFile, &out.versions_marker}}) {
    if (std::find(out.entries.begin(), out.entries.end(), file) == out.entries.end()) continue;
    MLPIPE_ASSIGN_OR_RETURN(*text, hdfs.ReadString(path + "/" + std::string(file)));
  }
  return out;
}

Status CheckClusterOutputs(config::JobType type, const config::JobConfig& resolved,
                           const ClusterTree& tree, const std::string& default_fs,
                           const std::string& user, cluster::WebHdfsClient* hdfs) {
  const auto forms = [](const std::string& p) {
    return std::vector<std::string>{NormalizePath(p)};
  };
  MLPIPE_RETURN_NOT_OK(CheckOutputPaths(
      type, resolved, ClusterProtectedPaths(tree, default_fs, user, resolved.model.model_name),
      forms));
  if (hdfs == nullptr) return Status::OK();
  for (const auto& target : engine::ConfiguredOutputs(type, resolved)) {
    if (!target.path.starts_with(default_fs + "/"))
      continue;  // file:// or another cluster: the driver judges it
    MLPIPE_ASSIGN_OR_RETURN(auto existing, InspectHdfsPath(*hdfs, HdfsPathOf(target.path)));
    MLPIPE_RETURN_NOT_OK(engine::PlanOutput(target, existing).status());
  }
  return Status::OK();
}

std::string StagingRunTag(const std::string& entry) {
  for (const char* kind : {".tmp-", ".old-"}) {
    const size_t at = entry.rfind(kind), end = entry.rfind('-');
    if (at != std::string::npos && end > at + 5) return entry.substr(at + 5, end - at - 5);
  }
  return "";
}

namespace {

// Cleans what runs that `ended` left beside (and, for new_version, inside) each output: staging is
// removed; an old output set aside goes back when the output is missing (killed between renames).
void CleanOutputs(cluster::WebHdfsClient& hdfs, config::JobType type,
                  const config::JobConfig& resolved, const std::string& default_fs,
                  const std::function<bool(const std::string& tag)>& ended) {
  for (const auto& target : engine::ConfiguredOutputs(type, resolved)) {
    if (!target.path.starts_with(default_fs + "/")) continue;
    const std::string path = HdfsPathOf(target.path);
    const std::string parent = util::ParentPath(path), name = util::BaseName(path);
    for (const auto& [dir, owner] :
         {std::pair{parent, "." + name + "."}, std::pair{path, std::string(".v")}}) {
      auto entries = hdfs.List(dir);
      if (!entries.ok()) continue;
      for (const auto& e : *entries) {
        const std::string tag = StagingRunTag(e.name);
        if (!e.name.starts_with(owner) || !IsStagingName(e.name) || tag.empty() || !ended(tag))
          continue;
        const bool set_aside = dir == parent && e.name.starts_with(owner + "old-");
        if (set_aside && !hdfs.Exists(path).ValueOr(true)) {
          (void)hdfs.Rename(util::ChildPath(dir, e.name), path);
        } else {
          (void)hdfs.Delete(util::ChildPath(dir, e.name), /*recursive=*/true);
        }
      }
    }
  }
}

}  // namespace

void RemoveRunStaging(cluster::WebHdfsClient& hdfs, config::JobType type,
                      const config::JobConfig& resolved, const std::string& default_fs,
                      const std::string& tag) {
  CleanOutputs(hdfs, type, resolved, default_fs, [&](const std::string& t) { return t == tag; });
}

void RemoveEndedRunsStaging(cluster::WebHdfsClient& hdfs, cluster::ResourceManagerClient& rm,
                            config::JobType type, const config::JobConfig& resolved,
                            const std::string& default_fs) {
  CleanOutputs(hdfs, type, resolved, default_fs, [&](const std::string& tag) {
    auto app = rm.FindByTag(tag);
    if (!app.ok())
      return app.status().code() == StatusCode::kNotFound;  // long gone from the ResourceManager
    return app->Ended();
  });
}

}  // namespace mlpipe::backends::yarn
