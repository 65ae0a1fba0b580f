#include "cluster/hadoop_conf.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include "mlpipe_testing/temp_dir.h"

namespace mlpipe::cluster {
namespace {

using ::testing::ElementsAre;

std::string Site(const std::map<std::string, std::string>& properties) {
  std::string xml = "<?xml version=\"1.0\"?>\n<configuration>\n";
  for (const auto& [name, value] : properties) {
    xml += "  <property>\n    <name>" + name + "</name>\n    <value>" + value +
           "</value>\n  </property>\n";
  }
  return xml + "</configuration>\n";
}

// `properties` as a conf dir holding one core-site.xml, loaded.
HadoopConf Conf(const std::map<std::string, std::string>& properties) {
  testing::TempDir dir;
  dir.Write("core-site.xml", Site(properties));
  auto conf = HadoopConf::LoadDir(dir.path().string());
  EXPECT_TRUE(conf.ok()) << conf.status().ToString();
  return conf.ok() ? *conf : HadoopConf();
}

ClusterEndpoints Discover(const std::map<std::string, std::string>& properties,
                          const EndpointOverrides& o = {}) {
  const HadoopConf conf = Conf(properties);
  auto endpoints = DiscoverEndpoints(&conf, o);
  EXPECT_TRUE(endpoints.ok()) << endpoints.status().ToString();
  return endpoints.ok() ? *endpoints : ClusterEndpoints{};
}

TEST(HadoopConfTest, LoadsEverySiteFileOfTheDirectory) {
  testing::TempDir dir;
  dir.Write("core-site.xml", Site({{"fs.defaultFS", "hdfs://nn1.example:8020"}}));
  dir.Write("yarn-site.xml", Site({{"yarn.resourcemanager.hostname", "rm1.example"}}));
  dir.Write("capacity-scheduler.xml", Site({{"ignored.key", "x"}}));
  auto conf = HadoopConf::LoadDir(dir.path().string());
  ASSERT_TRUE(conf.ok()) << conf.status().ToString();
  EXPECT_EQ(conf->Get("fs.defaultFS"), "hdfs://nn1.example:8020");
  EXPECT_EQ(conf->Get("yarn.resourcemanager.hostname"), "rm1.example");
  EXPECT_EQ(conf->Get("ignored.key"), std::nullopt);
  EXPECT_EQ(conf->dir(), dir.path().string());
}

TEST(HadoopConfTest, MalformedFileIsAConfigErrorNamingFileAndLine) {
  testing::TempDir dir;
  const auto file =
      dir.Write("hdfs-site.xml", "<configuration>\n<property><name>a</name>\n</configuration>\n");
  auto conf = HadoopConf::LoadDir(dir.path().string());
  ASSERT_FALSE(conf.ok());
  EXPECT_EQ(conf.status().code(), StatusCode::kConfigError);
  EXPECT_NE(conf.status().message().find(file.string() + ":"), std::string::npos)
      << conf.status().message();
}

TEST(HadoopConfTest, ExpandsReferencesToKeysEnvironmentAndUserName) {
  ::setenv("MLPIPE_TEST_RM_HOST", "rm-from-env", 1);
  const HadoopConf conf = Conf({
      {"yarn.resourcemanager.hostname", "rm.example"},
      {"yarn.resourcemanager.webapp.address", "${yarn.resourcemanager.hostname}:8088"},
      {"nested", "${yarn.resourcemanager.webapp.address}/x"},
      {"from.env", "${env.MLPIPE_TEST_RM_HOST}:1"},
      {"staging", "/tmp/${user.name}/staging"},
      {"unknown", "${no.such.key}-kept"},
      {"loop", "${loop}"},
  });
  EXPECT_EQ(conf.Get("yarn.resourcemanager.webapp.address"), "rm.example:8088");
  EXPECT_EQ(conf.Get("nested"), "rm.example:8088/x");
  EXPECT_EQ(conf.Get("from.env"), "rm-from-env:1");
  const std::string staging = conf.Get("staging").value_or("");
  EXPECT_EQ(staging.find("${"), std::string::npos);
  EXPECT_GT(staging.size(), std::string("/tmp//staging").size());
  EXPECT_EQ(conf.Get("unknown"), "${no.such.key}-kept");
  EXPECT_EQ(conf.Get("loop"), "${loop}");  // self-reference stops after the substitution limit
}

TEST(HadoopConfTest, FindConfDirPrefersTheConfiguredDirectory) {
  testing::TempDir dir;
  auto found = HadoopConf::FindConfDir(dir.path().string());
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(*found, dir.path().string());
  auto missing = HadoopConf::FindConfDir((dir.path() / "nope").string());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_NE(missing.status().message().find("environment_config"), std::string::npos);
}

TEST(HadoopConfTest, FindConfDirUsesHadoopConfDirAndExplainsWhatToSet) {
  testing::TempDir dir;
  ::setenv("HADOOP_CONF_DIR", dir.path().c_str(), 1);
  EXPECT_EQ(HadoopConf::FindConfDir("").ValueOr(""), dir.path().string());
  ::unsetenv("HADOOP_CONF_DIR");
  ::unsetenv("YARN_CONF_DIR");
  ::unsetenv("HADOOP_HOME");
  auto none = HadoopConf::FindConfDir("");
  EXPECT_EQ(none.status().code(), StatusCode::kNotFound);
  EXPECT_NE(none.status().message().find("HADOOP_CONF_DIR"), std::string::npos);
}

TEST(DiscoverEndpointsTest, SingleRmAndNameNodeWithWildcardReplacedByDefaultFsHost) {
  const auto e = Discover({{"fs.defaultFS", "hdfs://nn.example:8020"},
                           {"dfs.namenode.http-address", "0.0.0.0:9870"},
                           {"yarn.resourcemanager.hostname", "rm.example"}});
  EXPECT_THAT(e.rm_web_urls, ElementsAre("http://rm.example:8088"));
  EXPECT_THAT(e.namenode_http_urls, ElementsAre("http://nn.example:9870"));
  EXPECT_EQ(e.default_fs, "hdfs://nn.example:8020");
  EXPECT_FALSE(e.kerberos);
}

TEST(DiscoverEndpointsTest, ExplicitWebappAddressAndDefaultNameNodePort) {
  const auto e = Discover({{"fs.defaultFS", "hdfs://nn.example:9000"},
                           {"yarn.resourcemanager.address", "rm.example:8032"},
                           {"yarn.resourcemanager.webapp.address", "0.0.0.0:18088"},
                           {"hadoop.security.authentication", "Kerberos"}});
  EXPECT_THAT(e.rm_web_urls, ElementsAre("http://rm.example:18088"));
  EXPECT_THAT(e.namenode_http_urls, ElementsAre("http://nn.example:9870"));
  EXPECT_TRUE(e.kerberos);
}

TEST(DiscoverEndpointsTest, HaResourceManagersInRmIdOrderWithHostnameFallback) {
  const auto e = Discover({{"yarn.resourcemanager.ha.enabled", "true"},
                           {"yarn.resourcemanager.ha.rm-ids", "rm1, rm2"},
                           {"yarn.resourcemanager.webapp.address.rm1", "rm1.example:8088"},
                           {"yarn.resourcemanager.hostname.rm2", "rm2.example"}});
  EXPECT_THAT(e.rm_web_urls, ElementsAre("http://rm1.example:8088", "http://rm2.example:8088"));
}

TEST(DiscoverEndpointsTest, HttpsOnlyUsesHttpsAddressesAndPort8090) {
  const auto e = Discover({{"yarn.http.policy", "HTTPS_ONLY"},
                           {"yarn.resourcemanager.ha.enabled", "true"},
                           {"yarn.resourcemanager.ha.rm-ids", "a,b"},
                           {"yarn.resourcemanager.webapp.https.address.a", "rma.example:8443"},
                           {"yarn.resourcemanager.hostname.b", "rmb.example"}});
  EXPECT_THAT(e.rm_web_urls, ElementsAre("https://rma.example:8443", "https://rmb.example:8090"));
}

TEST(DiscoverEndpointsTest, HaRmWithoutAnAddressIsAConfigErrorNamingTheKeys) {
  const HadoopConf conf = Conf(
      {{"yarn.resourcemanager.ha.enabled", "true"}, {"yarn.resourcemanager.ha.rm-ids", "rm1"}});
  auto e = DiscoverEndpoints(&conf, {});
  ASSERT_EQ(e.status().code(), StatusCode::kConfigError);
  EXPECT_NE(e.status().message().find("yarn.resourcemanager.hostname.rm1"), std::string::npos);
}

TEST(DiscoverEndpointsTest, HaNameNodesOfTheDefaultNameservice) {
  const auto e = Discover({{"fs.defaultFS", "hdfs://mycluster"},
                           {"dfs.nameservices", "mycluster"},
                           {"dfs.ha.namenodes.mycluster", "nn1,nn2"},
                           {"dfs.namenode.http-address.mycluster.nn1", "nn1.example:9870"},
                           {"dfs.namenode.http-address.mycluster.nn2", "nn2.example:9870"}});
  EXPECT_THAT(e.namenode_http_urls,
              ElementsAre("http://nn1.example:9870", "http://nn2.example:9870"));
  EXPECT_EQ(e.default_fs, "hdfs://mycluster");
}

TEST(DiscoverEndpointsTest, HaNameNodeWithoutHttpAddressIsAConfigError) {
  const HadoopConf conf = Conf({{"fs.defaultFS", "hdfs://ns"},
                                {"dfs.ha.namenodes.ns", "a,b"},
                                {"dfs.namenode.http-address.ns.a", "a:9870"}});
  auto e = DiscoverEndpoints(&conf, {});
  ASSERT_EQ(e.status().code(), StatusCode::kConfigError);
  EXPECT_NE(e.status().message().find("dfs.namenode.http-address.ns.b"), std::string::npos);
}

TEST(DiscoverEndpointsTest, RpcStyleRmOverrideOnlyFillsInWhatTheConfLacks) {
  EndpointOverrides o;
  o.resourcemanager_url = "rm-config.example:8032";
  EXPECT_THAT(Discover({{"yarn.resourcemanager.hostname", "rm-site.example"}}, o).rm_web_urls,
              ElementsAre("http://rm-site.example:8088"));
  EXPECT_THAT(Discover({}, o).rm_web_urls, ElementsAre("http://rm-config.example:8088"));
}

TEST(DiscoverEndpointsTest, HttpOverridesWinOverTheSiteFiles) {
  EndpointOverrides o;
  o.resourcemanager_url = "http://rm-config.example:18088/";
  o.webhdfs_url = "http://gateway.example:9870/webhdfs/v1";
  const auto e = Discover({{"fs.defaultFS", "hdfs://nn-site.example:8020"},
                           {"yarn.resourcemanager.hostname", "rm-site.example"}},
                          o);
  EXPECT_THAT(e.rm_web_urls, ElementsAre("http://rm-config.example:18088"));
  EXPECT_THAT(e.namenode_http_urls, ElementsAre("http://gateway.example:9870"));
  EXPECT_EQ(e.default_fs, "hdfs://nn-site.example:8020");
}

TEST(DiscoverEndpointsTest, NamenodeUrlGivesTheHttpHostWhenNothingElseDoes) {
  EndpointOverrides o;
  o.namenode_url = "hdfs://namenode.example:9000";
  auto e = DiscoverEndpoints(nullptr, o);
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_THAT(e->namenode_http_urls, ElementsAre("http://namenode.example:9870"));
  EXPECT_EQ(e->default_fs, "hdfs://namenode.example:9000");
  EXPECT_TRUE(e->rm_web_urls.empty());
  // The site files win over namenode_url.
  EXPECT_THAT(Discover({{"fs.defaultFS", "hdfs://nn-site.example:8020"}}, o).namenode_http_urls,
              ElementsAre("http://nn-site.example:9870"));
}

TEST(DiscoverEndpointsTest, MalformedOverridesAreConfigErrorsNamingTheKey) {
  EndpointOverrides o;
  o.webhdfs_url = "namenode:9870";
  auto e = DiscoverEndpoints(nullptr, o);
  ASSERT_EQ(e.status().code(), StatusCode::kConfigError);
  EXPECT_NE(e.status().message().find("webhdfs_url"), std::string::npos);
  o = {};
  o.namenode_url = "http://namenode:9870";
  EXPECT_EQ(DiscoverEndpoints(nullptr, o).status().code(), StatusCode::kConfigError);
  o = {};
  o.resourcemanager_url = "rm:notaport";
  EXPECT_EQ(DiscoverEndpoints(nullptr, o).status().code(), StatusCode::kConfigError);
}

}  // namespace
}  // namespace mlpipe::cluster
