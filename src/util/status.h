// Status: the outcome of an operation that returns no value. Modeled on leveldb/Arrow: a code plus
// a message that already says what failed and where (path, file:line:col, application id) and,
// where useful, what to do next. Library code never throws; exceptions are caught at the edges (CLI
// parsing, third-party calls) and converted here. Status is cheap to copy when OK.
#pragma once

#include <string>
#include <string_view>
#include <utility>

namespace mlpipe {

// Stable categories; the CLI maps each to a documented exit code (src/cli/exit_codes.h).
enum class StatusCode {
  kOk = 0,
  kInvalidArgument,  // bad command-line usage or API misuse
  kConfigError,      // job configuration is invalid (YAML, types, keys, limits)
  kNotFound,         // a path, model, application id or column does not exist
  kAlreadyExists,    // refusing to overwrite (e.g. a model version)
  kIOError,          // filesystem or stream failure
  kDataError,        // input data is malformed or does not match the expected schema
  kCancelled,        // stopped on request (kill)
  kTimeout,          // a deadline (prediction_timeout) passed
  kUnavailable,      // a backend or service cannot be reached
  kInternal,         // a bug or an unexpected failure of a dependency
};

std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status OK() { return {}; }
  static Status InvalidArgument(std::string m) {
    return {StatusCode::kInvalidArgument, std::move(m)};
  }
  static Status ConfigError(std::string m) { return {StatusCode::kConfigError, std::move(m)}; }
  static Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
  static Status AlreadyExists(std::string m) { return {StatusCode::kAlreadyExists, std::move(m)}; }
  static Status IOError(std::string m) { return {StatusCode::kIOError, std::move(m)}; }
  static Status DataError(std::string m) { return {StatusCode::kDataError, std::move(m)}; }
  static Status Cancelled(std::string m) { return {StatusCode::kCancelled, std::move(m)}; }
  static Status Timeout(std::string m) { return {StatusCode::kTimeout, std::move(m)}; }
  static Status Unavailable(std::string m) { return {StatusCode::kUnavailable, std::move(m)}; }
  static Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }
  // IOError carrying strerror(errno_value), e.g. IOErrorFromErrno(errno, "cannot open '", p, "'").
  static Status IOErrorFromErrno(int errno_value, std::string_view what);

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "<CodeName>: <message>", or "OK".
  std::string ToString() const;
  // Same code, message prefixed with "<context>: ". No-op on OK.
  Status WithContext(std::string_view context) const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

}  // namespace mlpipe

#define MLPIPE_CONCAT_IMPL(a, b) a##b
#define MLPIPE_CONCAT(a, b) MLPIPE_CONCAT_IMPL(a, b)

// Returns the Status from the enclosing function if `expr` is not OK.
#define MLPIPE_RETURN_NOT_OK(expr)           \
  do {                                       \
    ::mlpipe::Status _mlpipe_st = (expr);    \
    if (!_mlpipe_st.ok()) return _mlpipe_st; \
  } while (false)
