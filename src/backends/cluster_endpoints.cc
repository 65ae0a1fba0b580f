#include "backends/cluster_endpoints.h"

#include <cstdlib>

namespace mlpipe::backends {

Result<cluster::ClusterEndpoints> ResolveClusterEndpoints(const config::EnvironmentConfig& env,
                                                          const config::SecurityConfig& security) {
  std::string configured = !env.hadoop_conf_dir.empty() ? env.hadoop_conf_dir : env.yarn_conf_dir;
  if (configured.empty() && !env.hadoop_home.empty()) configured = env.hadoop_home + "/etc/hadoop";
  std::optional<cluster::HadoopConf> conf;
  auto dir = cluster::HadoopConf::FindConfDir(configured);
  if (dir.ok()) {
    MLPIPE_ASSIGN_OR_RETURN(conf, cluster::HadoopConf::LoadDir(*dir));
  } else if (!configured.empty() || std::getenv("HADOOP_CONF_DIR") ||
             std::getenv("YARN_CONF_DIR")) {
    return dir.status();  // a directory was named but is not there: say so rather than guess
  }
  cluster::EndpointOverrides overrides{env.resourcemanager_url, env.webhdfs_url, env.namenode_url};
  MLPIPE_ASSIGN_OR_RETURN(auto endpoints,
                          cluster::DiscoverEndpoints(conf ? &*conf : nullptr, overrides));
  endpoints.kerberos = endpoints.kerberos || security.enable_kerberos;
  if (conf) endpoints.conf_dir = conf->dir();
  return endpoints;
}

}  // namespace mlpipe::backends
