#include "util/strings.h"

#include <gtest/gtest.h>

namespace mlpipe {
namespace {

constexpr std::string_view kFffd = "\xEF\xBF\xBD";

std::string Repeat(std::string_view s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

TEST(SanitizeTextTest, KeepsValidTextNewlinesAndTabs) {
  const std::string text = "col \"é\" 日本 🙂\n\tnext line";
  EXPECT_EQ(SanitizeText(text), text);
  EXPECT_EQ(SanitizeText(""), "");
}

TEST(SanitizeTextTest, ReplacesEachInvalidByte) {
  EXPECT_EQ(SanitizeText("a\xFF"
                         "b"),
            "a" + std::string(kFffd) + "b");
  EXPECT_EQ(SanitizeText("\xC3"), std::string(kFffd));            // truncated sequence
  EXPECT_EQ(SanitizeText("\xC0\xAF"), Repeat(kFffd, 2));          // overlong '/'
  EXPECT_EQ(SanitizeText("\xE0\x80\x80"), Repeat(kFffd, 3));      // overlong 3-byte
  EXPECT_EQ(SanitizeText("\xED\xA0\x80"), Repeat(kFffd, 3));      // UTF-16 surrogate
  EXPECT_EQ(SanitizeText("\xF4\x90\x80\x80"), Repeat(kFffd, 4));  // above U+10FFFF
  EXPECT_EQ(SanitizeText("\xF0\x9F\x99"), Repeat(kFffd, 3));      // truncated emoji
  EXPECT_EQ(SanitizeText("\x80x"), std::string(kFffd) + "x");     // lone continuation
}

TEST(SanitizeTextTest, ReplacesControlCharactersIncludingNul) {
  const std::string text("a\0b\x1b[31mc\rd\x7f", 12);
  EXPECT_EQ(SanitizeText(text), "a" + std::string(kFffd) + "b" + std::string(kFffd) + "[31mc" +
                                    std::string(kFffd) + "d" + std::string(kFffd));
}

TEST(SanitizeTextTest, OutputIsAlwaysValidAndIdempotent) {
  std::string every_byte;
  for (int b = 0; b < 256; ++b) every_byte.push_back(static_cast<char>(b));
  const std::string once = SanitizeText(every_byte);
  EXPECT_EQ(SanitizeText(once), once);
}

}  // namespace
}  // namespace mlpipe
