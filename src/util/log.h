// A tiny line logger: "2026-11-24T05:12:01.123Z INFO  message" lines written to a FILE* or an
// ostream and flushed per line. Every finished line goes through the redactor hook before it is
// written, so secrets never reach the sink. Thread-safe; the sink must outlive the Logger.
#pragma once

#include <cstdint>
#include <cstdio>
#include <functional>
#include <mutex>
#include <ostream>
#include <string>
#include <string_view>

#include "util/clock.h"

namespace mlpipe {

enum class LogLevel { kInfo, kWarn, kError };

// "INFO", "WARN", "ERROR".
std::string_view LogLevelName(LogLevel level);
// Milliseconds since the epoch as UTC ISO-8601 with milliseconds: "2026-11-24T05:12:01.123Z".
std::string FormatUtcMillis(int64_t epoch_ms);

using RedactFn = std::function<std::string(std::string_view)>;

class Logger {
 public:
  // An empty `redact` writes lines unchanged.
  Logger(std::FILE* out, RedactFn redact = {}, const Clock& clock = SystemClock::Instance());
  Logger(std::ostream& out, RedactFn redact = {}, const Clock& clock = SystemClock::Instance());

  // Writes one line per line of `message` (a multi-line message gets a prefix on every line), made
  // printable by SanitizeText (bytes that are not UTF-8 and control characters become U+FFFD).
  void Log(LogLevel level, std::string_view message);
  void Info(std::string_view message) { Log(LogLevel::kInfo, message); }
  void Warn(std::string_view message) { Log(LogLevel::kWarn, message); }
  void Error(std::string_view message) { Log(LogLevel::kError, message); }

 private:
  void Write(std::string_view line);

  std::FILE* file_ = nullptr;
  std::ostream* stream_ = nullptr;
  RedactFn redact_;
  const Clock& clock_;
  std::mutex mu_;
};

}  // namespace mlpipe
