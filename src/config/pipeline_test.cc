// data_config.feature_pipeline: every step shape, and errors with the YAML location.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config/config_test_util.h"
#include "config/loader.h"
#include "mlpipe_testing/temp_dir.h"

namespace mlpipe::config {
namespace {

using mlpipe::testing::TempDir;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::LoadOne;
using Kind = StepSpec::Kind;

TEST(PipelineTest, DecodesEveryStepKind) {
  TempDir dir;
  const std::string file = dir.Write("c.yaml", R"y(data_config:
  feature_pipeline:
    - select: [a, b, c]
    - drop: [c]
    - filter: "a >= 0"
    - cast: {a: double, b: string}
    - impute: {strategy: constant, columns: [b], fill_value: "unknown"}
    - scale: {method: minmax}
    - encode: {method: ordinal, columns: [b], handle_unknown: error, max_categories: 5}
    - derive: {name: r, expr: "a / (c + 1)"}
    - dedupe: {columns: [a]}
    - dedupe: true
)y")
                               .string();
  Result<JobConfig> c = LoadOne(file);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  const std::vector<StepSpec>& s = c->data.feature_pipeline;
  ASSERT_EQ(s.size(), 10u);
  EXPECT_EQ(s[0].kind, Kind::kSelect);
  EXPECT_THAT(s[0].columns, ElementsAre("a", "b", "c"));
  EXPECT_EQ(s[0].where.ToString(), file + ":3:7");
  EXPECT_EQ(s[2].expression, "a >= 0");
  EXPECT_EQ(s[3].cast_types.at("b"), "string");
  EXPECT_EQ(s[4].method, "constant");
  EXPECT_EQ(s[4].fill_value, "unknown");
  EXPECT_EQ(s[5].method, "minmax");
  EXPECT_TRUE(s[5].columns.empty());
  EXPECT_EQ(s[6].handle_unknown, "error");
  EXPECT_EQ(s[6].max_categories, 5);
  EXPECT_EQ(s[7].output, "r");
  EXPECT_EQ(s[7].expression, "a / (c + 1)");
  EXPECT_THAT(s[8].columns, ElementsAre("a"));
  EXPECT_EQ(s[9].kind, Kind::kDedupe);
  EXPECT_TRUE(s[9].columns.empty());
}

TEST(PipelineTest, ReportsEveryBadStepWithLocation) {
  TempDir dir;
  const std::string file = dir.Write("c.yaml", R"y(data_config:
  feature_pipeline:
    - imputee: {strategy: mean}
    - impute: {strategy: avg}
    - cast: {a: float}
    - filter: "a >> 1"
    - derive: {expr: "sqrt(a"}
    - scale: {method: standard, colums: [a]}
    - impute: {strategy: constant}
    - {select: [a], drop: [b]}
)y")
                               .string();
  const std::string err = LoadOne(file).status().message();
  const auto at = [&](int line, int col) {
    return file + ":" + std::to_string(line) + ":" + std::to_string(col);
  };
  EXPECT_THAT(err,
              HasSubstr(at(3, 7) + ": data_config.feature_pipeline[0]: unknown step 'imputee' (did "
                                   "you mean 'impute'?)"));
  EXPECT_THAT(
      err, HasSubstr(at(4, 26) + ": data_config.feature_pipeline[1].impute.strategy: 'avg' is not "
                                 "one of mean, median, most_frequent, constant"));
  EXPECT_THAT(
      err, HasSubstr(at(5, 17) + ": data_config.feature_pipeline[2].cast.a: unknown type 'float'"));
  EXPECT_THAT(err,
              HasSubstr(at(6, 15) + ": invalid expression 'a >> 1': unexpected '>' at offset 3"));
  EXPECT_THAT(
      err, HasSubstr(at(7, 22) + ": invalid expression 'sqrt(a': missing ')' after the arguments "
                                 "of sqrt() at offset 6"));
  EXPECT_THAT(err, HasSubstr("derive needs name"));
  EXPECT_THAT(
      err, HasSubstr(at(8, 33) + ": unknown key 'colums' in data_config.feature_pipeline[5].scale "
                                 "(did you mean 'columns'?)"));
  EXPECT_THAT(err, HasSubstr("feature_pipeline[6].impute: strategy constant needs fill_value"));
  EXPECT_THAT(err, HasSubstr(at(10, 7) +
                             ": data_config.feature_pipeline[7]: each step is a map with one key"));
}

TEST(PipelineTest, ASnapshotKeepsWhereEachStepWasFirstWritten) {
  TempDir dir;
  const std::string file = dir.Write("user.yaml", R"y(data_config:
  feature_pipeline:
    - select: [a, b]
    - impute: {strategy: median, columns: [b]}
)y")
                               .string();
  Result<JobConfig> user = LoadOne(file);
  ASSERT_TRUE(user.ok()) << user.status().ToString();
  const std::string snapshot = dir.Write("snapshot.yaml", RenderYaml(*user)).string();
  Result<JobConfig> run = LoadOne(snapshot);
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  ASSERT_EQ(run->data.feature_pipeline.size(), 2u);
  EXPECT_EQ(run->data.feature_pipeline[0].where.ToString(), file + ":3:7");
  EXPECT_EQ(run->data.feature_pipeline[1].where.ToString(), file + ":4:7");
  EXPECT_THAT(run->data.feature_pipeline[1].columns, ElementsAre("b"));
}

TEST(PipelineTest, AMalformedWrittenAtIsAnErrorAndASecondStepKeyStillIs) {
  TempDir dir;
  const std::string file = dir.Write("c.yaml", R"y(data_config:
  feature_pipeline:
    - select: [a]
      written_at: "nowhere"
    - select: [a]
      drop: [b]
)y")
                               .string();
  Result<JobConfig> c = LoadOne(file);
  ASSERT_FALSE(c.ok());
  EXPECT_THAT(
      c.status().message(),
      HasSubstr(file +
                ":4:19: data_config.feature_pipeline[0].written_at: expected file:line:col"));
  EXPECT_THAT(c.status().message(),
              HasSubstr("feature_pipeline[1]: each step is a map with one key"));
}

}  // namespace
}  // namespace mlpipe::config
