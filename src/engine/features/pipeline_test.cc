#include "engine/features/pipeline.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/features/test_tables.h"
#include "engine/io/feature_matrix.h"
#include "engine/io/table_reader.h"

namespace mlpipe::engine {
namespace {

using testing::Doubles;
using ::testing::HasSubstr;
using testing::TableFromCsv;
using Kind = config::StepSpec::Kind;

constexpr char kData[] =
    "id,x,color,label\n"
    "1,1,red,yes\n"
    "2,,blue,no\n"
    "3,3,red,yes\n"
    "4,8,,no\n"
    "5,2,green,no\n";

std::vector<config::StepSpec> Steps() {
  config::StepSpec impute;
  impute.kind = Kind::kImpute;
  impute.method = "median";
  config::StepSpec derive;
  derive.kind = Kind::kDerive;
  derive.expression = "x * 2";
  derive.output = "x2";
  config::StepSpec scale;
  scale.kind = Kind::kScale;
  scale.method = "standard";
  config::StepSpec encode;
  encode.kind = Kind::kEncode;
  encode.method = "onehot";
  encode.where = {"job.yaml", 12, 5};
  config::StepSpec filter;
  filter.kind = Kind::kFilter;
  filter.expression = "x2 > -100";
  return {impute, derive, scale, encode, filter};
}

TEST(FittedPipelineTest, JsonRoundTripGivesIdenticalOutput) {
  auto table = TableFromCsv(kData);
  auto p = FittedPipeline::Fit(Steps(), *table, FitOptions{"label", {"id"}});
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  const nlohmann::json j = p->ToJson();
  auto back = FittedPipeline::FromJson(nlohmann::json::parse(j.dump()));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->ToJson(), j);
  EXPECT_EQ(back->OutputColumns(), p->OutputColumns());
  auto fresh = TableFromCsv("id,x,color\n7,,red\n8,100,purple\n");
  auto a = p->Transform(*fresh, RowPolicy::kKeepAllRows);
  auto b = back->Transform(*fresh, RowPolicy::kKeepAllRows);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_TRUE((*a)->Equals(**b)) << (*a)->ToString() << "\n" << (*b)->ToString();
  EXPECT_EQ((*a)->schema()->field_names(),
            (std::vector<std::string>{"id", "x", "color=blue", "color=green", "color=red", "x2"}));
}

TEST(FittedPipelineTest, OutputColumnsAndFeatureMatrix) {
  auto table = TableFromCsv(kData);
  auto p = FittedPipeline::Fit(Steps(), *table, FitOptions{"label", {"id"}});
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->OutputColumns(), (std::vector<std::string>{"id", "x", "color=blue", "color=green",
                                                          "color=red", "label", "x2"}));
  auto t = p->Transform(*table, RowPolicy::kApplyRowSteps);
  ASSERT_TRUE(t.ok());
  auto m = BuildFeatureMatrix(**t, {"x", "color=red", "x2"});
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->rows, 5);
}

TEST(FittedPipelineTest, ErrorsNameTheStepAndLocation) {
  auto steps = Steps();
  steps[3].columns = {"colour"};
  auto p = FittedPipeline::Fit(steps, *TableFromCsv(kData), FitOptions{"label", {"id"}});
  ASSERT_FALSE(p.ok());
  EXPECT_THAT(p.status().message(), HasSubstr("step 4 (encode at job.yaml:12:5)"));
  EXPECT_THAT(p.status().message(), HasSubstr("did you mean 'color'?"));
}

TEST(FittedPipelineTest, UnknownVersionAndMalformedJson) {
  FittedPipeline empty;
  nlohmann::json j = empty.ToJson();
  j["version"] = 99;
  auto v = FittedPipeline::FromJson(j);
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.status().code(), StatusCode::kDataError);
  EXPECT_THAT(v.status().message(), HasSubstr("version 99"));
  auto m = FittedPipeline::FromJson(nlohmann::json{{"version", 1}});
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.status().code(), StatusCode::kDataError);
}

TEST(FittedPipelineTest, KeepAllRowsToleratesMissingTarget) {
  config::StepSpec select;
  select.kind = Kind::kSelect;
  select.columns = {"x", "label"};
  auto p = FittedPipeline::Fit({select}, *TableFromCsv(kData), FitOptions{"label", {}});
  ASSERT_TRUE(p.ok());
  auto t = p->Transform(*TableFromCsv("x,other\n1,2\n"), RowPolicy::kKeepAllRows);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ((*t)->schema()->field_names(), (std::vector<std::string>{"x"}));
  auto strict = p->Transform(*TableFromCsv("x,other\n1,2\n"), RowPolicy::kApplyRowSteps);
  EXPECT_FALSE(strict.ok());
}

TEST(FittedPipelineTest, RealChurnDataImputesElevenBlankTotalCharges) {
  auto table = ReadTable(fs::path(MLPIPE_CHURN_DATA_DIR) / "wa_churn.csv");
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  config::StepSpec impute;
  impute.kind = Kind::kImpute;
  impute.method = "median";
  config::StepSpec encode;
  encode.kind = Kind::kEncode;
  encode.method = "onehot";
  auto p = FittedPipeline::Fit({impute, encode}, **table, FitOptions{"churn", {}});
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->ToJson()["steps"][0]["fitted"].size(), 1u);  // only total_charges had nulls
  auto t = p->Transform(**table, RowPolicy::kApplyRowSteps);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ((*t)->num_rows(), 7043);
  EXPECT_EQ((*t)->GetColumnByName("total_charges")->null_count(), 0);
  EXPECT_NE((*t)->GetColumnByName("contract=Month-to-month"), nullptr);
  EXPECT_EQ((*t)->GetColumnByName("churn")->type()->id(), arrow::Type::STRING);
  std::vector<std::string> features;
  for (const auto& name : (*t)->schema()->field_names()) {
    if (name != "churn") features.push_back(name);
  }
  auto m = BuildFeatureMatrix(**t, features);
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  for (float v : m->values) ASSERT_FALSE(std::isnan(v));
}

}  // namespace
}  // namespace mlpipe::engine
