// DiscoverEndpoints (declared in hadoop_conf.h): site files and environment_config overrides to
// the HTTP endpoints of the ResourceManager(s) and NameNode(s).
#include "cluster/hadoop_conf.h"
#include "cluster/uri.h"
#include "util/strings.h"

namespace mlpipe::cluster {
namespace {

constexpr int kRmHttpPort = 8088, kRmHttpsPort = 8090;
constexpr int kNnHttpPort = 9870, kNnHttpsPort = 9871;

std::vector<std::string> SplitList(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& part : Split(text, ',')) {
    if (!Trim(part).empty()) out.emplace_back(Trim(part));
  }
  return out;
}

std::string WhereConf(const HadoopConf& conf) {
  return conf.dir().empty() ? std::string("the Hadoop configuration")
                            : "the site files in " + conf.dir();
}

// "scheme://host:port" from a conf value "host:port"; a wildcard host becomes `wildcard_host`.
Result<std::string> WebUrl(const HadoopConf& conf, const std::string& key, const std::string& value,
                           const std::string& scheme, const std::string& wildcard_host) {
  auto uri = ParseUri(value);
  if (!uri || value.find("${") != std::string::npos) {
    return Status::ConfigError(key + " = '" + value + "' in " + WhereConf(conf) +
                               " is not host:port");
  }
  if (uri->host == "0.0.0.0" && !wildcard_host.empty()) uri->host = wildcard_host;
  uri->scheme = scheme;
  uri->path.clear();
  return uri->Origin();
}

Result<std::vector<std::string>> RmUrlsFromConf(const HadoopConf& conf) {
  const bool https = conf.Get("yarn.http.policy").value_or("") == "HTTPS_ONLY";
  const std::string scheme = https ? "https" : "http";
  const std::string port = std::to_string(https ? kRmHttpsPort : kRmHttpPort);
  const std::string addr_key =
      https ? "yarn.resourcemanager.webapp.https.address" : "yarn.resourcemanager.webapp.address";
  std::vector<std::string> urls;
  if (ToLower(conf.Get("yarn.resourcemanager.ha.enabled").value_or("")) == "true") {
    const auto ids = SplitList(conf.Get("yarn.resourcemanager.ha.rm-ids").value_or(""));
    if (ids.empty()) {
      return Status::ConfigError(
          "yarn.resourcemanager.ha.enabled is true but yarn.resourcemanager.ha.rm-ids is "
          "empty in " +
          WhereConf(conf));
    }
    for (const auto& id : ids) {
      auto addr = conf.Get(addr_key + "." + id);
      if (!addr) {
        const auto host = conf.Get("yarn.resourcemanager.hostname." + id);
        if (!host) {
          return Status::ConfigError("no web address for ResourceManager '" + id + "': set " +
                                     addr_key + "." + id + " or yarn.resourcemanager.hostname." +
                                     id + " in " + WhereConf(conf));
        }
        addr = *host + ":" + port;
      }
      MLPIPE_ASSIGN_OR_RETURN(auto url, WebUrl(conf, addr_key + "." + id, *addr, scheme, ""));
      urls.push_back(std::move(url));
    }
    return urls;
  }
  std::string hostname = conf.Get("yarn.resourcemanager.hostname").value_or("");
  if (hostname.empty()) {
    if (const auto rpc = ParseUri(conf.Get("yarn.resourcemanager.address").value_or("")))
      hostname = rpc->host;
  }
  auto addr = conf.Get(addr_key);
  if (!addr) {
    if (hostname.empty()) return urls;  // the site files do not name a ResourceManager
    addr = hostname + ":" + port;
  }
  MLPIPE_ASSIGN_OR_RETURN(
      auto url, WebUrl(conf, addr_key, *addr, scheme, hostname == "0.0.0.0" ? "" : hostname));
  urls.push_back(std::move(url));
  return urls;
}

std::optional<Uri> DefaultFsUri(const HadoopConf& conf) {
  auto fs = conf.Get("fs.defaultFS");
  if (!fs) fs = conf.Get("fs.default.name");  // the Hadoop 1 name, still honoured
  auto uri = ParseUri(fs.value_or(""));
  if (!uri || uri->scheme != "hdfs") return std::nullopt;
  return uri;
}

Result<std::vector<std::string>> NameNodeUrlsFromConf(const HadoopConf& conf) {
  const bool https = conf.Get("dfs.http.policy").value_or("") == "HTTPS_ONLY";
  const std::string scheme = https ? "https" : "http";
  const std::string addr_key = https ? "dfs.namenode.https-address" : "dfs.namenode.http-address";
  const auto fs = DefaultFsUri(conf);
  std::vector<std::string> urls;
  if (fs) {
    if (const auto nns =
            conf.Get("dfs.ha.namenodes." + fs->host)) {  // HA: the authority is a nameservice
      for (const auto& nn : SplitList(*nns)) {
        const std::string key = addr_key + "." + fs->host + "." + nn;
        const auto addr = conf.Get(key);
        if (!addr) {
          return Status::ConfigError("no HTTP address for NameNode '" + nn + "' of nameservice '" +
                                     fs->host + "': set " + key + " in " + WhereConf(conf));
        }
        MLPIPE_ASSIGN_OR_RETURN(auto url, WebUrl(conf, key, *addr, scheme, ""));
        urls.push_back(std::move(url));
      }
      if (urls.empty()) {
        return Status::ConfigError("dfs.ha.namenodes." + fs->host + " lists no NameNode in " +
                                   WhereConf(conf));
      }
      return urls;
    }
  }
  auto addr = conf.Get(addr_key);
  if (!addr) {
    if (!fs) return urls;  // the site files do not name a NameNode
    addr = fs->host + ":" + std::to_string(https ? kNnHttpsPort : kNnHttpPort);
  }
  MLPIPE_ASSIGN_OR_RETURN(auto url, WebUrl(conf, addr_key, *addr, scheme, fs ? fs->host : ""));
  urls.push_back(std::move(url));
  return urls;
}

// An explicit http(s) URL from environment_config, without a trailing '/' or `api_suffix`.
Result<std::string> OverrideUrl(const std::string& key, std::string value,
                                const std::string& api_suffix, const std::string& example) {
  const auto uri = ParseUri(value);
  if (!uri || (uri->scheme != "http" && uri->scheme != "https")) {
    return Status::ConfigError("environment_config." + key + " '" + value + "' is not a URL like " +
                               example);
  }
  while (EndsWith(value, "/")) value.pop_back();
  if (EndsWith(value, api_suffix)) value.resize(value.size() - api_suffix.size());
  return value;
}

}  // namespace

Result<ClusterEndpoints> DiscoverEndpoints(const HadoopConf* conf,
                                           const EndpointOverrides& overrides) {
  ClusterEndpoints out;
  if (conf) {
    MLPIPE_ASSIGN_OR_RETURN(out.rm_web_urls, RmUrlsFromConf(*conf));
    MLPIPE_ASSIGN_OR_RETURN(out.namenode_http_urls, NameNodeUrlsFromConf(*conf));
    if (const auto fs = DefaultFsUri(*conf)) out.default_fs = fs->Origin();
    out.kerberos = ToLower(conf->Get("hadoop.security.authentication").value_or("")) == "kerberos";
  }

  const std::string& rm = overrides.resourcemanager_url;
  if (StartsWith(rm, "http://") || StartsWith(rm, "https://")) {
    MLPIPE_ASSIGN_OR_RETURN(
        auto url, OverrideUrl("resourcemanager_url", rm, "/ws/v1/cluster", "http://rm:8088"));
    out.rm_web_urls = {std::move(url)};
  } else if (!rm.empty() &&
             out.rm_web_urls.empty()) {  // "host:8032" is the RPC address: use its host
    const auto uri = ParseUri(rm);
    if (!uri || !uri->scheme.empty()) {
      return Status::ConfigError("environment_config.resourcemanager_url '" + rm +
                                 "' is neither host:port nor a URL like http://rm:8088");
    }
    out.rm_web_urls = {"http://" + uri->host + ":" + std::to_string(kRmHttpPort)};
  }

  if (!overrides.webhdfs_url.empty()) {
    MLPIPE_ASSIGN_OR_RETURN(auto url, OverrideUrl("webhdfs_url", overrides.webhdfs_url,
                                                  "/webhdfs/v1", "http://namenode:9870"));
    out.namenode_http_urls = {std::move(url)};
  }
  if (!overrides.namenode_url.empty()) {
    const auto uri = ParseUri(overrides.namenode_url);
    if (!uri || uri->scheme != "hdfs") {
      return Status::ConfigError("environment_config.namenode_url '" + overrides.namenode_url +
                                 "' is not a URL like hdfs://namenode:8020");
    }
    if (out.namenode_http_urls.empty()) {
      out.namenode_http_urls = {"http://" + uri->host + ":" + std::to_string(kNnHttpPort)};
    }
    if (out.default_fs.empty()) out.default_fs = uri->Origin();
  }
  return out;
}

}  // namespace mlpipe::cluster
