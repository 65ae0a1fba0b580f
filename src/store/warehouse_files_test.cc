#include "store/warehouse_files.h"

#include <gtest/gtest.h>

#include "mlpipe_testing/temp_dir.h"

namespace mlpipe::store {
namespace {

class WarehouseFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto w = Warehouse::Open(root_);
    ASSERT_TRUE(w.ok()) << w.status().ToString();
    files_ = std::make_unique<WarehouseFiles>(*w, "/ml-pipeline");
    ASSERT_TRUE(WriteFileAtomic(source_, "a,b\n1,2\n").ok());
  }

  mlpipe::testing::TempDir tmp_;
  const fs::path root_ = tmp_.path() / "warehouse";
  const fs::path source_ = tmp_.path() / "raw.csv";
  std::unique_ptr<WarehouseFiles> files_;
};

TEST_F(WarehouseFilesTest, PutMapsClusterPathsIntoTheWarehouseAndRefusesToReplaceWithoutOverwrite) {
  ASSERT_TRUE(files_->PutFile(source_.string(), "/ml-pipeline/data/raw/x.csv", false).ok());
  EXPECT_EQ(ReadFile(root_ / "data/raw/x.csv").ValueOr(""), "a,b\n1,2\n");
  auto again =
      files_->PutFile(source_.string(), "hdfs://namenode:9000/ml-pipeline/data/raw/x.csv", false);
  EXPECT_EQ(again.code(), StatusCode::kAlreadyExists) << again.ToString();
  EXPECT_NE(again.message().find("overwrite it with -f"), std::string::npos);
  ASSERT_TRUE(WriteFileAtomic(source_, "new\n").ok());
  ASSERT_TRUE(files_->PutFile(source_.string(), "/ml-pipeline/data/raw/x.csv", true).ok());
  EXPECT_EQ(files_->ReadString("/ml-pipeline/data/raw/x.csv").ValueOr(""), "new\n");
}

TEST_F(WarehouseFilesTest, StatAndListDescribeWhatIsThere) {
  ASSERT_TRUE(files_->Mkdirs("/ml-pipeline/data/raw", "750").ok());
  ASSERT_TRUE(files_->PutFile(source_.string(), "/ml-pipeline/data/raw/x.csv", false).ok());
  auto dir = files_->Stat("/ml-pipeline/data/raw");
  ASSERT_TRUE(dir.ok()) << dir.status().ToString();
  EXPECT_TRUE(dir->is_dir);
  EXPECT_EQ(dir->permission, "750");
  auto listing = files_->List("/ml-pipeline/data/raw");
  ASSERT_TRUE(listing.ok()) << listing.status().ToString();
  ASSERT_EQ(listing->size(), 1u);
  EXPECT_EQ((*listing)[0].name, "x.csv");
  EXPECT_EQ((*listing)[0].length, 8);
  EXPECT_EQ((*listing)[0].replication, 1);
  EXPECT_EQ(files_->Stat("/ml-pipeline/nothing").status().code(), StatusCode::kNotFound);
  EXPECT_FALSE(files_->Exists("/ml-pipeline/nothing").ValueOr(true));
}

TEST_F(WarehouseFilesTest, RefusesEveryPathOutsideTheWarehouse) {
  for (const char* outside : {"/etc/hostname", "/ml-pipeline/../x", "hdfs://nn:8020/other/x"}) {
    EXPECT_EQ(files_->Stat(outside).status().code(), StatusCode::kInvalidArgument) << outside;
    EXPECT_EQ(files_->Delete(outside, true).code(), StatusCode::kInvalidArgument) << outside;
  }
  const fs::path elsewhere = tmp_.path() / "elsewhere";
  ASSERT_TRUE(MakeDirs(elsewhere).ok());
  ASSERT_TRUE(WriteFileAtomic(elsewhere / "keep.txt", "keep").ok());
  fs::create_directory_symlink(elsewhere, root_ / "data/link");
  auto through_link = files_->Delete("/ml-pipeline/data/link/keep.txt", false);
  EXPECT_EQ(through_link.code(), StatusCode::kInvalidArgument) << through_link.ToString();
  EXPECT_NE(through_link.message().find("symbolic link"), std::string::npos);
  EXPECT_TRUE(fs::exists(elsewhere / "keep.txt"));
}

TEST_F(WarehouseFilesTest, DeleteNeedsRecursiveForADirectoryWithContentAndNeverTakesTheRoot) {
  ASSERT_TRUE(files_->PutFile(source_.string(), "data/raw/x.csv", false).ok());
  EXPECT_FALSE(files_->Delete("/ml-pipeline/data/raw", false).ok());
  EXPECT_TRUE(fs::exists(root_ / "data/raw/x.csv"));
  EXPECT_TRUE(files_->Delete("/ml-pipeline/data/raw", true).ok());
  EXPECT_FALSE(fs::exists(root_ / "data/raw"));
  EXPECT_EQ(files_->Delete("/ml-pipeline/data/raw", true).code(), StatusCode::kNotFound);
  auto root = files_->Delete("/ml-pipeline", true);
  EXPECT_EQ(root.code(), StatusCode::kInvalidArgument) << root.ToString();
  EXPECT_TRUE(fs::is_directory(root_ / "models"));
}

TEST_F(WarehouseFilesTest, PutAndGetDirectoriesRoundTrip) {
  const fs::path tree = tmp_.path() / "tree";
  ASSERT_TRUE(WriteFileAtomic(tree / "sub" / "part-0.csv", "p0").ok());
  ASSERT_TRUE(WriteFileAtomic(tree / "top.txt", "t").ok());
  ASSERT_TRUE(files_->PutDirectory(tree.string(), "/ml-pipeline/data/input/tree", false).ok());
  const fs::path back = tmp_.path() / "back";
  ASSERT_TRUE(files_->GetDirectory("/ml-pipeline/data/input/tree", back.string()).ok());
  EXPECT_EQ(ReadFile(back / "sub" / "part-0.csv").ValueOr(""), "p0");
  EXPECT_EQ(ReadFile(back / "top.txt").ValueOr(""), "t");
}

}  // namespace
}  // namespace mlpipe::store
