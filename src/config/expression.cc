#include "config/expression.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <utility>
#include <vector>

namespace mlpipe::config {
namespace {

constexpr std::array<ExpressionFunction, 9> kFunctions = {{{"abs", 1},
                                                           {"sqrt", 1},
                                                           {"log", 1},
                                                           {"log1p", 1},
                                                           {"exp", 1},
                                                           {"min", 2},
                                                           {"max", 2},
                                                           {"is_null", 1},
                                                           {"coalesce", 2}}};

struct BinaryOp {
  std::string_view text;
  Expr::Op op;
};
constexpr std::array<BinaryOp, 6> kComparisons = {{{"==", Expr::Op::kEq},
                                                   {"!=", Expr::Op::kNe},
                                                   {"<=", Expr::Op::kLe},
                                                   {">=", Expr::Op::kGe},
                                                   {"<", Expr::Op::kLt},
                                                   {">", Expr::Op::kGt}}};
constexpr std::array<BinaryOp, 2> kAdditive = {{{"+", Expr::Op::kAdd}, {"-", Expr::Op::kSub}}};
constexpr std::array<BinaryOp, 3> kMultiplicative = {
    {{"*", Expr::Op::kMul}, {"/", Expr::Op::kDiv}, {"%", Expr::Op::kMod}}};

bool IsIdentStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool IsIdentChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

Expr Binary(Expr::Op op, Expr lhs, Expr rhs) {
  Expr e;
  e.op = op;
  e.args.push_back(std::move(lhs));
  e.args.push_back(std::move(rhs));
  return e;
}

Expr Unary(Expr::Op op, Expr operand) {
  Expr e;
  e.op = op;
  e.args.push_back(std::move(operand));
  return e;
}

// Recursive descent over `text`; the first error stops parsing and is kept with its offset.
class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  bool Parse(Expr& out) {
    out = ParseOr();
    SkipSpace();
    if (error_.empty() && pos_ < text_.size())
      Fail("unexpected '" + std::string(1, text_[pos_]) + "'");
    return error_.empty();
  }
  const std::string& error() const { return error_; }
  size_t error_offset() const { return error_offset_; }

 private:
  void Fail(std::string reason) {
    if (!error_.empty()) return;
    error_ = std::move(reason);
    error_offset_ = pos_;
  }
  void SkipSpace() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }
  // Consumes `word` when it is next as a whole word (keywords) or symbol (operators).
  bool Accept(std::string_view token) {
    SkipSpace();
    if (text_.substr(pos_, token.size()) != token) return false;
    const size_t end = pos_ + token.size();
    if (IsIdentChar(token.back()) && end < text_.size() && IsIdentChar(text_[end])) return false;
    pos_ = end;
    return true;
  }
  template <size_t N>
  const BinaryOp* AcceptAny(const std::array<BinaryOp, N>& ops) {
    for (const BinaryOp& op : ops) {
      if (Accept(op.text)) return &op;
    }
    return nullptr;
  }

  // Counts one level of nesting ('(', a call, unary - or not) while alive; past
  // kMaxExpressionDepth parsing fails instead of recursing on.
  class Nesting {
   public:
    explicit Nesting(Parser& p) : p_(p) {
      if (++p_.depth_ > kMaxExpressionDepth)
        p_.Fail("nested deeper than " + std::to_string(kMaxExpressionDepth) + " levels");
    }
    ~Nesting() { --p_.depth_; }
    Nesting(const Nesting&) = delete;
    Nesting& operator=(const Nesting&) = delete;

   private:
    Parser& p_;
  };

  Expr ParseOr() {
    const Nesting nesting(*this);
    if (!error_.empty()) return {};
    Expr lhs = ParseAnd();
    while (error_.empty() && Accept("or")) lhs = Binary(Expr::Op::kOr, std::move(lhs), ParseAnd());
    return lhs;
  }
  Expr ParseAnd() {
    Expr lhs = ParseNot();
    while (error_.empty() && Accept("and"))
      lhs = Binary(Expr::Op::kAnd, std::move(lhs), ParseNot());
    return lhs;
  }
  Expr ParseNot() {
    if (Accept("not")) {
      const Nesting nesting(*this);
      return error_.empty() ? Unary(Expr::Op::kNot, ParseNot()) : Expr{};
    }
    return ParseComparison();
  }
  Expr ParseComparison() {
    Expr lhs = ParseAdditive();
    if (const BinaryOp* op = AcceptAny(kComparisons)) {
      lhs = Binary(op->op, std::move(lhs), ParseAdditive());
      if (error_.empty() && AcceptAny(kComparisons)) {
        Fail("comparisons cannot be chained; combine them with 'and'");
      }
    }
    return lhs;
  }
  Expr ParseAdditive() {
    Expr lhs = ParseMultiplicative();
    while (error_.empty()) {
      const BinaryOp* op = AcceptAny(kAdditive);
      if (op == nullptr) break;
      lhs = Binary(op->op, std::move(lhs), ParseMultiplicative());
    }
    return lhs;
  }
  Expr ParseMultiplicative() {
    Expr lhs = ParseUnary();
    while (error_.empty()) {
      const BinaryOp* op = AcceptAny(kMultiplicative);
      if (op == nullptr) break;
      lhs = Binary(op->op, std::move(lhs), ParseUnary());
    }
    return lhs;
  }
  Expr ParseUnary() {
    if (Accept("-")) {
      const Nesting nesting(*this);
      return error_.empty() ? Unary(Expr::Op::kNeg, ParseUnary()) : Expr{};
    }
    return ParsePrimary();
  }
  Expr ParsePrimary() {
    SkipSpace();
    if (!error_.empty()) return {};
    if (pos_ >= text_.size()) {
      Fail("unexpected end of expression");
      return {};
    }
    const char c = text_[pos_];
    if (c == '(') {
      ++pos_;
      Expr inner = ParseOr();
      if (error_.empty() && !Accept(")")) Fail("missing ')'");
      return inner;
    }
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') return ParseNumber();
    if (c == '\'') return ParseQuoted('\'', Expr::Op::kString, "string");
    if (c == '`') return ParseQuoted('`', Expr::Op::kColumn, "column name");
    if (IsIdentStart(c)) return ParseName();
    Fail("unexpected '" + std::string(1, c) + "'");
    return {};
  }
  Expr ParseNumber() {
    Expr e;
    e.op = Expr::Op::kNumber;
    const char* begin = text_.data() + pos_;
    auto [ptr, ec] = std::from_chars(begin, text_.data() + text_.size(), e.number);
    if (ec != std::errc() || (ptr < text_.data() + text_.size() && IsIdentChar(*ptr))) {
      Fail("malformed number");
      return {};
    }
    pos_ += static_cast<size_t>(ptr - begin);
    return e;
  }
  Expr ParseQuoted(char quote, Expr::Op op, std::string_view what) {
    const size_t close = text_.find(quote, pos_ + 1);
    if (close == std::string_view::npos) {
      Fail("unterminated " + std::string(what));
      return {};
    }
    Expr e;
    e.op = op;
    e.text = std::string(text_.substr(pos_ + 1, close - pos_ - 1));
    if (op == Expr::Op::kColumn && e.text.empty()) Fail("empty column name");
    pos_ = close + 1;
    return e;
  }
  Expr ParseName() {
    const size_t start = pos_;
    while (pos_ < text_.size() && IsIdentChar(text_[pos_])) ++pos_;
    const std::string name(text_.substr(start, pos_ - start));
    Expr e;
    if (name == "true" || name == "false") {
      e.op = Expr::Op::kBool;
      e.number = name == "true" ? 1 : 0;
      return e;
    }
    if (name == "null") return e;
    if (name == "and" || name == "or" || name == "not") {
      pos_ = start;
      Fail("'" + name + "' needs an operand before it");
      return e;
    }
    if (!Accept("(")) {
      e.op = Expr::Op::kColumn;
      e.text = name;
      return e;
    }
    return ParseCall(name, start);
  }
  Expr ParseCall(const std::string& name, size_t name_pos) {
    Expr call;
    call.op = Expr::Op::kCall;
    call.text = name;
    if (!Accept(")")) {
      do {
        call.args.push_back(ParseOr());
      } while (error_.empty() && Accept(","));
      if (error_.empty() && !Accept(")")) Fail("missing ')' after the arguments of " + name + "()");
    }
    if (!error_.empty()) return call;
    const ExpressionFunction* f = FindExpressionFunction(name);
    if (f == nullptr) {
      pos_ = name_pos;
      std::string known;
      for (const ExpressionFunction& k : kFunctions) {
        known += (known.empty() ? "" : ", ") + std::string(k.name);
      }
      Fail("unknown function '" + name + "' (known: " + known + ")");
    } else if (f->arity != call.args.size()) {
      pos_ = name_pos;
      Fail(name + "() takes " + std::to_string(f->arity) + " argument" +
           (f->arity == 1 ? "" : "s") + ", got " + std::to_string(call.args.size()));
    }
    return call;
  }

  std::string_view text_;
  int depth_ = 0;
  size_t pos_ = 0;
  std::string error_;
  size_t error_offset_ = 0;
};

std::string NumberText(double v) {
  std::array<char, 32> buf{};
  auto [ptr, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), v);
  return std::string(buf.data(), ptr);
}

bool IsPlainIdentifier(const std::string& s) {
  if (s.empty() || !IsIdentStart(s[0])) return false;
  for (char c : s) {
    if (!IsIdentChar(c)) return false;
  }
  return s != "and" && s != "or" && s != "not" && s != "true" && s != "false" && s != "null";
}

// Levels of `root`'s tree (a leaf is 1), counted without recursion: chains of binary operators
// are parsed in a loop, so the tree may be deeper than the parser ever recursed.
int TreeHeight(const Expr& root) {
  int height = 0;
  std::vector<std::pair<const Expr*, int>> pending{{&root, 1}};
  while (!pending.empty()) {
    const auto [e, level] = pending.back();
    pending.pop_back();
    height = std::max(height, level);
    for (const Expr& arg : e->args) pending.emplace_back(&arg, level + 1);
  }
  return height;
}

}  // namespace

std::span<const ExpressionFunction> ExpressionFunctions() { return kFunctions; }

const ExpressionFunction* FindExpressionFunction(std::string_view name) {
  for (const ExpressionFunction& f : kFunctions) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

std::string_view OperatorText(Expr::Op op) {
  switch (op) {
    case Expr::Op::kAdd:
      return "+";
    case Expr::Op::kSub:
      return "-";
    case Expr::Op::kMul:
      return "*";
    case Expr::Op::kDiv:
      return "/";
    case Expr::Op::kMod:
      return "%";
    case Expr::Op::kLt:
      return "<";
    case Expr::Op::kLe:
      return "<=";
    case Expr::Op::kGt:
      return ">";
    case Expr::Op::kGe:
      return ">=";
    case Expr::Op::kEq:
      return "==";
    case Expr::Op::kNe:
      return "!=";
    case Expr::Op::kAnd:
      return "and";
    case Expr::Op::kOr:
      return "or";
    case Expr::Op::kNeg:
      return "-";
    case Expr::Op::kNot:
      return "not";
    default:
      return "";
  }
}

Result<Expr> ParseExpression(std::string_view text, const SourceLocation& where) {
  constexpr size_t kQuoted = 80;  // how much of a long expression an error quotes
  const std::string quoted =
      text.size() <= kQuoted ? std::string(text) : std::string(text.substr(0, kQuoted)) + "...";
  if (text.size() > kMaxExpressionLength) {
    return Status::ConfigError(where.ToString() + ": invalid expression '" + quoted +
                               "': " + std::to_string(text.size()) + " characters, the limit is " +
                               std::to_string(kMaxExpressionLength) +
                               "; split it into several derive steps");
  }
  Parser parser(text);
  Expr e;
  if (parser.Parse(e)) {
    const int height = TreeHeight(e);
    if (height <= kMaxExpressionHeight) return e;
    return Status::ConfigError(where.ToString() + ": invalid expression '" + quoted +
                               "': it nests " + std::to_string(height) +
                               " operations (a chain like a + b + c nests one per "
                               "operator), the limit is " +
                               std::to_string(kMaxExpressionHeight) +
                               "; split it into several derive steps");
  }
  return Status::ConfigError(where.ToString() + ": invalid expression '" + quoted +
                             "': " + parser.error() + " at offset " +
                             std::to_string(parser.error_offset()));
}

std::string ToString(const Expr& e) {
  switch (e.op) {
    case Expr::Op::kNumber:
      return NumberText(e.number);
    case Expr::Op::kString:
      return "'" + e.text + "'";
    case Expr::Op::kBool:
      return e.number != 0 ? "true" : "false";
    case Expr::Op::kNull:
      return "null";
    case Expr::Op::kColumn:
      return IsPlainIdentifier(e.text) ? e.text : "`" + e.text + "`";
    case Expr::Op::kCall: {
      std::string out = e.text + "(";
      for (size_t i = 0; i < e.args.size(); ++i) out += (i ? ", " : "") + ToString(e.args[i]);
      return out + ")";
    }
    case Expr::Op::kNeg:
    case Expr::Op::kNot:
      return "(" + std::string(OperatorText(e.op)) + (e.op == Expr::Op::kNot ? " " : "") +
             ToString(e.args[0]) + ")";
    default:
      return "(" + ToString(e.args[0]) + " " + std::string(OperatorText(e.op)) + " " +
             ToString(e.args[1]) + ")";
  }
}

}  // namespace mlpipe::config
