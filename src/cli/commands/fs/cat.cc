// `mlpipe fs cat PATH...`: print HDFS files to stdout.
#include <ostream>

#include "cli/commands/fs/fs_common.h"
#include "cli/exit_codes.h"

namespace mlpipe::cli {
namespace {

struct Options {
  ConfigFlags config;
  std::vector<std::string> paths;
};

CommandResult RunCat(const Options& o, std::ostream& out) {
  MLPIPE_ASSIGN_OR_RETURN(auto session, OpenFs(o.config));
  for (const auto& path : o.paths) {
    MLPIPE_ASSIGN_OR_RETURN(auto content, session.files->ReadString(session.Resolve(path)));
    out << content;
  }
  out.flush();
  return kExitSuccess;
}

}  // namespace

void SetupFsCat(CLI::App& fs, int* exit_code) {
  auto opts = std::make_shared<Options>();
  CLI::App* cmd = fs.add_subcommand("cat", "Print HDFS files");
  cmd->add_option("path", opts->paths, "HDFS files")->required();
  AddConfigFlags(*cmd, opts->config);
  OnRun(*cmd, exit_code, [opts](std::ostream& out) { return RunCat(*opts, out); });
}

}  // namespace mlpipe::cli
