#include "config/units.h"

#include <gtest/gtest.h>

namespace mlpipe::config {
namespace {

TEST(ParseMemorySizeTest, AcceptsEveryUnitCaseInsensitively) {
  EXPECT_EQ(*ParseMemorySize("100b"), 100);
  EXPECT_EQ(*ParseMemorySize("1k"), 1024);
  EXPECT_EQ(*ParseMemorySize("2KB"), 2048);
  EXPECT_EQ(*ParseMemorySize("512m"), 512LL * 1024 * 1024);
  EXPECT_EQ(*ParseMemorySize("3Mb"), 3LL * 1024 * 1024);
  EXPECT_EQ(*ParseMemorySize("8g"), 8LL << 30);
  EXPECT_EQ(*ParseMemorySize("8GB"), 8LL << 30);
  EXPECT_EQ(*ParseMemorySize("1t"), 1LL << 40);
  EXPECT_EQ(*ParseMemorySize("2tb"), 2LL << 40);
}

TEST(ParseMemorySizeTest, RejectsEverythingElse) {
  for (const char* bad : {"8.5g", "g", "-1g", "8 g", "", "8", "8x", "+8g", " 8g", "8g ", "8gbb"}) {
    Result<int64_t> r = ParseMemorySize(bad);
    EXPECT_FALSE(r.ok()) << "'" << bad << "'";
    if (!r.ok()) {
      EXPECT_EQ(r.status().code(), StatusCode::kConfigError);
      EXPECT_NE(r.status().message().find("'" + std::string(bad) + "'"), std::string::npos);
    }
  }
}

TEST(ParseMemorySizeTest, RejectsOverflow) {
  EXPECT_FALSE(ParseMemorySize("9000000000000000000000g").ok());
  EXPECT_FALSE(ParseMemorySize("8388608t").ok());  // 2^23 TiB = 2^63 bytes
  EXPECT_EQ(*ParseMemorySize("8388607t"), 8388607LL << 40);
}

TEST(FormatMemorySizeTest, PicksTheLargestExactUnit) {
  EXPECT_EQ(FormatMemorySize(32LL << 30), "32g");
  EXPECT_EQ(FormatMemorySize(1536LL << 20), "1536m");
  EXPECT_EQ(FormatMemorySize(2LL << 40), "2t");
  EXPECT_EQ(FormatMemorySize(1024), "1k");
  EXPECT_EQ(FormatMemorySize(100), "100b");
  EXPECT_EQ(FormatMemorySize(0), "0b");
}

TEST(ParseDurationSecondsTest, AcceptsUnitsAndPlainSeconds) {
  EXPECT_EQ(*ParseDurationSeconds("1h"), 3600);
  EXPECT_EQ(*ParseDurationSeconds("30m"), 1800);
  EXPECT_EQ(*ParseDurationSeconds("45s"), 45);
  EXPECT_EQ(*ParseDurationSeconds("2h30m"), 9000);
  EXPECT_EQ(*ParseDurationSeconds("1d"), 86400);
  EXPECT_EQ(*ParseDurationSeconds("1h15m30s"), 4530);
  EXPECT_EQ(*ParseDurationSeconds("90"), 90);
  EXPECT_EQ(*ParseDurationSeconds("1H"), 3600);
}

TEST(ParseDurationSecondsTest, RejectsMalformed) {
  for (const char* bad : {"", "h", "1.5h", "-1h", "30m1h", "1h1h", "1h30", "1w", "1 h", "1hh"}) {
    EXPECT_FALSE(ParseDurationSeconds(bad).ok()) << "'" << bad << "'";
  }
  EXPECT_FALSE(ParseDurationSeconds("99999999999999999999").ok());
}

TEST(ParseDurationSecondsTest, RefusesMoreThanAYearInsteadOfOverflowingLater) {
  EXPECT_EQ(*ParseDurationSeconds("365d"), kMaxDurationSeconds);
  for (const char* long_ones : {"366d", "9999999999999d", "365d1s", "31536001"}) {
    Result<int64_t> parsed = ParseDurationSeconds(long_ones);
    ASSERT_FALSE(parsed.ok()) << long_ones;
    EXPECT_EQ(parsed.status().message(), "duration '" + std::string(long_ones) +
                                             "' is longer than 365d, the longest mlpipe accepts; "
                                             "set null for no limit");
  }
}

TEST(FormatDurationTest, RoundTrips) {
  EXPECT_EQ(FormatDuration(9000), "2h30m");
  EXPECT_EQ(FormatDuration(0), "0s");
  EXPECT_EQ(FormatDuration(90061), "1d1h1m1s");
  for (int64_t s : {1, 59, 3600, 86399, 172800})
    EXPECT_EQ(*ParseDurationSeconds(FormatDuration(s)), s);
}

}  // namespace
}  // namespace mlpipe::config
