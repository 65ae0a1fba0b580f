// `mlpipe fs init`: creates the document's tree under environment_config.hdfs_base_path (the same
// directories as the local warehouse, store::AreaDirs) and gives every directory of it
// hdfs_permissions and hdfs_owner:hdfs_group. Idempotent: prints what it created, what existed
// and what it changed.
#include <fmt/format.h>

#include <algorithm>
#include <ostream>

#include "cli/commands/fs/fs_common.h"
#include "cli/exit_codes.h"
#include "store/warehouse.h"

namespace mlpipe::cli {
namespace {

struct Options {
  ConfigFlags config;
};

// The base path and every directory of the tree, parents before children ("data" before
// "data/training").
std::vector<std::string> TreeDirs(const std::string& base) {
  std::vector<std::string> dirs = {base};
  auto add = [&](std::string_view rel) {
    std::string path = util::ChildPath(base, std::string(rel));
    if (std::find(dirs.begin(), dirs.end(), path) == dirs.end()) dirs.push_back(std::move(path));
  };
  for (std::string_view rel : store::AreaDirs()) {
    for (size_t slash = rel.find('/'); slash != std::string_view::npos;
         slash = rel.find('/', slash + 1)) {
      add(rel.substr(0, slash));
    }
    add(rel);
  }
  return dirs;
}

// "0755" -> "755", as WebHDFS reports modes.
std::string CanonicalMode(const std::string& mode) {
  const size_t first = mode.find_first_not_of('0');
  return first == std::string::npos ? "0" : mode.substr(first);
}

Status CreateMissing(util::FileStore& files, const std::vector<std::string>& dirs,
                     const std::string& mode, std::ostream& out) {
  for (const auto& dir : dirs) {
    auto status = files.Stat(dir);
    if (status.ok() && !status->is_dir) {
      return Status::IOError(
          dir + " exists in " + files.Name() +
          " but is not a directory; move it away and run `mlpipe fs init` again");
    }
    if (status.ok()) {
      out << "exists   " << dir << "\n";
      continue;
    }
    if (status.status().code() != StatusCode::kNotFound) return status.status();
    MLPIPE_RETURN_NOT_OK(files.Mkdirs(dir, mode));
    out << "created  " << dir << "\n";
  }
  return Status::OK();
}

// The owner too unless `with_owner` is false (the local warehouse stays its user's).
Status ApplyModeAndOwner(util::FileStore& files, const std::vector<std::string>& dirs,
                         const config::EnvironmentConfig& env, const std::string& mode,
                         bool with_owner, std::ostream& out) {
  for (const auto& dir : dirs) {
    MLPIPE_ASSIGN_OR_RETURN(auto status, files.Stat(dir));
    if (CanonicalMode(status.permission) != mode) {
      MLPIPE_RETURN_NOT_OK(files.SetPermission(dir, mode));
      out << fmt::format("chmod    {} {} -> {}\n", dir, status.permission, mode);
    }
    if (!with_owner) continue;
    const std::string owner = env.hdfs_owner != status.owner ? env.hdfs_owner : "";
    const std::string group = env.hdfs_group != status.group ? env.hdfs_group : "";
    if (owner.empty() && group.empty()) continue;
    if (Status st = files.SetOwner(dir, owner, group); !st.ok()) {
      if (st.code() != StatusCode::kIOError) return st;
      return Status::IOError(fmt::format(
          "cannot give {} to {}:{}: {}. Changing an HDFS owner needs superuser rights (the user "
          "that started the "
          "NameNode, or a member of dfs.permissions.superusergroup): run `mlpipe fs init` as that "
          "user "
          "(HADOOP_USER_NAME=<superuser>), or set environment_config.hdfs_owner/hdfs_group to the "
          "current owner "
          "({}:{})",
          dir, env.hdfs_owner, env.hdfs_group, st.message(), status.owner, status.group));
    }
    out << fmt::format("chown    {} {}:{} -> {}:{}\n", dir, status.owner, status.group,
                       owner.empty() ? status.owner : owner, group.empty() ? status.group : group);
  }
  return Status::OK();
}

CommandResult RunInit(const Options& o, std::ostream& out) {
  MLPIPE_ASSIGN_OR_RETURN(auto session, OpenFs(o.config));
  const auto& env = session.env;
  if (!env.hdfs_base_path.starts_with("/")) {
    return Status::ConfigError(
        "environment_config.hdfs_base_path must be an absolute HDFS path like /ml-pipeline, "
        "not '" +
        env.hdfs_base_path + "'");
  }
  const std::string mode = CanonicalMode(env.hdfs_permissions);
  const auto dirs = TreeDirs(env.hdfs_base_path);
  MLPIPE_RETURN_NOT_OK(CreateMissing(*session.files, dirs, mode, out));
  MLPIPE_RETURN_NOT_OK(ApplyModeAndOwner(*session.files, dirs, env, mode, !session.local, out));
  if (session.local) {
    out << fmt::format(
        "tree ready under {} in {} (mode {}; hdfs_owner/hdfs_group apply to HDFS only)\n",
        env.hdfs_base_path, session.files->Name(), mode);
  } else {
    out << fmt::format("HDFS tree ready under {} (mode {}, owner {}:{})\n", env.hdfs_base_path,
                       mode, env.hdfs_owner, env.hdfs_group);
  }
  return kExitSuccess;
}

}  // namespace

void SetupFsInit(CLI::App& fs, int* exit_code) {
  auto opts = std::make_shared<Options>();
  CLI::App* cmd = fs.add_subcommand(
      "init",
      "Create the HDFS tree (data/{training,validation,input,output}, models, artifacts, configs, "
      "logs, "
      "checkpoints, metrics) under environment_config.hdfs_base_path with hdfs_permissions and "
      "hdfs_owner:hdfs_group");
  AddConfigFlags(*cmd, opts->config);
  OnRun(*cmd, exit_code, [opts](std::ostream& out) { return RunInit(*opts, out); });
}

}  // namespace mlpipe::cli
