// Each step's fit and transform through FittedPipeline, with hand-computed expected values.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/features/pipeline.h"
#include "engine/features/test_tables.h"

namespace mlpipe::engine {
namespace {

using testing::Doubles;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::Strings;
using testing::TableFromCsv;
using Kind = config::StepSpec::Kind;
using D = std::vector<std::optional<double>>;

constexpr char kData[] =
    "id,x,y,color,label\n"
    "1,1,10,red,yes\n"
    "2,,20,blue,no\n"
    "3,3,,red,yes\n"
    "4,8,40,,no\n"
    "5,2,50,green,no\n";

config::StepSpec Spec(Kind kind, std::vector<std::string> columns = {}, std::string method = "") {
  config::StepSpec s;
  s.kind = kind;
  s.columns = std::move(columns);
  s.method = std::move(method);
  return s;
}

FitOptions Opts() { return FitOptions{"label", {"id"}}; }

Result<std::shared_ptr<arrow::Table>> FitTransform(const std::vector<config::StepSpec>& steps,
                                                   const std::string& csv = kData) {
  auto table = TableFromCsv(csv);
  MLPIPE_ASSIGN_OR_RETURN(FittedPipeline p, FittedPipeline::Fit(steps, *table, Opts()));
  return p.Transform(*table, RowPolicy::kApplyRowSteps);
}

TEST(SelectDropCastTest, ReshapeAndRetype) {
  auto sel = FitTransform({Spec(Kind::kSelect, {"y", "id"})});
  ASSERT_TRUE(sel.ok()) << sel.status().ToString();
  EXPECT_EQ((*sel)->schema()->field_names(), (std::vector<std::string>{"y", "id"}));
  auto drop = FitTransform({Spec(Kind::kDrop, {"color", "x"})});
  ASSERT_TRUE(drop.ok()) << drop.status().ToString();
  EXPECT_EQ((*drop)->schema()->field_names(), (std::vector<std::string>{"id", "y", "label"}));
  auto typo = FitTransform({Spec(Kind::kDrop, {"colour"})});
  ASSERT_FALSE(typo.ok());
  EXPECT_THAT(typo.status().message(), HasSubstr("step 1 (drop)"));
  EXPECT_THAT(typo.status().message(),
              HasSubstr("'colour' does not exist (did you mean 'color'?)"));
  config::StepSpec cast = Spec(Kind::kCast);
  cast.cast_types = {{"id", "double"}, {"x", "string"}};
  auto c = FitTransform({cast});
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(Doubles(**c, "id"), (D{1, 2, 3, 4, 5}));
  EXPECT_EQ(Strings(**c, "x")[2], "3");
  cast.cast_types = {{"color", "int64"}};
  auto bad = FitTransform({cast});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kDataError);
  EXPECT_THAT(bad.status().message(), HasSubstr("cannot cast column 'color' from string to int64"));
}

TEST(FilterDeriveTest, FilterDropsRowsAndDeriveAddsFloatColumn) {
  config::StepSpec filter = Spec(Kind::kFilter);
  filter.expression = "y > 15 and color != 'green'";
  config::StepSpec derive = Spec(Kind::kDerive);
  derive.expression = "y / 10 + x";
  derive.output = "z";
  auto t = FitTransform({filter, derive});
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  // Row 3 (y null) and row 4 (color null) give null and are dropped; row 5 is green.
  EXPECT_EQ(Doubles(**t, "z"), (D{std::nullopt}));
  EXPECT_EQ((*t)->num_rows(), 1);
  auto table = TableFromCsv(kData);
  auto p = FittedPipeline::Fit({filter, derive}, *table, Opts());
  ASSERT_TRUE(p.ok());
  auto all = p->Transform(*table, RowPolicy::kKeepAllRows);
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  EXPECT_EQ(Doubles(**all, "z"), (D{2, std::nullopt, std::nullopt, 12, 7}));
}

TEST(ImputeTest, StrategiesWithHandComputedFills) {
  // x non-null: 1,3,8,2 -> mean 3.5, median 2.5; y: 10,20,40,50 -> mean 30, median 30.
  auto mean = FitTransform({Spec(Kind::kImpute, {}, "mean")});
  ASSERT_TRUE(mean.ok()) << mean.status().ToString();
  EXPECT_EQ(Doubles(**mean, "x"), (D{1, 3.5, 3, 8, 2}));
  EXPECT_EQ(Doubles(**mean, "y"), (D{10, 20, 30, 40, 50}));
  EXPECT_EQ((*mean)->GetColumnByName("color")->null_count(), 1);  // strings are not averaged
  auto median = FitTransform({Spec(Kind::kImpute, {"x"}, "median")});
  ASSERT_TRUE(median.ok()) << median.status().ToString();
  EXPECT_EQ(Doubles(**median, "x"), (D{1, 2.5, 3, 8, 2}));
  auto frequent = FitTransform({Spec(Kind::kImpute, {"color"}, "most_frequent")});
  ASSERT_TRUE(frequent.ok()) << frequent.status().ToString();
  EXPECT_EQ(Strings(**frequent, "color")[3], "red");
  config::StepSpec constant = Spec(Kind::kImpute, {}, "constant");
  constant.fill_value = "unknown";
  auto c = FitTransform({constant});
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(Strings(**c, "color")[3], "unknown");
  EXPECT_EQ((*c)->GetColumnByName("x")->null_count(), 1);  // "unknown" does not fit int64
  auto wrong = FitTransform({Spec(Kind::kImpute, {"color"}, "mean")});
  ASSERT_FALSE(wrong.ok());
  EXPECT_THAT(wrong.status().message(), HasSubstr("needs a numeric column, but 'color' is string"));
}

TEST(ImputeTest, DefaultColumnsSkipTargetAndIds) {
  const std::string csv = "id,x,label\n1,2,\n,4,1\n3,,0\n";
  auto t = FitTransform({Spec(Kind::kImpute, {}, "mean")}, csv);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(Doubles(**t, "x"), (D{2, 4, 3}));
  EXPECT_EQ((*t)->GetColumnByName("id")->null_count(), 1);
  EXPECT_EQ((*t)->GetColumnByName("label")->null_count(), 1);
}

TEST(ScaleTest, StandardAndMinMax) {
  // y: 10,20,40,50 (one null): mean 30, population std sqrt(250).
  auto std_scaled = FitTransform({Spec(Kind::kScale, {"y"}, "standard")});
  ASSERT_TRUE(std_scaled.ok()) << std_scaled.status().ToString();
  const double s = std::sqrt(250.0);
  auto y = Doubles(**std_scaled, "y");
  ASSERT_EQ(y.size(), 5u);
  EXPECT_DOUBLE_EQ(*y[0], -20 / s);
  EXPECT_DOUBLE_EQ(*y[1], -10 / s);
  EXPECT_FALSE(y[2].has_value());
  EXPECT_DOUBLE_EQ(*y[4], 20 / s);
  // Default columns: numeric, not target/id -> x and y.
  auto mm = FitTransform({Spec(Kind::kScale, {}, "minmax")});
  ASSERT_TRUE(mm.ok()) << mm.status().ToString();
  EXPECT_EQ(Doubles(**mm, "x"), (D{0, std::nullopt, 2.0 / 7, 1, 1.0 / 7}));
  EXPECT_EQ(Doubles(**mm, "y"), (D{0, 0.25, std::nullopt, 0.75, 1}));
  EXPECT_EQ((*mm)->GetColumnByName("id")->type()->id(), arrow::Type::INT64);
}

TEST(EncodeTest, OneHotNamesUnseenAndNulls) {
  auto table = TableFromCsv(kData);
  auto p = FittedPipeline::Fit({Spec(Kind::kEncode, {}, "onehot")}, *table, Opts());
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_THAT(p->OutputColumns(),
              ElementsAre("id", "x", "y", "color=blue", "color=green", "color=red", "label"));
  auto fresh = TableFromCsv("id,x,y,color\n9,1,1,purple\n10,1,1,red\n");
  auto t = p->Transform(*fresh, RowPolicy::kKeepAllRows);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(Doubles(**t, "color=red"), (D{0, 1}));
  EXPECT_EQ(Doubles(**t, "color=blue"), (D{0, 0}));
  auto train = p->Transform(*table, RowPolicy::kApplyRowSteps);
  ASSERT_TRUE(train.ok());
  EXPECT_EQ(Doubles(**train, "color=green"), (D{0, 0, 0, std::nullopt, 1}));
}

TEST(EncodeTest, MaxCategoriesFoldsRareIntoOther) {
  config::StepSpec enc = Spec(Kind::kEncode, {"color"}, "onehot");
  enc.max_categories = 2;  // red (2 rows) kept; blue and green folded
  auto table = TableFromCsv(kData);
  auto p = FittedPipeline::Fit({enc}, *table, Opts());
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  auto t = p->Transform(*TableFromCsv("color\nred\nblue\ngreen\nteal\n"), RowPolicy::kKeepAllRows);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ((*t)->schema()->field_names(),
            (std::vector<std::string>{"color=red", "color=__other__"}));
  EXPECT_EQ(Doubles(**t, "color=red"), (D{1, 0, 0, 0}));
  EXPECT_EQ(Doubles(**t, "color=__other__"), (D{0, 1, 1, 0}));
}

TEST(EncodeTest, OrdinalAndUnknownHandling) {
  config::StepSpec enc = Spec(Kind::kEncode, {"color"}, "ordinal");
  auto table = TableFromCsv(kData);
  auto p = FittedPipeline::Fit({enc}, *table, Opts());
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  auto t =
      p->Transform(*TableFromCsv("color,n\ngreen,1\nteal,2\n,3\nred,4\n"), RowPolicy::kKeepAllRows);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(Doubles(**t, "color"), (D{1, -1, std::nullopt, 2}));  // blue=0 green=1 red=2
  enc.handle_unknown = "error";
  auto strict = FittedPipeline::Fit({enc}, *table, Opts());
  ASSERT_TRUE(strict.ok());
  auto err = strict->Transform(*TableFromCsv("color\nteal\n"), RowPolicy::kKeepAllRows);
  ASSERT_FALSE(err.ok());
  EXPECT_EQ(err.status().code(), StatusCode::kDataError);
  EXPECT_THAT(err.status().message(), HasSubstr("column 'color' has value 'teal'"));
}

TEST(DedupeTest, ExactRowsOrKeyColumns) {
  const std::string csv = "k,v\na,1\nb,2\na,1\na,3\n,4\n,4\n";
  auto exact = FitTransform({Spec(Kind::kDedupe)}, csv);
  ASSERT_TRUE(exact.ok()) << exact.status().ToString();
  EXPECT_EQ((*exact)->num_rows(), 4);  // a1 b2 a3 null4
  auto keyed = FitTransform({Spec(Kind::kDedupe, {"k"})}, csv);
  ASSERT_TRUE(keyed.ok()) << keyed.status().ToString();
  EXPECT_EQ(Strings(**keyed, "k"),
            (std::vector<std::optional<std::string>>{"a", "b", std::nullopt}));
}

TEST(StepsTest, FitStatisticsSeeRowsAfterEarlierSteps) {
  config::StepSpec filter = Spec(Kind::kFilter);
  filter.expression = "x < 5";  // keeps x = 1, 3, 2
  auto t = FitTransform({filter, Spec(Kind::kScale, {"x"}, "minmax")});
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(Doubles(**t, "x"), (D{0, 1, 0.5}));
}

}  // namespace
}  // namespace mlpipe::engine
