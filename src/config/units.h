// Strict parsers for the size and duration strings of job_config.yaml. Memory sizes are an integer
// plus a binary unit ("512m", "8g", "1tb"); durations are unit groups in descending order ("1d",
// "2h30m", "45s") or a plain integer of seconds. Anything else (8.5g, -1g, "8 g", "") is an error.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "util/result.h"

namespace mlpipe::config {

// Bytes for "<digits><unit>", unit one of b, k, kb, m, mb, g, gb, t, tb (case-insensitive, powers
// of 1024). ConfigError for a missing unit, a sign, a fraction, spaces or overflow of int64.
Result<int64_t> ParseMemorySize(std::string_view text);
// The shortest exact form: 34359738368 -> "32g", 1536 MiB -> "1536m", 100 -> "100b".
std::string FormatMemorySize(int64_t bytes);

// The longest duration accepted: a year. Longer is a mistake, and deadlines computed from it
// (now + duration, in nanoseconds) would overflow and expire at once.
inline constexpr int64_t kMaxDurationSeconds = int64_t{365} * 24 * 3600;

// Seconds for "1d", "1h", "30m", "45s", "2h30m", "1h15m30s" (units d,h,m,s each at most once, in
// that order) or a plain non-negative integer of seconds, at most kMaxDurationSeconds.
// ConfigError otherwise.
Result<int64_t> ParseDurationSeconds(std::string_view text);
// The shortest form ParseDurationSeconds reads back: 9000 -> "2h30m", 0 -> "0s".
std::string FormatDuration(int64_t seconds);

}  // namespace mlpipe::config
