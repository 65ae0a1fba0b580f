#include "cli/commands/fs/fs_common.h"

#include "cluster/hadoop_conf.h"
#include "util/fs.h"

namespace mlpipe::cli {
namespace {

// The config of `flags`. When nothing names a file and the default ./job_config.yaml does not
// exist: the built-in defaults, on the yarn backend when a Hadoop conf dir is found (fs then works
// with HADOOP_CONF_DIR alone, like `hdfs dfs`).
Result<config::JobConfig> LoadFsConfig(const ConfigFlags& flags) {
  const auto files = ConfigFilesOrDefault(flags);
  const bool implicit_default = flags.files.empty() && files.size() == 1 && !PathExists(files[0]);
  if (!implicit_default || !flags.overrides.empty()) return LoadConfig(flags);
  config::JobConfig defaults;
  if (cluster::HadoopConf::FindConfDir("").ok())
    defaults.environment.backend = config::BackendKind::kYarn;
  return defaults;
}

}  // namespace

Result<backends::BackendStore> OpenFs(const ConfigFlags& flags) {
  MLPIPE_ASSIGN_OR_RETURN(const config::JobConfig cfg, LoadFsConfig(flags));
  return backends::OpenBackendStore(cfg);
}

Status WalkFiles(util::FileStore& files, const std::string& path, bool recursive,
                 const std::function<Status(const std::string&, const util::FileStatus&)>& visit) {
  MLPIPE_ASSIGN_OR_RETURN(auto status, files.Stat(path));
  MLPIPE_RETURN_NOT_OK(visit(path, status));
  if (!recursive || !status.is_dir) return Status::OK();
  MLPIPE_ASSIGN_OR_RETURN(auto children, files.List(path));
  for (const auto& child : children) {
    const std::string child_path = util::ChildPath(path, child.name);
    if (child.is_dir) {
      MLPIPE_RETURN_NOT_OK(WalkFiles(files, child_path, true, visit));
    } else {
      MLPIPE_RETURN_NOT_OK(visit(child_path, child));
    }
  }
  return Status::OK();
}

}  // namespace mlpipe::cli
