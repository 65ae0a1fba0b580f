#include "config/expression.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace mlpipe::config {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::string Canonical(std::string_view text) {
  Result<Expr> e = ParseExpression(text, SourceLocation{"f.yaml", 3, 7});
  return e.ok() ? ToString(*e) : "ERROR: " + e.status().message();
}

TEST(ExpressionTest, PrecedenceLoosestFirst) {
  EXPECT_EQ(Canonical("a or b and not c"), "(a or (b and (not c)))");
  EXPECT_EQ(Canonical("a + b * c - d"), "((a + (b * c)) - d)");
  EXPECT_EQ(Canonical("x >= 1 + 2"), "(x >= (1 + 2))");
  EXPECT_EQ(Canonical("-x % 3"), "((-x) % 3)");
  EXPECT_EQ(Canonical("total_charges / (tenure + 1)"), "(total_charges / (tenure + 1))");
  EXPECT_EQ(Canonical("not a == b"), "(not (a == b))");
}

TEST(ExpressionTest, LiteralsAndColumns) {
  EXPECT_EQ(Canonical("2.5 != 1e-3"), "(2.5 != 0.001)");
  EXPECT_EQ(Canonical("contract == 'Two year'"), "(contract == 'Two year')");
  EXPECT_EQ(Canonical("`my col` < 3"), "(`my col` < 3)");
  EXPECT_EQ(Canonical("flag == true or y == null"), "((flag == true) or (y == null))");
  EXPECT_EQ(Canonical("order > 1"), "(order > 1)");  // keyword prefix is still a column
}

TEST(ExpressionTest, FunctionsCheckedForNameAndArity) {
  EXPECT_EQ(Canonical("coalesce(total_charges, 0) + log1p(abs(x))"),
            "(coalesce(total_charges, 0) + log1p(abs(x)))");
  EXPECT_EQ(Canonical("min(a, max(b, c))"), "min(a, max(b, c))");
  EXPECT_THAT(Canonical("sqr(x)"), HasSubstr("unknown function 'sqr'"));
  EXPECT_THAT(Canonical("min(x)"), HasSubstr("min() takes 2 arguments, got 1"));
}

TEST(ExpressionTest, SyntaxErrorsCarryLocationAndOffset) {
  EXPECT_EQ(Canonical("tenure >= "),
            "ERROR: f.yaml:3:7: invalid expression 'tenure >= ': unexpected end of expression at "
            "offset 10");
  EXPECT_THAT(Canonical("a + * b"), HasSubstr("unexpected '*' at offset 4"));
  EXPECT_THAT(Canonical("(a + b"), HasSubstr("missing ')' at offset 6"));
  EXPECT_THAT(Canonical("a = 1"), HasSubstr("unexpected '=' at offset 2"));
  EXPECT_THAT(Canonical("'open"), HasSubstr("unterminated string at offset 0"));
  EXPECT_THAT(Canonical("1 < a < 3"), HasSubstr("cannot be chained"));
  EXPECT_THAT(Canonical("3abc"), HasSubstr("malformed number"));
  EXPECT_THAT(Canonical(""), HasSubstr("unexpected end of expression at offset 0"));
}

TEST(ExpressionTest, NestingAndLengthAreBoundedWithAClearError) {
  const auto nested = [](int n) { return std::string(n, '(') + "a" + std::string(n, ')'); };
  EXPECT_EQ(Canonical(nested(kMaxExpressionDepth - 1)), "a");
  EXPECT_THAT(Canonical(nested(100)), HasSubstr("nested deeper than 64 levels at offset 64"));
  EXPECT_THAT(Canonical(nested(3700)), HasSubstr("7401 characters, the limit is 4096"));
  EXPECT_THAT(Canonical(std::string(2000, '-') + "a"), HasSubstr("nested deeper than 64 levels"));
  std::string nots;
  for (int i = 0; i < 100; ++i) nots += "not ";
  EXPECT_THAT(Canonical(nots + "a"), HasSubstr("nested deeper than 64 levels"));
  EXPECT_THAT(Canonical("abs(" + nested(70) + ")"), HasSubstr("nested deeper than 64 levels"));
  const std::string error = Canonical(std::string(200000, '-') + "a");
  EXPECT_THAT(error, HasSubstr("f.yaml:3:7: invalid expression '-"));
  EXPECT_THAT(error, HasSubstr("...': 200001 characters, the limit is 4096"));
  EXPECT_LT(error.size(), 300u);  // the expression is not repeated whole
}

TEST(ExpressionTest, OperatorChainsAreBoundedByTheTreeHeight) {
  const auto chain = [](int terms) {
    std::string text = "a";
    for (int i = 1; i < terms; ++i) text += i % 2 ? " - b" : " + c";
    return text;
  };
  EXPECT_EQ(ParseExpression(chain(kMaxExpressionHeight), {}).status().code(),
            StatusCode::kOk);  // height 256
  EXPECT_THAT(Canonical(chain(kMaxExpressionHeight + 1)),
              HasSubstr("it nests 257 operations (a chain like a + b + c nests one per operator), "
                        "the limit is 256"));
  EXPECT_THAT(Canonical(chain(1000)), HasSubstr("f.yaml:3:7: invalid expression 'a - b + c"));
}

}  // namespace
}  // namespace mlpipe::config
