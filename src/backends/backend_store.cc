#include "backends/backend_store.h"

#include "backends/cluster_endpoints.h"
#include "backends/local_paths.h"
#include "cluster/hadoop_conf.h"
#include "cluster/webhdfs.h"
#include "store/warehouse_files.h"
#include "util/strings.h"

namespace mlpipe::backends {

std::string BackendStore::Resolve(const std::string& path) const {
  if (StartsWith(path, "/") || StartsWith(path, "hdfs://")) return path;
  return path.empty() ? env.hdfs_base_path : util::ChildPath(env.hdfs_base_path, path);
}

Result<BackendStore> OpenBackendStore(const config::JobConfig& config) {
  BackendStore store;
  store.env = config.environment;
  if (config.environment.backend == config::BackendKind::kLocal) {
    MLPIPE_ASSIGN_OR_RETURN(auto warehouse, store::Warehouse::Open(WarehouseRootFor(config)));
    store.local = true;
    store.files = std::make_unique<store::WarehouseFiles>(std::move(warehouse),
                                                          config.environment.hdfs_base_path);
    return store;
  }
  MLPIPE_ASSIGN_OR_RETURN(auto endpoints,
                          ResolveClusterEndpoints(config.environment, config.security));
  store.http = util::MakeCurlHttpClient();
  store.files = std::make_unique<cluster::WebHdfsClient>(
      *store.http, endpoints.namenode_http_urls, cluster::HadoopUserName(), endpoints.kerberos);
  return store;
}

}  // namespace mlpipe::backends
