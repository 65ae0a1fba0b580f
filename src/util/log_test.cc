#include "util/log.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <sstream>

namespace mlpipe {
namespace {

// 2026-11-24T05:12:01.123Z: 20781 days after the epoch, plus 5h12m1.123s.
constexpr int64_t kSampleMs = 20781LL * 86400000 + (5 * 3600 + 12 * 60 + 1) * 1000LL + 123;

TEST(FormatUtcMillisTest, FormatsIso8601WithMillis) {
  EXPECT_EQ(FormatUtcMillis(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(FormatUtcMillis(kSampleMs), "2026-11-24T05:12:01.123Z");
  EXPECT_EQ(FormatUtcMillis(-1), "1969-12-31T23:59:59.999Z");
}

TEST(LoggerTest, WritesPaddedLevelAndTimestamp) {
  FakeClock clock(kSampleMs);
  std::ostringstream out;
  Logger log(out, {}, clock);
  log.Info("message");
  log.Error("bad");
  EXPECT_EQ(out.str(),
            "2026-11-24T05:12:01.123Z INFO  message\n"
            "2026-11-24T05:12:01.123Z ERROR bad\n");
}

TEST(LoggerTest, PrefixesEveryLineOfAMultiLineMessage) {
  FakeClock clock(0);
  std::ostringstream out;
  Logger log(out, {}, clock);
  log.Info("one\ntwo\n");
  EXPECT_EQ(out.str(),
            "1970-01-01T00:00:00.000Z INFO  one\n"
            "1970-01-01T00:00:00.000Z INFO  two\n");
}

TEST(LoggerTest, PassesEveryLineThroughTheRedactor) {
  FakeClock clock(0);
  std::ostringstream out;
  int calls = 0;
  Logger log(
      out,
      [&calls](std::string_view line) {
        ++calls;
        std::string s(line);
        const size_t at = s.find("hunter2");
        if (at != std::string::npos) s.replace(at, 7, "*********(redacted)");
        return s;
      },
      clock);
  log.Warn("password=hunter2\nsecond hunter2");
  EXPECT_EQ(calls, 2);
  EXPECT_EQ(out.str(),
            "1970-01-01T00:00:00.000Z WARN  password=*********(redacted)\n"
            "1970-01-01T00:00:00.000Z WARN  second *********(redacted)\n");
}

TEST(LoggerTest, WritesToAFile) {
  FakeClock clock(1500);
  std::FILE* f = std::tmpfile();
  ASSERT_NE(f, nullptr);
  Logger log(f, {}, clock);
  log.Info("to file");
  std::rewind(f);
  char buf[128] = {};
  ASSERT_NE(std::fgets(buf, sizeof(buf), f), nullptr);
  EXPECT_STREQ(buf, "1970-01-01T00:00:01.500Z INFO  to file\n");
  std::fclose(f);
}

}  // namespace
}  // namespace mlpipe
