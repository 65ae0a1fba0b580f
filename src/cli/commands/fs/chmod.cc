// `mlpipe fs chmod [-R] MODE PATH...`: set the octal mode of HDFS paths.
#include "cli/commands/fs/fs_common.h"
#include "cli/exit_codes.h"

namespace mlpipe::cli {
namespace {

struct Options {
  ConfigFlags config;
  std::string mode;
  std::vector<std::string> paths;
  bool recursive = false;
};

bool IsOctalMode(const std::string& mode) {
  return (mode.size() == 3 || mode.size() == 4) &&
         mode.find_first_not_of("01234567") == std::string::npos;
}

CommandResult RunChmod(const Options& o) {
  if (!IsOctalMode(o.mode))
    return Status::InvalidArgument("fs chmod takes an octal mode like 755, not '" + o.mode + "'");
  MLPIPE_ASSIGN_OR_RETURN(auto session, OpenFs(o.config));
  for (const auto& path : o.paths) {
    MLPIPE_RETURN_NOT_OK(WalkFiles(*session.files, session.Resolve(path), o.recursive,
                                   [&](const std::string& p, const util::FileStatus&) {
                                     return session.files->SetPermission(p, o.mode);
                                   }));
  }
  return kExitSuccess;
}

}  // namespace

void SetupFsChmod(CLI::App& fs, int* exit_code) {
  auto opts = std::make_shared<Options>();
  CLI::App* cmd = fs.add_subcommand("chmod", "Set the mode of HDFS paths");
  cmd->add_option("mode", opts->mode, "Octal mode, e.g. 755")->required();
  cmd->add_option("path", opts->paths, "HDFS paths")->required();
  cmd->add_flag("-R,--recursive", opts->recursive, "Also everything below directories");
  AddConfigFlags(*cmd, opts->config);
  OnRun(*cmd, exit_code, [opts](std::ostream&) { return RunChmod(*opts); });
}

}  // namespace mlpipe::cli
