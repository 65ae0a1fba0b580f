#include "engine/features/expression_eval.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/features/test_tables.h"

namespace mlpipe::engine {
namespace {

using testing::BatchFromCsv;
using ::testing::HasSubstr;

constexpr char kData[] =
    "a,b,name,flag\n"
    "1,2.5,x,true\n"
    "4,,y,false\n"
    ",0.5,,true\n"
    "-7,2,x,\n";

std::vector<std::optional<double>> AsDoubles(const arrow::Array& a) {
  EXPECT_EQ(a.type_id(), arrow::Type::DOUBLE) << a.type()->ToString();
  const auto& d = static_cast<const arrow::DoubleArray&>(a);
  std::vector<std::optional<double>> out;
  for (int64_t i = 0; i < d.length(); ++i) {
    out.push_back(d.IsNull(i) ? std::nullopt : std::optional<double>(d.Value(i)));
  }
  return out;
}

std::vector<std::optional<bool>> AsBools(const arrow::Array& a) {
  EXPECT_EQ(a.type_id(), arrow::Type::BOOL) << a.type()->ToString();
  const auto& d = static_cast<const arrow::BooleanArray&>(a);
  std::vector<std::optional<bool>> out;
  for (int64_t i = 0; i < d.length(); ++i) {
    out.push_back(d.IsNull(i) ? std::nullopt : std::optional<bool>(d.Value(i)));
  }
  return out;
}

Result<std::shared_ptr<arrow::Array>> Eval(const std::string& text) {
  MLPIPE_ASSIGN_OR_RETURN(config::Expr e, config::ParseExpression(text, {}));
  return EvaluateExpression(e, *BatchFromCsv(kData), text);
}

using D = std::vector<std::optional<double>>;
using B = std::vector<std::optional<bool>>;

TEST(ExpressionEvalTest, TreeBuiltInCode) {
  config::Expr col_a{config::Expr::Op::kColumn, 0, "a", {}};
  config::Expr two{config::Expr::Op::kNumber, 2, "", {}};
  config::Expr mul{config::Expr::Op::kMul, 0, "", {col_a, two}};
  auto r = EvaluateExpression(mul, *BatchFromCsv(kData), "a * 2");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(AsDoubles(**r), (D{2, 8, std::nullopt, -14}));
}

// The parser's function table (config/expression.h) is the one list; every entry evaluates here.
TEST(ExpressionEvalTest, EveryFunctionOfTheLanguageEvaluates) {
  ASSERT_FALSE(config::ExpressionFunctions().empty());
  for (const config::ExpressionFunction& f : config::ExpressionFunctions()) {
    std::string text = std::string(f.name) + "(b";
    for (size_t i = 1; i < f.arity; ++i) text += ", a";
    text += ")";
    auto r = Eval(text);
    ASSERT_TRUE(r.ok()) << text << ": " << r.status().ToString();
    EXPECT_EQ((*r)->length(), 4) << text;
  }
}

TEST(ExpressionEvalTest, ArithmeticPropagatesNulls) {
  auto r = Eval("a + b * 2 - 1");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(AsDoubles(**r), (D{5, std::nullopt, std::nullopt, -4}));
  auto m = Eval("a % 3");
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(AsDoubles(**m), (D{1, 1, std::nullopt, -1}));
  auto neg = Eval("-a / 2");
  ASSERT_TRUE(neg.ok()) << neg.status().ToString();
  EXPECT_EQ(AsDoubles(**neg), (D{-0.5, -2, std::nullopt, 3.5}));
}

TEST(ExpressionEvalTest, Functions) {
  auto r = Eval("abs(a) + sqrt(4) + exp(0) + log(1) + log1p(0)");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(AsDoubles(**r), (D{4, 7, std::nullopt, 10}));
  auto mn = Eval("min(a, b)");
  ASSERT_TRUE(mn.ok()) << mn.status().ToString();
  EXPECT_EQ(AsDoubles(**mn), (D{1, std::nullopt, std::nullopt, -7}));
  auto mx = Eval("max(a, 3)");
  ASSERT_TRUE(mx.ok()) << mx.status().ToString();
  EXPECT_EQ(AsDoubles(**mx), (D{3, 4, std::nullopt, 3}));
  auto co = Eval("coalesce(b, 0)");
  ASSERT_TRUE(co.ok()) << co.status().ToString();
  EXPECT_EQ(AsDoubles(**co), (D{2.5, 0, 0.5, 2}));
  auto isn = Eval("is_null(name)");
  ASSERT_TRUE(isn.ok()) << isn.status().ToString();
  EXPECT_EQ(AsBools(**isn), (B{false, false, true, false}));
}

TEST(ExpressionEvalTest, ComparisonsAndThreeValuedLogic) {
  auto eq = Eval("name == 'x'");
  ASSERT_TRUE(eq.ok()) << eq.status().ToString();
  EXPECT_EQ(AsBools(**eq), (B{true, false, std::nullopt, true}));
  auto cmp = Eval("a >= 1 and flag");
  ASSERT_TRUE(cmp.ok()) << cmp.status().ToString();
  EXPECT_EQ(AsBools(**cmp), (B{true, false, std::nullopt, false}));
  auto orr = Eval("flag or a > 100");
  ASSERT_TRUE(orr.ok()) << orr.status().ToString();
  EXPECT_EQ(AsBools(**orr), (B{true, false, true, std::nullopt}));
  auto nt = Eval("not flag");
  ASSERT_TRUE(nt.ok()) << nt.status().ToString();
  EXPECT_EQ(AsBools(**nt), (B{false, true, false, std::nullopt}));
  auto null_cmp = Eval("a == null");
  ASSERT_TRUE(null_cmp.ok()) << null_cmp.status().ToString();
  EXPECT_EQ(AsBools(**null_cmp), (B{std::nullopt, std::nullopt, std::nullopt, std::nullopt}));
}

TEST(ExpressionEvalTest, TypeErrorsNameExpressionAndColumn) {
  auto r = Eval("name + 1");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kDataError);
  EXPECT_THAT(r.status().message(), HasSubstr("expression 'name + 1'"));
  EXPECT_THAT(r.status().message(), HasSubstr("column 'name' is string"));
  auto cmp = Eval("a == 'x'");
  ASSERT_FALSE(cmp.ok());
  EXPECT_THAT(cmp.status().message(), HasSubstr("column 'a' is number"));
  auto logic = Eval("a and flag");
  ASSERT_FALSE(logic.ok());
  EXPECT_THAT(logic.status().message(), HasSubstr("'and' needs booleans"));
}

TEST(ExpressionEvalTest, MissingColumnSuggestsName) {
  auto r = Eval("nme == 'x'");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kDataError);
  EXPECT_THAT(r.status().message(),
              HasSubstr("column 'nme' does not exist (did you mean 'name'?)"));
}

}  // namespace
}  // namespace mlpipe::engine
