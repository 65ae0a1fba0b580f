// `mlpipe fs cat PATH...`: print HDFS files to stdout.
#include <iostream>

#include "cli/commands/fs/fs_common.h"

namespace mlpipe::cli {
namespace {

struct Options {
  ConfigFlags config;
  std::vector<std::string> paths;
};

Status RunCat(const Options& o) {
  MLPIPE_ASSIGN_OR_RETURN(auto session, OpenFs(o.config));
  for (const auto& path : o.paths) {
    MLPIPE_ASSIGN_OR_RETURN(auto content, session.files->ReadString(session.Resolve(path)));
    std::cout << content;
  }
  std::cout.flush();
  return Status::OK();
}

}  // namespace

void SetupFsCat(CLI::App& fs, int* exit_code) {
  auto opts = std::make_shared<Options>();
  CLI::App* cmd = fs.add_subcommand("cat", "Print HDFS files");
  cmd->add_option("path", opts->paths, "HDFS files")->required();
  AddConfigFlags(*cmd, opts->config);
  cmd->callback([opts, exit_code] { *exit_code = FinishFs(RunCat(*opts)); });
}

}  // namespace mlpipe::cli
