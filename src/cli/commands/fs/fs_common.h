// What every `mlpipe fs` subcommand shares: the config flags, opening the store of the config's
// backend (backends/backend_store.h: HDFS over WebHDFS, or the local warehouse; paths resolve
// against hdfs_base_path), and walking a tree for -R. The subcommands live in fs/<verb>.cc and are
// wired up by fs/fs.cc.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <string>

#include "backends/backend_store.h"
#include "cli/common.h"
#include "util/file_store.h"

namespace mlpipe::cli {

// The config from -c (or $MLPIPE_CONFIG, or ./job_config.yaml) and the store of its backend. With
// none of them present and no --conf: HDFS when a Hadoop conf dir is found (HADOOP_CONF_DIR,
// YARN_CONF_DIR, HADOOP_HOME: it alone says where HDFS is), else the local warehouse.
Result<backends::BackendStore> OpenFs(const ConfigFlags& flags);

// Calls `visit` on `path` and, when `recursive` and it is a directory, on everything below it
// (parents before children).
Status WalkFiles(
    util::FileStore& files, const std::string& path, bool recursive,
    const std::function<Status(const std::string& path, const util::FileStatus&)>& visit);

// Setup functions of the subcommands, called by SetupFs.
void SetupFsInit(CLI::App& fs, int* exit_code);
void SetupFsLs(CLI::App& fs, int* exit_code);
void SetupFsPut(CLI::App& fs, int* exit_code);
void SetupFsGet(CLI::App& fs, int* exit_code);
void SetupFsMkdir(CLI::App& fs, int* exit_code);
void SetupFsRm(CLI::App& fs, int* exit_code);
void SetupFsChmod(CLI::App& fs, int* exit_code);
void SetupFsChown(CLI::App& fs, int* exit_code);
void SetupFsCat(CLI::App& fs, int* exit_code);

}  // namespace mlpipe::cli
