// `mlpipe fs`: file commands on the backend's store: HDFS over WebHDFS (no Hadoop client install
// needed) on yarn, the warehouse on the local backend.
#include "cli/commands/commands.h"
#include "cli/commands/fs/fs_common.h"
#include "util/command_names.h"

namespace mlpipe::cli {

void SetupFs(CLI::App& app, int* exit_code) {
  CLI::App* fs = app.add_subcommand(std::string(commands::kFs),
                                    "HDFS files over WebHDFS (the warehouse on the local "
                                    "backend): init, ls, put, get, mkdir, rm, chmod, chown, cat. "
                                    "Relative paths are under environment_config.hdfs_base_path");
  fs->require_subcommand(1);
  SetupFsInit(*fs, exit_code);
  SetupFsLs(*fs, exit_code);
  SetupFsPut(*fs, exit_code);
  SetupFsGet(*fs, exit_code);
  SetupFsMkdir(*fs, exit_code);
  SetupFsRm(*fs, exit_code);
  SetupFsChmod(*fs, exit_code);
  SetupFsChown(*fs, exit_code);
  SetupFsCat(*fs, exit_code);
}

}  // namespace mlpipe::cli
