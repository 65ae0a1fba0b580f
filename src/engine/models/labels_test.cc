#include "engine/models/labels.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace mlpipe::engine {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::shared_ptr<arrow::ChunkedArray> Strings(
    const std::vector<std::optional<std::string>>& values) {
  arrow::StringBuilder b;
  for (const auto& v : values) {
    EXPECT_TRUE((v ? b.Append(*v) : b.AppendNull()).ok());
  }
  return std::make_shared<arrow::ChunkedArray>(b.Finish().ValueOrDie());
}

template <typename Builder, typename T>
std::shared_ptr<arrow::ChunkedArray> Numbers(const std::vector<T>& values) {
  Builder b;
  EXPECT_TRUE(b.AppendValues(values).ok());
  return std::make_shared<arrow::ChunkedArray>(b.Finish().ValueOrDie());
}

TEST(LabelsTest, YesNoIsBinaryWithYesPositive) {
  Result<Labels> l =
      EncodeLabels(*Strings({"yes", "no", "no", "yes"}), "churn", config::Task::kAuto);
  ASSERT_TRUE(l.ok()) << l.status().ToString();
  EXPECT_EQ(l->task, Task::kBinary);
  EXPECT_THAT(l->classes, ElementsAre("no", "yes"));
  EXPECT_THAT(l->y, ElementsAre(1, 0, 0, 1));
}

TEST(LabelsTest, NegativeSpellingDecidesThePositiveClass) {
  // "No" sorts before "Yes" anyway; "negative" sorts after "churned" and must still be class 0.
  Result<Labels> l = EncodeLabels(*Strings({"negative", "churned"}), "t", config::Task::kAuto);
  ASSERT_TRUE(l.ok());
  EXPECT_THAT(l->classes, ElementsAre("negative", "churned"));
  EXPECT_THAT(l->y, ElementsAre(0, 1));
  Result<Labels> neither = EncodeLabels(*Strings({"cat", "ant"}), "t", config::Task::kAuto);
  EXPECT_THAT(neither->classes, ElementsAre("ant", "cat"));  // second in sorted order is positive
}

TEST(LabelsTest, PositiveClassNamesTheClassMetricsAreAbout) {
  // good/bad: the default rule would call "good" positive (the second in text order).
  Result<Labels> by_rule =
      EncodeLabels(*Strings({"good", "bad", "good"}), "risk", config::Task::kAuto);
  ASSERT_TRUE(by_rule.ok());
  EXPECT_THAT(by_rule->classes, ElementsAre("bad", "good"));
  Result<Labels> l =
      EncodeLabels(*Strings({"good", "bad", "good"}), "risk", config::Task::kAuto, "bad");
  ASSERT_TRUE(l.ok()) << l.status().ToString();
  EXPECT_THAT(l->classes, ElementsAre("good", "bad"));
  EXPECT_THAT(l->y, ElementsAre(0, 1, 0));
  // "neg" is a negative spelling.
  Result<Labels> neg = EncodeLabels(*Strings({"pos", "neg"}), "t", config::Task::kAuto);
  ASSERT_TRUE(neg.ok());
  EXPECT_THAT(neg->classes, ElementsAre("neg", "pos"));
}

TEST(LabelsTest, APositiveClassThatIsNoValueOrOfANonBinaryTargetIsRefused) {
  Result<Labels> typo = EncodeLabels(*Strings({"good", "bad"}), "risk", config::Task::kAuto, "Bad");
  ASSERT_EQ(typo.status().code(), StatusCode::kDataError);
  EXPECT_THAT(typo.status().message(),
              HasSubstr("model_config.positive_class 'Bad' is not a value of target column "
                        "'risk' (its values: bad, good) (did you mean 'bad'?)"));
  Result<Labels> three = EncodeLabels(*Strings({"a", "b", "c"}), "t", config::Task::kAuto, "a");
  ASSERT_EQ(three.status().code(), StatusCode::kConfigError);
  EXPECT_THAT(three.status().message(), HasSubstr("applies to binary targets"));
  EXPECT_THAT(three.status().message(), HasSubstr("is a 3-class target"));
  Result<Labels> regression = EncodeLabels(*Numbers<arrow::DoubleBuilder, double>({1.5, 2.5}),
                                           "price", config::Task::kAuto, "1.5");
  ASSERT_EQ(regression.status().code(), StatusCode::kConfigError);
  EXPECT_THAT(regression.status().message(), HasSubstr("is a regression target"));
  // Braces in the user's text are text, not format fields.
  Result<Labels> braces = EncodeLabels(*Numbers<arrow::DoubleBuilder, double>({1.5, 2.5}), "p{0}",
                                       config::Task::kAuto, "{}");
  ASSERT_EQ(braces.status().code(), StatusCode::kConfigError);
  EXPECT_THAT(braces.status().message(), HasSubstr("'{}' applies to binary targets, but target "
                                                   "column 'p{0}' is a regression target"));
}

TEST(LabelsTest, BooleansAreBinary) {
  arrow::BooleanBuilder b;
  ASSERT_TRUE(b.AppendValues(std::vector<bool>{true, false, true}).ok());
  Result<Labels> l =
      EncodeLabels(arrow::ChunkedArray(b.Finish().ValueOrDie()), "t", config::Task::kAuto);
  ASSERT_TRUE(l.ok());
  EXPECT_THAT(l->classes, ElementsAre("false", "true"));
  EXPECT_THAT(l->y, ElementsAre(1, 0, 1));
}

TEST(LabelsTest, SmallIntegerSetIsMulticlassInNumericOrder) {
  Result<Labels> l = EncodeLabels(*Numbers<arrow::Int64Builder, int64_t>({10, 2, 9, 2}), "grade",
                                  config::Task::kAuto);
  ASSERT_TRUE(l.ok());
  EXPECT_EQ(l->task, Task::kMulticlass);
  EXPECT_THAT(l->classes, ElementsAre("2", "9", "10"));
  EXPECT_THAT(l->y, ElementsAre(2, 0, 1, 0));
}

TEST(LabelsTest, ManyIntegersAndFloatsAreRegression) {
  std::vector<int64_t> many;
  for (int64_t i = 0; i < 21; ++i) many.push_back(i);
  Result<Labels> ints = EncodeLabels(*Numbers<arrow::Int64Builder>(many), "n", config::Task::kAuto);
  EXPECT_EQ(ints->task, Task::kRegression);
  Result<Labels> floats = EncodeLabels(*Numbers<arrow::DoubleBuilder, double>({1.5, 2.5}), "price",
                                       config::Task::kAuto);
  ASSERT_TRUE(floats.ok());
  EXPECT_EQ(floats->task, Task::kRegression);
  EXPECT_THAT(floats->y, ElementsAre(1.5f, 2.5f));
  EXPECT_TRUE(floats->classes.empty());
}

TEST(LabelsTest, RequestedTaskOverridesDetection) {
  Result<Labels> cls = EncodeLabels(*Numbers<arrow::DoubleBuilder, double>({0.0, 1.0, 1.0}), "t",
                                    config::Task::kBinary);
  ASSERT_TRUE(cls.ok());
  EXPECT_EQ(cls->task, Task::kBinary);
  EXPECT_THAT(cls->classes, ElementsAre("0", "1"));
  Result<Labels> reg =
      EncodeLabels(*Numbers<arrow::Int64Builder, int64_t>({1, 2}), "t", config::Task::kRegression);
  EXPECT_EQ(reg->task, Task::kRegression);
  Result<Labels> two = EncodeLabels(*Strings({"a", "b"}), "t", config::Task::kMulticlass);
  EXPECT_EQ(two->task, Task::kBinary);  // two classes always train as binary
  Result<Labels> three = EncodeLabels(*Strings({"a", "b", "c"}), "t", config::Task::kBinary);
  EXPECT_EQ(three.status().code(), StatusCode::kDataError);
  EXPECT_THAT(three.status().message(), HasSubstr("3 classes"));
  Result<Labels> text = EncodeLabels(*Strings({"a", "b"}), "t", config::Task::kRegression);
  EXPECT_EQ(text.status().code(), StatusCode::kDataError);
}

TEST(LabelsTest, NullsAndSingleClassAreDataErrors) {
  Result<Labels> nulls = EncodeLabels(*Strings({"yes", std::nullopt, "no", std::nullopt}), "churn",
                                      config::Task::kAuto);
  ASSERT_EQ(nulls.status().code(), StatusCode::kDataError);
  EXPECT_THAT(nulls.status().message(), HasSubstr("'churn' has 2 missing value(s) out of 4 rows"));
  Result<Labels> nan = EncodeLabels(*Numbers<arrow::DoubleBuilder, double>({1.0, std::nan("")}),
                                    "y", config::Task::kAuto);
  EXPECT_EQ(nan.status().code(), StatusCode::kDataError);
  Result<Labels> single = EncodeLabels(*Strings({"yes", "yes"}), "churn", config::Task::kAuto);
  EXPECT_THAT(single.status().message(), HasSubstr("single value 'yes'"));
}

TEST(LabelsTest, EncodeWithClassesUsesTrainingOrder) {
  Result<std::vector<float>> y = EncodeWithClasses(*Strings({"no", "yes"}), "churn", {"no", "yes"});
  ASSERT_TRUE(y.ok());
  EXPECT_THAT(*y, ElementsAre(0, 1));
  Result<std::vector<float>> unknown =
      EncodeWithClasses(*Strings({"no", "maybe"}), "churn", {"no", "yes"});
  ASSERT_EQ(unknown.status().code(), StatusCode::kDataError);
  EXPECT_THAT(unknown.status().message(), HasSubstr("row 2 has label 'maybe'"));
  EXPECT_THAT(unknown.status().message(), HasSubstr("known classes: no, yes"));
  // Integer labels seen as doubles at evaluation still match ("1" == 1.0).
  Result<std::vector<float>> mixed =
      EncodeWithClasses(*Numbers<arrow::DoubleBuilder, double>({1.0, 0.0}), "t", {"0", "1"});
  ASSERT_TRUE(mixed.ok()) << mixed.status().ToString();
  EXPECT_THAT(*mixed, ElementsAre(1, 0));
}

TEST(LabelsTest, EncodeRegressionTarget) {
  Result<std::vector<float>> y =
      EncodeRegressionTarget(*Numbers<arrow::Int32Builder, int32_t>({3, -1}), "t");
  ASSERT_TRUE(y.ok());
  EXPECT_THAT(*y, ElementsAre(3, -1));
  EXPECT_FALSE(EncodeRegressionTarget(*Strings({"a"}), "t").ok());
}

}  // namespace
}  // namespace mlpipe::engine
