#include "config/units.h"

#include <array>
#include <charconv>
#include <utility>

#include "util/strings.h"

namespace mlpipe::config {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Parses the leading run of ASCII digits of `s` into `out`; returns the digit count (0 when there
// are none). Sets `overflow` when the digits do not fit in int64.
size_t ParseDigits(std::string_view s, int64_t& out, bool& overflow) {
  size_t n = 0;
  while (n < s.size() && IsDigit(s[n])) ++n;
  overflow = n > 0 && std::from_chars(s.data(), s.data() + n, out).ec != std::errc();
  return n;
}

bool MultiplyChecked(int64_t a, int64_t b, int64_t& out) {
  return !__builtin_mul_overflow(a, b, &out);
}

constexpr std::array<std::pair<char, int64_t>, 4> kDurationUnits = {
    {{'d', 86400}, {'h', 3600}, {'m', 60}, {'s', 1}}};

}  // namespace

Result<int64_t> ParseMemorySize(std::string_view text) {
  const auto fail = [&](std::string_view why) {
    return Status::ConfigError("invalid memory size '" + std::string(text) + "': " +
                               std::string(why) + "; write an integer and a unit, e.g. 512m or 8g");
  };
  int64_t number = 0;
  bool overflow = false;
  const size_t digits = ParseDigits(text, number, overflow);
  if (text.empty()) return fail("the value is empty");
  if (digits == 0) return fail("it must start with a whole number");
  if (overflow) return fail("too large");
  const std::string unit = ToLower(text.substr(digits));
  for (char c : unit) {
    if (c < 'a' || c > 'z')
      return fail("only a whole number directly followed by a unit is allowed");
  }
  int shift = -1;
  if (unit == "b") shift = 0;
  if (unit == "k" || unit == "kb") shift = 10;
  if (unit == "m" || unit == "mb") shift = 20;
  if (unit == "g" || unit == "gb") shift = 30;
  if (unit == "t" || unit == "tb") shift = 40;
  if (shift < 0) {
    return fail(unit.empty() ? "the unit is missing (b, k, m, g or t)"
                             : "unknown unit '" + unit + "' (use b, k, m, g or t)");
  }
  int64_t bytes = 0;
  if (!MultiplyChecked(number, int64_t{1} << shift, bytes)) return fail("too large");
  return bytes;
}

std::string FormatMemorySize(int64_t bytes) {
  static constexpr std::array<std::pair<int, char>, 4> kUnits = {
      {{40, 't'}, {30, 'g'}, {20, 'm'}, {10, 'k'}}};
  for (const auto& [shift, unit] : kUnits) {
    const int64_t scale = int64_t{1} << shift;
    if (bytes != 0 && bytes % scale == 0) return std::to_string(bytes / scale) + unit;
  }
  return std::to_string(bytes) + "b";
}

Result<int64_t> ParseDurationSeconds(std::string_view text) {
  const auto fail = [&]() {
    return Status::ConfigError("invalid duration '" + std::string(text) +
                               "'; write e.g. 45s, 30m, 1h, 2h30m, 1d or a number of seconds");
  };
  int64_t total = 0;
  size_t next_unit = 0;  // index into kDurationUnits: units must come in descending order
  std::string_view rest = text;
  if (rest.empty()) return fail();
  while (!rest.empty()) {
    int64_t number = 0;
    bool overflow = false;
    const size_t digits = ParseDigits(rest, number, overflow);
    if (digits == 0 || overflow) return fail();
    rest.remove_prefix(digits);
    int64_t scale = 1;
    if (rest.empty()) {
      if (next_unit != 0) return fail();  // "1h30" is ambiguous
    } else {
      const char unit = static_cast<char>(ToLower(rest.substr(0, 1))[0]);
      while (next_unit < kDurationUnits.size() && kDurationUnits[next_unit].first != unit)
        ++next_unit;
      if (next_unit == kDurationUnits.size()) return fail();
      scale = kDurationUnits[next_unit++].second;
      rest.remove_prefix(1);
    }
    int64_t part = 0;
    if (!MultiplyChecked(number, scale, part) || __builtin_add_overflow(total, part, &total) ||
        total > kMaxDurationSeconds) {
      return Status::ConfigError("duration '" + std::string(text) + "' is longer than " +
                                 FormatDuration(kMaxDurationSeconds) +
                                 ", the longest mlpipe accepts; set null for no limit");
    }
  }
  return total;
}

std::string FormatDuration(int64_t seconds) {
  if (seconds == 0) return "0s";
  std::string out;
  for (const auto& [unit, scale] : kDurationUnits) {
    if (seconds >= scale) {
      out += std::to_string(seconds / scale) + unit;
      seconds %= scale;
    }
  }
  return out;
}

}  // namespace mlpipe::config
