// `mlpipe fs mkdir [-p] [-m MODE] PATH...`: create HDFS directories, parents included.
#include "cli/commands/fs/fs_common.h"
#include "cli/exit_codes.h"
#include "util/command_names.h"

namespace mlpipe::cli {
namespace {

struct Options {
  ConfigFlags config;
  std::vector<std::string> paths;
  std::string mode;
  bool parents = false;  // always the behaviour (WebHDFS MKDIRS); the flag is accepted for habit
};

CommandResult RunMkdir(const Options& o) {
  MLPIPE_ASSIGN_OR_RETURN(auto session, OpenFs(o.config));
  for (const auto& path : o.paths)
    MLPIPE_RETURN_NOT_OK(session.files->Mkdirs(session.Resolve(path), o.mode));
  return kExitSuccess;
}

}  // namespace

void SetupFsMkdir(CLI::App& fs, int* exit_code) {
  auto opts = std::make_shared<Options>();
  CLI::App* cmd = fs.add_subcommand(std::string(commands::kFsMkdir),
                                    "Create HDFS directories (with missing parents)");
  cmd->add_option("path", opts->paths, "HDFS directories")->required();
  cmd->add_option("-m,--mode", opts->mode, "Octal mode, e.g. 750 (default: the NameNode's, 755)");
  cmd->add_flag("-p,--parents", opts->parents,
                "Accepted for `hdfs dfs -mkdir -p` habits; parents are always made");
  AddConfigFlags(*cmd, opts->config);
  OnRun(*cmd, exit_code, [opts](std::ostream&) { return RunMkdir(*opts); });
}

}  // namespace mlpipe::cli
