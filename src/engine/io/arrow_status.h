// The one bridge from Arrow/Parquet errors to mlpipe Status: every arrow::Status or arrow::Result
// crossing into engine code goes through FromArrow with a context saying what was being done and on
// what (path, column). Also owns the one-time registration of Arrow's compute functions.
#pragma once

#include <arrow/result.h>
#include <arrow/status.h>

#include <string>
#include <string_view>
#include <utility>

#include "util/result.h"

namespace mlpipe::engine {

// OK stays OK; otherwise "<context>: <arrow message>" with IOError for I/O failures, DataError for
// invalid/mistyped data, NotFound for missing keys and Internal for everything else.
Status FromArrow(const arrow::Status& status, std::string_view context);

template <typename T>
Result<T> FromArrow(arrow::Result<T> result, std::string_view context) {
  if (!result.ok()) return FromArrow(result.status(), context);
  return std::move(result).ValueUnsafe();
}

// Registers Arrow's compute kernels (required once per process since Arrow 21). Thread-safe and
// cheap after the first call; every module that calls arrow::compute functions calls this first.
Status EnsureArrowCompute();

}  // namespace mlpipe::engine

// Like MLPIPE_RETURN_NOT_OK for an arrow::Status; `context` is only evaluated on failure.
#define MLPIPE_ARROW_RETURN_NOT_OK(expr, context)                                    \
  do {                                                                               \
    ::arrow::Status _mlpipe_ast = (expr);                                            \
    if (!_mlpipe_ast.ok()) return ::mlpipe::engine::FromArrow(_mlpipe_ast, context); \
  } while (false)

#define MLPIPE_ARROW_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr, context)         \
  auto tmp = (expr);                                                        \
  if (!tmp.ok()) return ::mlpipe::engine::FromArrow(tmp.status(), context); \
  lhs = std::move(tmp).ValueUnsafe()

// `lhs = value of the arrow::Result expr`, or return its error converted with `context`.
#define MLPIPE_ARROW_ASSIGN_OR_RETURN(lhs, expr, context) \
  MLPIPE_ARROW_ASSIGN_OR_RETURN_IMPL(MLPIPE_CONCAT(_mlpipe_ares_, __LINE__), lhs, expr, context)
