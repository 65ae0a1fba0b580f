// `mlpipe fs put [-f] LOCAL... DEST`: upload files and directory trees, like `hdfs dfs -put`: into
// DEST when it is an existing directory, else as DEST. Existing targets need -f.
#include "cli/commands/fs/fs_common.h"
#include "cli/exit_codes.h"
#include "util/command_names.h"
#include "util/fs.h"

namespace mlpipe::cli {
namespace {

struct Options {
  ConfigFlags config;
  std::vector<std::string> paths;  // sources..., destination
  bool force = false;
};

CommandResult RunPut(const Options& o) {
  if (o.paths.size() < 2) return Status::InvalidArgument("fs put needs LOCAL... and a destination");
  MLPIPE_ASSIGN_OR_RETURN(auto session, OpenFs(o.config));
  auto& files = *session.files;
  const std::string dest = session.Resolve(o.paths.back());
  const std::vector<std::string> sources(o.paths.begin(), o.paths.end() - 1);
  auto dest_status = files.Stat(dest);
  if (!dest_status.ok() && dest_status.status().code() != StatusCode::kNotFound)
    return dest_status.status();
  const bool into_dir = dest_status.ok() && dest_status->is_dir;
  if (sources.size() > 1 && !into_dir) {
    return Status::InvalidArgument(
        "fs put of several sources needs an existing directory as destination; " + dest +
        " is not one in " + files.Name() + " (create it with " +
        commands::Suggest({commands::kFs, commands::kFsMkdir}) + ")");
  }
  for (const auto& source : sources) {
    std::error_code ec;
    const bool is_dir = fs::is_directory(source, ec);
    if (!is_dir && !fs::is_regular_file(source, ec))
      return Status::NotFound("local file not found: " + source);
    const std::string target = into_dir ? util::ChildPath(dest, util::BaseName(source)) : dest;
    bool exists = dest_status.ok();
    if (target != dest) {
      MLPIPE_ASSIGN_OR_RETURN(exists, files.Exists(target));
    }
    if (exists && !o.force)
      return Status::AlreadyExists(target + " already exists in " + files.Name() +
                                   "; overwrite it with -f");
    MLPIPE_RETURN_NOT_OK(is_dir ? files.PutDirectory(source, target, o.force)
                                : files.PutFile(source, target, o.force));
  }
  return kExitSuccess;
}

}  // namespace

void SetupFsPut(CLI::App& fs, int* exit_code) {
  auto opts = std::make_shared<Options>();
  CLI::App* cmd = fs.add_subcommand(
      std::string(commands::kFsPut),
      "Upload local files or directories to HDFS (the warehouse on the local backend)");
  cmd->add_option("paths", opts->paths, "LOCAL... DEST")->required()->expected(2, -1);
  cmd->add_flag("-f,--force", opts->force, "Overwrite existing files");
  AddConfigFlags(*cmd, opts->config);
  OnRun(*cmd, exit_code, [opts](std::ostream&) { return RunPut(*opts); });
}

}  // namespace mlpipe::cli
