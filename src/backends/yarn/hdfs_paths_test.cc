#include "backends/yarn/hdfs_paths.h"

#include <gtest/gtest.h>

namespace mlpipe::backends::yarn {
namespace {

constexpr std::string_view kFs = "hdfs://127.0.0.1:8020";

std::string Resolve(std::string_view p) {
  auto r = ResolveClusterUri(p, "/ml-pipeline", kFs);
  return r.ok() ? *r : "ERROR: " + r.status().message();
}

TEST(ResolveClusterUriTest, MapsConfigPathsOntoTheClusterFilesystem) {
  EXPECT_EQ(Resolve("data/raw/x.csv"), "hdfs://127.0.0.1:8020/ml-pipeline/data/raw/x.csv");
  EXPECT_EQ(Resolve("/tmp/in"), "hdfs://127.0.0.1:8020/tmp/in");
  EXPECT_EQ(Resolve("hdfs:///tmp/in"), "hdfs://127.0.0.1:8020/tmp/in");
  // The document's configs name "namenode:9000"; the mlpipe tree always lives on this cluster.
  EXPECT_EQ(Resolve("hdfs://namenode:9000/ml-pipeline/data/training/churn"),
            "hdfs://127.0.0.1:8020/ml-pipeline/data/training/churn");
  EXPECT_EQ(Resolve("hdfs://other:9000/shared/x"), "hdfs://other:9000/shared/x");
  EXPECT_EQ(Resolve("hdfs://other:9000/ml-pipelinex/y"), "hdfs://other:9000/ml-pipelinex/y");
  EXPECT_EQ(Resolve("file:///opt/data/x.parquet"), "file:///opt/data/x.parquet");
}

TEST(ResolveClusterUriTest, BasePathIsNormalised) {
  auto r = ResolveClusterUri("models", "ml/", "hdfs://nn:8020/");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, "hdfs://nn:8020/ml/models");
  EXPECT_EQ(ClusterRoot("ml/", "hdfs://nn:8020/"), "hdfs://nn:8020/ml");
  EXPECT_EQ(ClusterRoot("/ml-pipeline", "hdfs://nn:8020"), "hdfs://nn:8020/ml-pipeline");
}

TEST(ResolveClusterUriTest, RejectsWhatTheClusterCannotRead) {
  EXPECT_NE(Resolve("").find("is empty"), std::string::npos);
  EXPECT_NE(Resolve("s3://bucket/x").find("'s3://bucket/x' has a scheme"), std::string::npos);
  EXPECT_NE(Resolve("data/../../etc").find("contains '..'"), std::string::npos);
}

TEST(HdfsPathOfTest, StripsSchemeAndAuthority) {
  EXPECT_EQ(HdfsPathOf("hdfs://nn:8020/a/b"), "/a/b");
  EXPECT_EQ(HdfsPathOf("hdfs://nn:8020"), "/");
  EXPECT_EQ(HdfsPathOf("/a"), "/a");
}

}  // namespace
}  // namespace mlpipe::backends::yarn
