// `mlpipe fs rm [-r] PATH...`: delete HDFS files, or directories with -r. Deletes at once (WebHDFS
// has no trash).
#include <algorithm>

#include "cli/commands/fs/fs_common.h"
#include "cli/exit_codes.h"

namespace mlpipe::cli {
namespace {

// "/", "//", "hdfs://nn:8020" and "hdfs://nn:8020/" all name the root.
bool IsRoot(const std::string& path) {
  std::string_view p = path;
  if (p.starts_with("hdfs://")) p = p.substr(std::min(p.find('/', 7), p.size()));
  return p.find_first_not_of('/') == std::string_view::npos;
}

struct Options {
  ConfigFlags config;
  std::vector<std::string> paths;
  bool recursive = false;
};

CommandResult RunRm(const Options& o) {
  MLPIPE_ASSIGN_OR_RETURN(auto session, OpenFs(o.config));
  for (const auto& arg : o.paths) {
    const std::string path = session.Resolve(arg);
    if (IsRoot(path)) return Status::InvalidArgument("refusing to delete the root " + path);
    MLPIPE_ASSIGN_OR_RETURN(auto status, session.files->Stat(path));
    if (status.is_dir && !o.recursive) {
      return Status::InvalidArgument(path +
                                     " is a directory; delete it and everything below it with -r");
    }
    MLPIPE_RETURN_NOT_OK(session.files->Delete(path, o.recursive));
  }
  return kExitSuccess;
}

}  // namespace

void SetupFsRm(CLI::App& fs, int* exit_code) {
  auto opts = std::make_shared<Options>();
  CLI::App* cmd =
      fs.add_subcommand("rm", "Delete HDFS files (directories with -r); there is no trash");
  cmd->add_option("path", opts->paths, "HDFS paths")->required();
  cmd->add_flag("-r,-R,--recursive", opts->recursive,
                "Delete directories and everything below them");
  AddConfigFlags(*cmd, opts->config);
  OnRun(*cmd, exit_code, [opts](std::ostream&) { return RunRm(*opts); });
}

}  // namespace mlpipe::cli
