#include "store/warehouse.h"

#include <gtest/gtest.h>

#include "mlpipe_testing/temp_dir.h"

namespace mlpipe::store {
namespace {

class WarehouseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto w = Warehouse::Open(root_.string() + "/");
    ASSERT_TRUE(w.ok()) << w.status().ToString();
    warehouse_ = std::make_unique<Warehouse>(*w);
  }
  std::string Resolved(std::string_view p) {
    auto r = warehouse_->Resolve(p);
    EXPECT_TRUE(r.ok()) << p << ": " << r.status().ToString();
    return r.ok() ? r->string() : "<error>";
  }
  Status ResolveError(std::string_view p) { return warehouse_->Resolve(p).status(); }

  mlpipe::testing::TempDir tmp_;
  const fs::path root_ = tmp_.path() / "warehouse";  // missing until Warehouse::Open creates it
  std::unique_ptr<Warehouse> warehouse_;
};

TEST_F(WarehouseTest, OpenCreatesTheDocumentTree) {
  EXPECT_EQ(warehouse_->root(), root_);
  for (const char* d : {"data/training", "data/validation", "data/input", "data/output", "models",
                        "artifacts", "configs", "logs", "checkpoints", "metrics"}) {
    EXPECT_TRUE(fs::is_directory(root_ / d)) << d;
  }
  EXPECT_EQ(warehouse_->Dir(Area::kTraining), root_ / "data/training");
  EXPECT_EQ(warehouse_->Dir(Area::kOutput), root_ / "data/output");
  EXPECT_EQ(warehouse_->Dir(Area::kLogs), root_ / "logs");
  EXPECT_EQ(warehouse_->Dir(Area::kMetrics), root_ / "metrics");
  EXPECT_TRUE(Warehouse::Open(root_).ok());  // idempotent
}

TEST_F(WarehouseTest, ResolvesHdfsBaseAndRelativePathsIntoTheRoot) {
  const std::string r = root_.string();
  EXPECT_EQ(Resolved("hdfs://namenode:9000/ml-pipeline/data/training"), r + "/data/training");
  EXPECT_EQ(Resolved("hdfs:///ml-pipeline/models/churn"), r + "/models/churn");
  EXPECT_EQ(Resolved("/ml-pipeline/data/input/"), r + "/data/input");
  EXPECT_EQ(Resolved("/ml-pipeline"), r);
  EXPECT_EQ(Resolved("data/output"), r + "/data/output");
  EXPECT_EQ(Resolved("./data/x/../validation"), r + "/data/validation");
  EXPECT_EQ(warehouse_->Resolve("/custom/base/models", "/custom/base/")->string(), r + "/models");
}

TEST_F(WarehouseTest, KeepsFileUrisAndOtherAbsolutePaths) {
  EXPECT_EQ(Resolved("file:///srv/data/churn.csv"), "/srv/data/churn.csv");
  EXPECT_EQ(Resolved("/srv/data/"), "/srv/data");
  EXPECT_EQ(Resolved("/ml-pipeline-other/x"), "/ml-pipeline-other/x");  // not under the base
}

TEST_F(WarehouseTest, RejectsEscapesAndUnsupportedPaths) {
  Status st = ResolveError("../../etc/passwd");
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(st.message().find("'../../etc/passwd' climbs out of the warehouse root"),
            std::string::npos)
      << st.message();
  EXPECT_EQ(ResolveError("data/../../x").code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ResolveError("hdfs://nn:9000/ml-pipeline/../secret").code(),
            StatusCode::kInvalidArgument);
  st = ResolveError("hdfs://nn:9000/user/bob/data");
  EXPECT_NE(st.message().find("outside the HDFS base path '/ml-pipeline'"), std::string::npos)
      << st.message();
  st = ResolveError("s3a://bucket/data");
  EXPECT_NE(st.message().find("unsupported scheme in path 's3a://bucket/data'"), std::string::npos);
  EXPECT_EQ(ResolveError("file://relative/x").code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ResolveError("  ").code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace mlpipe::store
