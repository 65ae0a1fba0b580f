// The file tree a backend keeps jobs' data and models in, opened from a config: HDFS over WebHDFS
// on yarn (the cluster the config or HADOOP_CONF_DIR names, Kerberos when the config enables it),
// the local warehouse seen as that tree on the local backend (store/warehouse_files.h). `mlpipe fs`
// and `mlpipe models` work on it, so both see the same files on either backend.
#pragma once

#include <memory>
#include <string>

#include "config/job_config.h"
#include "util/file_store.h"
#include "util/http.h"
#include "util/result.h"

namespace mlpipe::backends {

struct BackendStore {
  config::EnvironmentConfig env;
  bool local = false;                      // the local warehouse, not HDFS
  std::unique_ptr<util::HttpClient> http;  // for HDFS
  std::unique_ptr<util::FileStore> files;

  // "/abs" and "hdfs://…" as given; a relative path (or "") is taken under env.hdfs_base_path.
  std::string Resolve(const std::string& path) const;
  // <hdfs_base_path>/models: the model repository (engine/models/model_repo.h) in this store.
  std::string ModelsDir() const { return Resolve("models"); }
};

// The store of environment_config.backend. Unavailable (naming what to set) when no cluster can be
// found for yarn; the warehouse's error when it cannot be opened.
Result<BackendStore> OpenBackendStore(const config::JobConfig& config);

}  // namespace mlpipe::backends
