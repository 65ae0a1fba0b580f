#include "util/log.h"

#include <ctime>

#include "util/strings.h"

namespace mlpipe {

std::string_view LogLevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kInfo:
      return "INFO";
    case LogLevel::kWarn:
      return "WARN";
    case LogLevel::kError:
      return "ERROR";
  }
  return "INFO";
}

std::string FormatUtcMillis(int64_t epoch_ms) {
  int64_t seconds = epoch_ms / 1000;
  int64_t millis = epoch_ms % 1000;
  if (millis < 0) {
    millis += 1000;
    seconds -= 1;
  }
  const std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  ::gmtime_r(&t, &tm);
  char buf[80];
  std::snprintf(buf, sizeof(buf), "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(millis));
  return buf;
}

Logger::Logger(std::FILE* out, RedactFn redact, const Clock& clock)
    : file_(out), redact_(std::move(redact)), clock_(clock) {}

Logger::Logger(std::ostream& out, RedactFn redact, const Clock& clock)
    : stream_(&out), redact_(std::move(redact)), clock_(clock) {}

void Logger::Log(LogLevel level, std::string_view message) {
  std::string prefix = FormatUtcMillis(clock_.NowMs()) + " ";
  std::string_view name = LogLevelName(level);
  prefix.append(name);
  prefix.append(6 - name.size(), ' ');
  std::lock_guard<std::mutex> lock(mu_);
  size_t start = 0;
  while (true) {
    const size_t nl = message.find('\n', start);
    std::string line = prefix;
    line.append(
        SanitizeText(message.substr(start, nl == std::string_view::npos ? nl : nl - start)));
    Write(redact_ ? redact_(line) : line);
    if (nl == std::string_view::npos || nl + 1 == message.size()) break;
    start = nl + 1;
  }
}

void Logger::Write(std::string_view line) {
  if (file_ != nullptr) {
    std::fwrite(line.data(), 1, line.size(), file_);
    std::fputc('\n', file_);
    std::fflush(file_);
  } else {
    stream_->write(line.data(), static_cast<std::streamsize>(line.size()));
    stream_->put('\n');
    stream_->flush();
  }
}

}  // namespace mlpipe
