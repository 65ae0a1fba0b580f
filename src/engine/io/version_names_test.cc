#include "engine/io/version_names.h"

#include <gtest/gtest.h>

namespace mlpipe::engine {
namespace {

TEST(VersionNames, DirectoryNamesRoundTrip) {
  for (int v : {1, 9, 10, 12345}) {
    EXPECT_EQ(VersionFromDirName(VersionDirName(v)), v);
  }
  EXPECT_EQ(LatestFileText(7), "v7\n");
}

TEST(VersionNames, OnlyPositiveVersionNamesCount) {
  for (const char* name :
       {"", "v", "v0", "v-1", "v1x", "12", "V3", "v 3", "latest", ".v3", "v99999999999999999999"}) {
    EXPECT_EQ(VersionFromDirName(name), std::nullopt) << name;
  }
}

TEST(VersionNames, LatestNeverMovesBackwards) {
  EXPECT_TRUE(LatestMovesTo(std::nullopt, 1));
  EXPECT_TRUE(LatestMovesTo("v2\n", 3));
  EXPECT_FALSE(LatestMovesTo("v3\n", 3));
  EXPECT_FALSE(LatestMovesTo(" v10 \n", 9));
  // A file naming no version is replaced, whatever it holds.
  EXPECT_TRUE(LatestMovesTo("garbage", 1));
  EXPECT_TRUE(LatestMovesTo("v99999999999999999999", 2));
}

TEST(VersionNames, NextVersionIsOnePastTheHighest) {
  EXPECT_EQ(NextVersion({}), 1);
  EXPECT_EQ(NextVersion({"latest", "_mlpipe_versions.json", ".v7.tmp-1-x"}), 1);
  EXPECT_EQ(NextVersion({"v2", "v10", "v9", "latest"}), 11);
}

}  // namespace
}  // namespace mlpipe::engine
