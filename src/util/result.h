// Result<T>: either a value or a non-OK Status. The return type of every fallible engine call that
// produces something. Access the value only after checking ok(); MLPIPE_ASSIGN_OR_RETURN does both.
#pragma once

#include <cassert>
#include <utility>
#include <variant>

#include "util/status.h"

namespace mlpipe {

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}        // NOLINT(google-explicit-constructor)
  Result(Status status) : v_(std::move(status)) {  // NOLINT(google-explicit-constructor)
    assert(!std::get<Status>(v_).ok() && "Result constructed from an OK Status");
  }

  bool ok() const { return std::holds_alternative<T>(v_); }
  // The error, or OK when a value is held.
  Status status() const { return ok() ? Status::OK() : std::get<Status>(v_); }

  // REQUIRES: ok().
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  T ValueOr(T fallback) const& { return ok() ? std::get<T>(v_) : std::move(fallback); }

 private:
  std::variant<Status, T> v_;
};

}  // namespace mlpipe

#define MLPIPE_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                 \
  if (!tmp.ok()) return tmp.status();                \
  lhs = std::move(tmp).value()

// `lhs = value of expr`, or return its Status from the enclosing function.
#define MLPIPE_ASSIGN_OR_RETURN(lhs, expr) \
  MLPIPE_ASSIGN_OR_RETURN_IMPL(MLPIPE_CONCAT(_mlpipe_res_, __LINE__), lhs, expr)
