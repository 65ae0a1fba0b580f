// What every `mlpipe fs` subcommand shares: the config flags, opening the file store the config's
// backend uses (HDFS over WebHDFS on the cluster the config or HADOOP_CONF_DIR names; the local
// warehouse on the local backend), resolving paths against hdfs_base_path, and walking a tree for
// -R. The subcommands live in fs/<verb>.cc and are wired up by fs/fs.cc.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <string>

#include "cli/common.h"
#include "config/job_config.h"
#include "util/file_store.h"
#include "util/http.h"

namespace mlpipe::cli {

struct FsSession {
  config::EnvironmentConfig env;
  bool local = false;                      // the local warehouse, not HDFS
  std::unique_ptr<util::HttpClient> http;  // for HDFS
  std::unique_ptr<util::FileStore> files;

  // "/abs" and "hdfs://…" as given; a relative path (or "") is taken under env.hdfs_base_path.
  std::string Resolve(const std::string& path) const;
};

// The config from -c (or $MLPIPE_CONFIG, or ./job_config.yaml) and the store of its backend. With
// none of them present and no --conf: HDFS when a Hadoop conf dir is found (HADOOP_CONF_DIR,
// YARN_CONF_DIR, HADOOP_HOME: it alone says where HDFS is), else the local warehouse.
Result<FsSession> OpenFs(const ConfigFlags& flags);

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
