// ClusterSession: the clients one command needs to reach a cluster, built from a config's
// environment_config plus the HADOOP_CONF_DIR site files (backends/cluster_endpoints.h).
#pragma once

#include <memory>
#include <string>

#include "cluster/hadoop_conf.h"
#include "cluster/resource_manager.h"
#include "cluster/webhdfs.h"
#include "config/job_config.h"

namespace mlpipe::backends::yarn {

struct ClusterSession {
  cluster::ClusterEndpoints endpoints;
  std::string user;
  std::unique_ptr<cluster::ResourceManagerClient> rm;
  std::unique_ptr<cluster::WebHdfsClient> hdfs;

  static Result<ClusterSession> Open(const config::JobConfig& config, util::HttpClient& http);
  // The session for a recorded job, from the config snapshot it was submitted with.
  static Result<ClusterSession> ForRecord(const std::string& config_path, util::HttpClient& http);
};

}  // namespace mlpipe::backends::yarn
