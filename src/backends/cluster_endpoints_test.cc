#include "backends/cluster_endpoints.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include "mlpipe_testing/temp_dir.h"

namespace mlpipe::backends {
namespace {

using ::testing::ElementsAre;

constexpr char kCoreSite[] = R"(<configuration>
  <property><name>fs.defaultFS</name><value>hdfs://127.0.0.1:9000</value></property>
</configuration>)";
constexpr char kYarnSite[] = R"(<configuration>
  <property><name>yarn.resourcemanager.webapp.address</name><value>127.0.0.1:8088</value></property>
</configuration>)";

class ClusterEndpointsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ::unsetenv("HADOOP_CONF_DIR");
    ::unsetenv("YARN_CONF_DIR");
    ::unsetenv("HADOOP_HOME");
    dir_.Write("core-site.xml", kCoreSite);
    dir_.Write("yarn-site.xml", kYarnSite);
  }
  mlpipe::testing::TempDir dir_;
  config::EnvironmentConfig env_;
  config::SecurityConfig security_;
};

TEST_F(ClusterEndpointsTest, ReadsTheConfiguredConfDir) {
  env_.hadoop_conf_dir = dir_.path().string();
  auto e = ResolveClusterEndpoints(env_, security_);
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_THAT(e->rm_web_urls, ElementsAre("http://127.0.0.1:8088"));
  EXPECT_THAT(e->namenode_http_urls, ElementsAre("http://127.0.0.1:9870"));
  EXPECT_EQ(e->default_fs, "hdfs://127.0.0.1:9000");
  EXPECT_FALSE(e->kerberos);
}

TEST_F(ClusterEndpointsTest, FallsBackToHadoopConfDirAndAppliesOverrides) {
  ::setenv("HADOOP_CONF_DIR", dir_.path().c_str(), 1);
  env_.webhdfs_url = "http://gateway:14000";
  security_.enable_kerberos = true;
  auto e = ResolveClusterEndpoints(env_, security_);
  ::unsetenv("HADOOP_CONF_DIR");
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_THAT(e->namenode_http_urls, ElementsAre("http://gateway:14000"));
  EXPECT_THAT(e->rm_web_urls, ElementsAre("http://127.0.0.1:8088"));
  EXPECT_TRUE(e->kerberos);
}

TEST_F(ClusterEndpointsTest, WithoutAnyConfDirTheConfigAloneNamesTheServices) {
  env_.namenode_url = "hdfs://namenode:9000";
  env_.resourcemanager_url = "resourcemanager:8032";
  auto e = ResolveClusterEndpoints(env_, security_);
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_THAT(e->namenode_http_urls, ElementsAre("http://namenode:9870"));
  EXPECT_THAT(e->rm_web_urls, ElementsAre("http://resourcemanager:8088"));
}

TEST_F(ClusterEndpointsTest, ANamedDirectoryThatIsMissingIsNotFound) {
  env_.hadoop_conf_dir = (dir_.path() / "missing").string();
  EXPECT_EQ(ResolveClusterEndpoints(env_, security_).status().code(), StatusCode::kNotFound);
  env_.hadoop_conf_dir.clear();
  ::setenv("HADOOP_CONF_DIR", (dir_.path() / "missing").c_str(), 1);
  auto e = ResolveClusterEndpoints(env_, security_);
  ::unsetenv("HADOOP_CONF_DIR");
  ASSERT_EQ(e.status().code(), StatusCode::kNotFound);
  EXPECT_NE(e.status().message().find("HADOOP_CONF_DIR"), std::string::npos);
}

}  // namespace
}  // namespace mlpipe::backends
