// Evaluates a parsed filter/derive expression (config/expression.h) over a record batch, vectorized
// with Arrow compute. Arithmetic and math functions yield float64 (integer and boolean columns are
// widened), comparisons and logic yield boolean; nulls propagate like SQL (and/or are
// three-valued).
#pragma once

#include <arrow/api.h>

#include <memory>
#include <string_view>

#include "config/expression.h"
#include "util/result.h"

namespace mlpipe::engine {

// Returns an array of batch.num_rows() values: double, boolean, string (a bare string column or
// literal) or null-typed (a bare `null`). `text` is the expression as written, quoted in errors.
// DataError for a missing column or a type mismatch (e.g. string + number), naming the expression
// and the offending column or value.
Result<std::shared_ptr<arrow::Array>> EvaluateExpression(const config::Expr& expr,
                                                         const arrow::RecordBatch& batch,
                                                         std::string_view text);

}  // namespace mlpipe::engine
