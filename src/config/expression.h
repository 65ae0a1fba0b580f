// The small expression language of the feature pipeline's `filter` and `derive` steps.
//   literals: 3, 2.5, 1e-3, 'text' (single quotes), true, false, null
//   columns:  identifiers [A-Za-z_][A-Za-z0-9_]* or `any name` in backquotes
//   operators, loosest first: or | and | not | == != < <= > >= | + - | * / % | unary -
//   functions: abs(x) sqrt(x) log(x) log1p(x) exp(x) min(a,b) max(a,b) is_null(x) coalesce(a,b)
// Parsing happens during config validation, so a syntax error is reported with the config file's
// location plus the character offset inside the expression. Evaluation lives in the engine
// (engine/features/expression_eval.h).
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "config/source_location.h"
#include "util/result.h"

namespace mlpipe::config {

struct Expr {
  enum class Op {
    kNumber,
    kString,
    kBool,
    kNull,
    kColumn,
    kCall,  // leaves and calls
    kNeg,
    kNot,  // unary
    kAdd,
    kSub,
    kMul,
    kDiv,
    kMod,  // arithmetic
    kLt,
    kLe,
    kGt,
    kGe,
    kEq,
    kNe,
    kAnd,
    kOr,  // comparison and logic
  };
  Op op = Op::kNull;
  double number = 0;       // kNumber; kBool as 0/1
  std::string text;        // kString value, kColumn name, kCall function name
  std::vector<Expr> args;  // operands (1 for unary, 2 for binary) or call arguments
};

// A function of the language and its argument count. The table is the one list of functions: the
// parser checks names and arities against it, the engine's evaluator implements each entry (a unit
// test there evaluates every one).
struct ExpressionFunction {
  std::string_view name;
  size_t arity;
};
std::span<const ExpressionFunction> ExpressionFunctions();
// nullptr when `name` is not a function of the language.
const ExpressionFunction* FindExpressionFunction(std::string_view name);

// An operator's source text: "+", "<=", "and", "not"; "-" for both subtraction and negation.
// "" for leaves and calls.
std::string_view OperatorText(Expr::Op op);

// Bounds that keep parsing and evaluation (both recursive) off the end of the stack.
inline constexpr size_t kMaxExpressionLength = 4096;
inline constexpr int kMaxExpressionDepth = 64;    // '(', calls, unary - and not, while parsing
inline constexpr int kMaxExpressionHeight = 256;  // levels of the parsed tree (a + b + c is 3)

// Parses `text`. Longer than kMaxExpressionLength, nested deeper than kMaxExpressionDepth or a
// tree higher than kMaxExpressionHeight is a ConfigError. On failure returns ConfigError "<where>:
// invalid expression '<text>': <reason> at offset N". Unknown function names and wrong argument
// counts are errors here, not at run time.
Result<Expr> ParseExpression(std::string_view text, const SourceLocation& where);

// Canonical text form (fully parenthesized), used in tests and error messages.
std::string ToString(const Expr& e);

}  // namespace mlpipe::config
