// HadoopConf: the client view of a cluster's *-site.xml files (core, hdfs, yarn, mapred) from
// HADOOP_CONF_DIR / YARN_CONF_DIR, with ${var} expansion, and DiscoverEndpoints(), which turns
// them into the HTTP endpoints mlpipe uses: ResourceManager web addresses (every RM of an HA pair,
// HTTPS when yarn.http.policy=HTTPS_ONLY) and NameNode HTTP addresses (every NN of an HA
// nameservice). Precedence: an http(s) resourcemanager_url and webhdfs_url win over the site
// files; a bare "host:8032" resourcemanager_url and namenode_url only fill in what they lack.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "util/result.h"

namespace mlpipe::cluster {

class HadoopConf {
 public:
  // Reads every *-site.xml in `dir`; a malformed file is an error naming file and line.
  static Result<HadoopConf> LoadDir(const std::string& dir);
  // The conf dir from HADOOP_CONF_DIR, else YARN_CONF_DIR, else $HADOOP_HOME/etc/hadoop; NotFound
  // with the variables to set when none exists.
  static Result<std::string> FindConfDir(const std::string& configured_dir);

  std::optional<std::string> Get(const std::string& key) const;  // ${var} expanded
  const std::string& dir() const { return dir_; }

 private:
  std::string dir_;
  std::map<std::string, std::string> properties_;
};

struct EndpointOverrides {
  std::string resourcemanager_url;  // http(s)://host:port wins; host:port (RPC) -> http://host:8088
                                    // if no conf
  std::string webhdfs_url;          // http(s)://host:port wins
  std::string namenode_url;  // hdfs://host:port -> http://host:9870 and default_fs, if no conf
};

struct ClusterEndpoints {
  std::vector<std::string> rm_web_urls;         // "http://host:8088", in HA order
  std::vector<std::string> namenode_http_urls;  // "http://host:9870", in HA order
  std::string default_fs;                       // "hdfs://host:8020" or "hdfs://nameservice"
  bool kerberos = false;                        // hadoop.security.authentication=kerberos
  std::string conf_dir;                         // the site files' directory; "" when none was used
};

// The Hadoop user for simple auth (user.name=): HADOOP_USER_NAME, else the login user.
std::string HadoopUserName();

// `conf` may be null when there is no conf dir. A service nobody names is left empty (the client
// for it reports that); ConfigError for malformed addresses and incomplete HA settings.
Result<ClusterEndpoints> DiscoverEndpoints(const HadoopConf* conf,
                                           const EndpointOverrides& overrides);

}  // namespace mlpipe::cluster
