// `mlpipe fs chown [-R] OWNER[:GROUP] PATH...`: set owner and/or group (":GROUP" sets only the
// group). HDFS lets only the superuser change an owner.
#include "cli/commands/fs/fs_common.h"
#include "cli/exit_codes.h"

namespace mlpipe::cli {
namespace {

struct Options {
  ConfigFlags config;
  std::string owner_group;
  std::vector<std::string> paths;
  bool recursive = false;
};

CommandResult RunChown(const Options& o) {
  const size_t colon = o.owner_group.find(':');
  const std::string owner = o.owner_group.substr(0, colon);
  const std::string group = colon == std::string::npos ? "" : o.owner_group.substr(colon + 1);
  if (owner.empty() && group.empty()) {
    return Status::InvalidArgument("fs chown takes OWNER, OWNER:GROUP or :GROUP, not '" +
                                   o.owner_group + "'");
  }
  MLPIPE_ASSIGN_OR_RETURN(auto session, OpenFs(o.config));
  for (const auto& path : o.paths) {
    MLPIPE_RETURN_NOT_OK(WalkFiles(*session.files, session.Resolve(path), o.recursive,
                                   [&](const std::string& p, const util::FileStatus&) {
                                     return session.files->SetOwner(p, owner, group);
                                   }));
  }
  return kExitSuccess;
}

}  // namespace

void SetupFsChown(CLI::App& fs, int* exit_code) {
  auto opts = std::make_shared<Options>();
  CLI::App* cmd = fs.add_subcommand(
      "chown", "Set the owner and/or group of HDFS paths (owner: superuser only)");
  cmd->add_option("owner", opts->owner_group, "OWNER, OWNER:GROUP or :GROUP")->required();
  cmd->add_option("path", opts->paths, "HDFS paths")->required();
  cmd->add_flag("-R,--recursive", opts->recursive, "Also everything below directories");
  AddConfigFlags(*cmd, opts->config);
  OnRun(*cmd, exit_code, [opts](std::ostream&) { return RunChown(*opts); });
}

}  // namespace mlpipe::cli
