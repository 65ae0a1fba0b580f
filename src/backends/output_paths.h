// Where a job may write, checked before anything runs (validate -t, submit --dry-run, submit) on
// the paths as a backend maps them. An output path must not equal or contain another configured
// data path (the job's input above all; evaluation and prediction may read what data_processing
// writes), nor any of the backend's protected places (the warehouse root and its areas, the model
// directory, MLPIPE_HOME, '/', the user's home); and must not sit inside an input, the model,
// metrics, configs or logs areas, or MLPIPE_HOME outside its warehouse. Relations are judged on
// normalized paths ('..', '.', trailing and repeated slashes) and, locally, on symlink-resolved
// paths too. The checks that need the filesystem (does the output exist, is it mlpipe's own) are
// engine/io/output_owner.h's.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "config/job_config.h"
#include "util/status.h"

namespace mlpipe::backends {

struct NamedPath {
  NamedPath(std::string what_, std::string path_, std::string except_inside_ = "")
      : what(std::move(what_)), path(std::move(path_)), except_inside(std::move(except_inside_)) {}
  std::string what;           // for messages: "the warehouse root", "data_config.raw_data_path"
  std::string path;           // as the backend maps it
  std::string except_inside;  // never_inside only: unless the output also sits inside this path
};

// The places a backend protects, besides the config's own data paths.
struct ProtectedPaths {
  std::vector<NamedPath> never_replaced;  // an output must not equal or contain these
  std::vector<NamedPath> never_inside;    // an output must not sit inside these
};

// The forms a path is compared in (e.g. its lexical form and its symlink-resolved form); each
// must be normalized: absolute, no '.', '..', empty segments or trailing slash.
using PathForms = std::function<std::vector<std::string>(const std::string& path)>;

// ConfigError naming the output's config key, both paths and the rule broken, for the first
// violation among `type`'s outputs. `mapped` has its data paths mapped (data_paths.h).
Status CheckOutputPaths(config::JobType type, const config::JobConfig& mapped,
                        const ProtectedPaths& protect, const PathForms& forms);

// '/'-separated path normalized lexically: "/a//b/./c/../" -> "/a/b". Keeps a "scheme://authority"
// prefix as is.
std::string NormalizePath(const std::string& path);

}  // namespace mlpipe::backends
