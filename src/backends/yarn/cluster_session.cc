#include "backends/yarn/cluster_session.h"

#include "backends/cluster_endpoints.h"
#include "config/loader.h"

namespace mlpipe::backends::yarn {

Result<ClusterSession> ClusterSession::Open(const config::JobConfig& config,
                                            util::HttpClient& http) {
  ClusterSession s;
  MLPIPE_ASSIGN_OR_RETURN(s.endpoints,
                          ResolveClusterEndpoints(config.environment, config.security));
  s.user = cluster::HadoopUserName();
  s.rm = std::make_unique<cluster::ResourceManagerClient>(http, s.endpoints.rm_web_urls, s.user,
                                                          s.endpoints.kerberos);
  s.hdfs = std::make_unique<cluster::WebHdfsClient>(http, s.endpoints.namenode_http_urls, s.user,
                                                    s.endpoints.kerberos);
  return s;
}

Result<ClusterSession> ClusterSession::ForRecord(const std::string& config_path,
                                                 util::HttpClient& http) {
  auto cfg = config::LoadJobConfig(config::LoadOptions{{config_path}, {}});
  if (!cfg.ok()) {
    return cfg.status().WithContext("cannot read the config snapshot this job was submitted with");
  }
  return Open(*cfg, http);
}

}  // namespace mlpipe::backends::yarn
