// Warehouse: the document's storage tree under a local root (the local backend's stand-in for the
// HDFS base path): data/{training,validation,input,output}, models, artifacts, configs, logs,
// checkpoints, metrics. Resolve maps the paths written in job configs onto it.
#pragma once

#include <span>
#include <string_view>

#include "util/fs.h"
#include "util/result.h"

namespace mlpipe::store {

enum class Area {
  kTraining,
  kValidation,
  kInput,
  kOutput,  // data/<area>
  kModels,
  kArtifacts,
  kConfigs,
  kLogs,
  kCheckpoints,
  kMetrics,
};

// The tree's directories relative to its root, in Area order ("data/training", …, "metrics"); the
// same tree `mlpipe fs init` creates on HDFS.
std::span<const std::string_view> AreaDirs();

class Warehouse {
 public:
  // Makes `root` absolute and creates the whole tree (OK if it exists).
  static Result<Warehouse> Open(const fs::path& root);

  const fs::path& root() const { return root_; }
  fs::path Dir(Area area) const;

  // Where a config path lives locally:
  //   "hdfs://host:port/ml-pipeline/x", "hdfs:///ml-pipeline/x", "/ml-pipeline/x", "x" -> <root>/x
  //   "file:///abs/x" and other absolute paths                                       -> themselves
  // InvalidArgument (naming the path) for "", other URI schemes, HDFS paths outside
  // `hdfs_base_path`, and ".." segments that climb out of the root.
  Result<fs::path> Resolve(std::string_view config_path,
                           std::string_view hdfs_base_path = "/ml-pipeline") const;

 private:
  explicit Warehouse(fs::path root) : root_(std::move(root)) {}
  fs::path root_;
};

}  // namespace mlpipe::store
