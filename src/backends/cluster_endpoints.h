// Where the cluster is and who we are on it, for everything that talks to YARN or HDFS (the yarn
// backend, `mlpipe fs`): the Hadoop conf dir (environment_config.hadoop_conf_dir / yarn_conf_dir /
// hadoop_home, else HADOOP_CONF_DIR, YARN_CONF_DIR, HADOOP_HOME) read through cluster::HadoopConf,
// with environment_config's resourcemanager_url, webhdfs_url and namenode_url applied on top.
// The user to act as is cluster::HadoopUserName() (cluster/hadoop_conf.h).
#pragma once

#include <string>

#include "cluster/hadoop_conf.h"
#include "config/job_config.h"
#include "util/result.h"

namespace mlpipe::backends {

// No conf dir anywhere is fine when the config names the services itself; a configured dir that
// does not exist, or malformed site files, are errors. Kerberos when the site files say so
// (hadoop.security.authentication) or security_config.enable_kerberos is set.
Result<cluster::ClusterEndpoints> ResolveClusterEndpoints(const config::EnvironmentConfig& env,
                                                          const config::SecurityConfig& security);

}  // namespace mlpipe::backends
