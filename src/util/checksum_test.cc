#include "util/checksum.h"

#include <gtest/gtest.h>

#include "mlpipe_testing/temp_dir.h"
#include "util/fs.h"

namespace mlpipe {
namespace {

TEST(ChecksumTest, KnownValueAndDirectoryOrder) {
  const mlpipe::testing::TempDir tmp;
  const fs::path dir = tmp.path() / "data";
  ASSERT_TRUE(MakeDirs(dir).ok());
  ASSERT_TRUE(WriteFileAtomic(dir / "a", "a").ok());
  // FNV-1a 64 of "a" is 0xaf63dc4c8601ec8c (published test vector).
  EXPECT_EQ(*DataChecksum(dir / "a"), "fnv1a64:af63dc4c8601ec8c");
  ASSERT_TRUE(WriteFileAtomic(dir / "b", "").ok());
  ASSERT_TRUE(WriteFileAtomic(dir / "_SUCCESS", "ignored").ok());
  EXPECT_EQ(*DataChecksum(dir),
            "fnv1a64:af63dc4c8601ec8c");  // markers skipped, empty part adds nothing
  EXPECT_FALSE(DataChecksum(dir / "missing").ok());
  ASSERT_TRUE(RemoveAll(dir).ok());
}

}  // namespace
}  // namespace mlpipe
