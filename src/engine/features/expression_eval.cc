#include "engine/features/expression_eval.h"

#include <arrow/compute/api.h>

#include <string>
#include <vector>

#include "engine/io/arrow_status.h"
#include "util/strings.h"

namespace mlpipe::engine {

namespace {

using config::Expr;
namespace cp = arrow::compute;

enum class Kind { kNumber, kBool, kString, kNull };

// An evaluated operand: an array or a scalar (literals stay scalars until the end).
struct Value {
  arrow::Datum datum;
  Kind kind = Kind::kNull;
  std::string label;  // "column 'x'", "'text'", or "an expression", for error messages
};

std::string_view KindName(Kind k) {
  switch (k) {
    case Kind::kNumber:
      return "number";
    case Kind::kBool:
      return "boolean";
    case Kind::kString:
      return "string";
    case Kind::kNull:
      return "null";
  }
  return "?";
}

// The operator as messages name it ("unary -" apart from subtraction's "-").
std::string_view OpSymbol(Expr::Op op) {
  return op == Expr::Op::kNeg ? "unary -" : config::OperatorText(op);
}

std::shared_ptr<arrow::DataType> ArrowType(Kind k) {
  switch (k) {
    case Kind::kNumber:
      return arrow::float64();
    case Kind::kBool:
      return arrow::boolean();
    case Kind::kString:
      return arrow::utf8();
    case Kind::kNull:
      return arrow::null();
  }
  return arrow::null();
}

class Evaluator {
 public:
  Evaluator(const arrow::RecordBatch& batch, std::string_view text) : batch_(batch), text_(text) {}

  Result<Value> Eval(const Expr& e) {
    MLPIPE_RETURN_NOT_OK(CheckArity(e));
    switch (e.op) {
      case Expr::Op::kNumber:
        return Value{arrow::Datum(e.number), Kind::kNumber, "a number"};
      case Expr::Op::kString:
        return Value{arrow::Datum(e.text), Kind::kString, "'" + e.text + "'"};
      case Expr::Op::kBool:
        return Value{arrow::Datum(e.number != 0), Kind::kBool, "a boolean"};
      case Expr::Op::kNull:
        return Value{arrow::Datum(arrow::MakeNullScalar(arrow::null())), Kind::kNull, "null"};
      case Expr::Op::kColumn:
        return Column(e.text);
      case Expr::Op::kCall:
        return Call(e);
      case Expr::Op::kNeg:
        return Unary(e, Kind::kNumber, "negate");
      case Expr::Op::kNot:
        return Unary(e, Kind::kBool, "invert");
      case Expr::Op::kAdd:
        return Arithmetic(e, "add");
      case Expr::Op::kSub:
        return Arithmetic(e, "subtract");
      case Expr::Op::kMul:
        return Arithmetic(e, "multiply");
      case Expr::Op::kDiv:
        return Arithmetic(e, "divide");
      case Expr::Op::kMod:
        return Arithmetic(e, "mod");
      case Expr::Op::kLt:
        return Compare(e, "less");
      case Expr::Op::kLe:
        return Compare(e, "less_equal");
      case Expr::Op::kGt:
        return Compare(e, "greater");
      case Expr::Op::kGe:
        return Compare(e, "greater_equal");
      case Expr::Op::kEq:
        return Compare(e, "equal");
      case Expr::Op::kNe:
        return Compare(e, "not_equal");
      case Expr::Op::kAnd:
        return Logic(e, "and_kleene");
      case Expr::Op::kOr:
        return Logic(e, "or_kleene");
    }
    return Status::Internal("unhandled expression node in '" + std::string(text_) + "'");
  }

  Result<std::shared_ptr<arrow::Array>> ToArray(const Value& v) {
    if (v.datum.is_array()) return v.datum.make_array();
    return FromArrow(arrow::MakeArrayFromScalar(*v.datum.scalar(), batch_.num_rows()), Context());
  }

 private:
  std::string Context() const { return "cannot evaluate expression '" + std::string(text_) + "'"; }

  Status TypeError(const Value& v, std::string_view what) const {
    return Status::DataError("expression '" + std::string(text_) + "': " + v.label + " is " +
                             std::string(KindName(v.kind)) + " but " + std::string(what) +
                             "; add a cast step or fix the expression");
  }

  // The parser guarantees operand counts; trees built in code are checked here.
  Status CheckArity(const Expr& e) const {
    size_t want = 0;
    if (e.op == Expr::Op::kNeg || e.op == Expr::Op::kNot) want = 1;
    if (e.op >= Expr::Op::kAdd) want = 2;
    if (e.op == Expr::Op::kCall) {
      const config::ExpressionFunction* f = config::FindExpressionFunction(e.text);
      if (f == nullptr) {
        return Status::InvalidArgument("expression '" + std::string(text_) +
                                       "': unknown function '" + e.text + "'");
      }
      want = f->arity;
    }
    if (e.args.size() == want) return Status::OK();
    return Status::InvalidArgument(
        "expression '" + std::string(text_) + "': operator or function " +
        (e.op == Expr::Op::kCall ? e.text : std::string(OpSymbol(e.op))) + " needs " +
        std::to_string(want) + " operand(s), got " + std::to_string(e.args.size()));
  }

  Result<Value> Column(const std::string& name) {
    auto array = batch_.GetColumnByName(name);
    if (!array) {
      return Status::DataError("expression '" + std::string(text_) + "': column '" + name +
                               "' does not exist" +
                               DidYouMeanSuffix(name, batch_.schema()->field_names()));
    }
    Value v{arrow::Datum(array), Kind::kNull, "column '" + name + "'"};
    const auto id = array->type_id();
    if (arrow::is_integer(id) || arrow::is_floating(id)) {
      v.kind = Kind::kNumber;
      MLPIPE_ASSIGN_OR_RETURN(v.datum, Cast(v.datum, arrow::float64()));
    } else if (id == arrow::Type::BOOL) {
      v.kind = Kind::kBool;
    } else if (id == arrow::Type::STRING || id == arrow::Type::LARGE_STRING) {
      v.kind = Kind::kString;
      MLPIPE_ASSIGN_OR_RETURN(v.datum, Cast(v.datum, arrow::utf8()));
    } else if (id != arrow::Type::NA) {
      return Status::DataError("expression '" + std::string(text_) + "': column '" + name +
                               "' has type " + array->type()->ToString() +
                               ", which expressions do not support; add a cast step first");
    }
    return v;
  }

  Result<arrow::Datum> Cast(const arrow::Datum& d, const std::shared_ptr<arrow::DataType>& type) {
    if (d.type()->Equals(*type)) return d;
    return FromArrow(cp::Cast(d, type, cp::CastOptions::Unsafe()), Context());
  }

  // Numbers and booleans (as 0/1) are accepted where a number is needed; null becomes a
  // float64 null.
  Result<Value> AsNumber(Value v, std::string_view what) {
    if (v.kind == Kind::kString) return TypeError(v, what);
    if (v.kind != Kind::kNumber) {
      MLPIPE_ASSIGN_OR_RETURN(v.datum, Cast(v.datum, arrow::float64()));
      v.kind = Kind::kNumber;
    }
    return v;
  }

  Result<Value> AsBool(Value v, std::string_view what) {
    if (v.kind == Kind::kNumber || v.kind == Kind::kString) return TypeError(v, what);
    if (v.kind == Kind::kNull) {
      MLPIPE_ASSIGN_OR_RETURN(v.datum, Cast(v.datum, arrow::boolean()));
      v.kind = Kind::kBool;
    }
    return v;
  }

  Result<Value> Apply(const std::string& fn, const std::vector<Value>& args, Kind kind,
                      const cp::FunctionOptions* options = nullptr) {
    std::vector<arrow::Datum> datums;
    for (const auto& a : args) datums.push_back(a.datum);
    MLPIPE_ARROW_ASSIGN_OR_RETURN(arrow::Datum out, cp::CallFunction(fn, datums, options),
                                  Context());
    return Value{std::move(out), kind, "an expression"};
  }

  Result<Value> Unary(const Expr& e, Kind kind, const std::string& fn) {
    MLPIPE_ASSIGN_OR_RETURN(Value v, Eval(e.args[0]));
    const std::string what =
        "'" + std::string(OpSymbol(e.op)) + "' needs a " + std::string(KindName(kind));
    if (kind == Kind::kNumber) {
      MLPIPE_ASSIGN_OR_RETURN(v, AsNumber(std::move(v), what));
    } else {
      MLPIPE_ASSIGN_OR_RETURN(v, AsBool(std::move(v), what));
    }
    return Apply(fn, {v}, kind);
  }

  Result<std::pair<Value, Value>> Operands(const Expr& e) {
    MLPIPE_ASSIGN_OR_RETURN(Value a, Eval(e.args[0]));
    MLPIPE_ASSIGN_OR_RETURN(Value b, Eval(e.args[1]));
    return std::make_pair(std::move(a), std::move(b));
  }

  Result<Value> Arithmetic(const Expr& e, const std::string& fn) {
    MLPIPE_ASSIGN_OR_RETURN(auto ab, Operands(e));
    const std::string what = "'" + std::string(OpSymbol(e.op)) + "' needs numbers";
    MLPIPE_ASSIGN_OR_RETURN(Value a, AsNumber(std::move(ab.first), what));
    MLPIPE_ASSIGN_OR_RETURN(Value b, AsNumber(std::move(ab.second), what));
    if (fn != "mod") return Apply(fn, {a, b}, Kind::kNumber);
    // a % b = a - b * trunc(a / b), the sign following a as in C's fmod.
    MLPIPE_ASSIGN_OR_RETURN(Value q, Apply("divide", {a, b}, Kind::kNumber));
    MLPIPE_ASSIGN_OR_RETURN(q, Apply("trunc", {q}, Kind::kNumber));
    MLPIPE_ASSIGN_OR_RETURN(q, Apply("multiply", {b, q}, Kind::kNumber));
    return Apply("subtract", {a, q}, Kind::kNumber);
  }

  // Gives a null operand the other operand's type; numbers and booleans compare as numbers.
  Status Unify(Value& a, Value& b, std::string_view what) {
    if (a.kind == Kind::kNull && b.kind == Kind::kNull) return Status::OK();
    if (a.kind == Kind::kNull || b.kind == Kind::kNull) {
      Value& n = a.kind == Kind::kNull ? a : b;
      const Kind k = a.kind == Kind::kNull ? b.kind : a.kind;
      MLPIPE_ASSIGN_OR_RETURN(n.datum, Cast(n.datum, ArrowType(k)));
      n.kind = k;
      return Status::OK();
    }
    if (a.kind == b.kind) return Status::OK();
    if (a.kind == Kind::kString) return TypeError(b, std::string(what) + " with " + a.label);
    if (b.kind == Kind::kString) return TypeError(a, std::string(what) + " with " + b.label);
    MLPIPE_ASSIGN_OR_RETURN(a, AsNumber(std::move(a), what));
    MLPIPE_ASSIGN_OR_RETURN(b, AsNumber(std::move(b), what));
    return Status::OK();
  }

  Result<Value> Compare(const Expr& e, const std::string& fn) {
    MLPIPE_ASSIGN_OR_RETURN(auto ab, Operands(e));
    MLPIPE_RETURN_NOT_OK(
        Unify(ab.first, ab.second, "is compared ('" + std::string(OpSymbol(e.op)) + "')"));
    if (ab.first.kind == Kind::kNull) {
      return Value{arrow::Datum(arrow::MakeNullScalar(arrow::boolean())), Kind::kBool, "null"};
    }
    return Apply(fn, {ab.first, ab.second}, Kind::kBool);
  }

  Result<Value> Logic(const Expr& e, const std::string& fn) {
    MLPIPE_ASSIGN_OR_RETURN(auto ab, Operands(e));
    const std::string what = "'" + std::string(OpSymbol(e.op)) + "' needs booleans";
    MLPIPE_ASSIGN_OR_RETURN(Value a, AsBool(std::move(ab.first), what));
    MLPIPE_ASSIGN_OR_RETURN(Value b, AsBool(std::move(ab.second), what));
    return Apply(fn, {a, b}, Kind::kBool);
  }

  Result<Value> Call(const Expr& e) {
    std::vector<Value> args;
    for (const auto& a : e.args) {
      MLPIPE_ASSIGN_OR_RETURN(Value v, Eval(a));
      args.push_back(std::move(v));
    }
    const std::string what = e.text + "() needs numbers";
    if (e.text == "is_null") return Apply("is_null", {args[0]}, Kind::kBool);
    if (e.text == "coalesce") {
      MLPIPE_RETURN_NOT_OK(Unify(args[0], args[1], "is combined by coalesce()"));
      return Apply("coalesce", args, args[0].kind);
    }
    for (auto& a : args) {
      MLPIPE_ASSIGN_OR_RETURN(a, AsNumber(std::move(a), what));
    }
    if (e.text == "min" || e.text == "max") {
      const cp::ElementWiseAggregateOptions keep_nulls(/*skip_nulls=*/false);
      return Apply(e.text + "_element_wise", args, Kind::kNumber, &keep_nulls);
    }
    if (e.text == "log") return Apply("ln", args, Kind::kNumber);
    if (e.text == "abs" || e.text == "sqrt" || e.text == "log1p" || e.text == "exp") {
      return Apply(e.text, args, Kind::kNumber);
    }
    return Status::DataError("expression '" + std::string(text_) + "': unknown function '" +
                             e.text + "'");
  }

  const arrow::RecordBatch& batch_;
  std::string_view text_;
};

}  // namespace

Result<std::shared_ptr<arrow::Array>> EvaluateExpression(const config::Expr& expr,
                                                         const arrow::RecordBatch& batch,
                                                         std::string_view text) {
  MLPIPE_RETURN_NOT_OK(EnsureArrowCompute());
  Evaluator evaluator(batch, text);
  MLPIPE_ASSIGN_OR_RETURN(Value v, evaluator.Eval(expr));
  return evaluator.ToArray(v);
}

}  // namespace mlpipe::engine
