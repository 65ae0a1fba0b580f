// `mlpipe fs get [-f] HDFS_PATH... LOCAL_DEST`: download files and directory trees, like
// `hdfs dfs -get`: into LOCAL_DEST when it is an existing directory, else as LOCAL_DEST.
#include "cli/commands/fs/fs_common.h"
#include "cli/exit_codes.h"
#include "util/fs.h"

namespace mlpipe::cli {
namespace {

struct Options {
  ConfigFlags config;
  std::vector<std::string> paths;  // sources..., destination
  bool force = false;
};

CommandResult RunGet(const Options& o) {
  if (o.paths.size() < 2)
    return Status::InvalidArgument("fs get needs HDFS_PATH... and a local destination");
  MLPIPE_ASSIGN_OR_RETURN(auto session, OpenFs(o.config));
  auto& files = *session.files;
  const fs::path dest = o.paths.back();
  std::error_code ec;
  const bool into_dir = fs::is_directory(dest, ec);
  if (o.paths.size() > 2 && !into_dir) {
    return Status::InvalidArgument(
        "fs get of several paths needs an existing local directory as destination; " +
        dest.string() + " is not one");
  }
  for (auto it = o.paths.begin(); it != o.paths.end() - 1; ++it) {
    const std::string source = session.Resolve(*it);
    MLPIPE_ASSIGN_OR_RETURN(auto status, files.Stat(source));
    const fs::path target = into_dir ? dest / util::BaseName(source) : dest;
    if (fs::exists(target, ec) && !o.force) {
      return Status::AlreadyExists("local " + target.string() +
                                   " already exists; overwrite it with -f");
    }
    MLPIPE_RETURN_NOT_OK(status.is_dir ? files.GetDirectory(source, target.string())
                                       : files.GetFile(source, target.string()));
  }
  return kExitSuccess;
}

}  // namespace

void SetupFsGet(CLI::App& fs, int* exit_code) {
  auto opts = std::make_shared<Options>();
  CLI::App* cmd = fs.add_subcommand("get", "Download HDFS files or directories");
  cmd->add_option("paths", opts->paths, "HDFS_PATH... LOCAL_DEST")->required()->expected(2, -1);
  cmd->add_flag("-f,--force", opts->force, "Overwrite existing local files");
  AddConfigFlags(*cmd, opts->config);
  OnRun(*cmd, exit_code, [opts](std::ostream&) { return RunGet(*opts); });
}

}  // namespace mlpipe::cli
