#include "util/file_store.h"

#include <gtest/gtest.h>

namespace mlpipe::util {
namespace {

TEST(StorePathsTest, ChildParentAndBaseNameAgreeOnEveryDepth) {
  EXPECT_EQ(ChildPath("/", "x"), "/x");
  EXPECT_EQ(ChildPath("/a", "x"), "/a/x");
  EXPECT_EQ(ParentPath("/a/b/c"), "/a/b");
  EXPECT_EQ(ParentPath("/a/b/"), "/a");
  EXPECT_EQ(ParentPath("/a"), "/");
  EXPECT_EQ(ParentPath("a"), "");
  EXPECT_EQ(BaseName("/a/b/c"), "c");
  EXPECT_EQ(BaseName("/a/b/"), "b");
  EXPECT_EQ(BaseName("b"), "b");
  for (const std::string p : {"/a/b/c", "/a", "/ml-pipeline/models/churn"}) {
    EXPECT_EQ(ChildPath(ParentPath(p), BaseName(p)), p);
  }
}

}  // namespace
}  // namespace mlpipe::util
