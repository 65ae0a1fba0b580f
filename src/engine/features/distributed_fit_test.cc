// Fitting step by step over parts of the data (the Spark path: CollectStepStats per part, merge,
// AppendFitted) gives the same pipeline as FittedPipeline::Fit on all rows at once.
#include <arrow/compute/api.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <limits>
#include <map>
#include <unordered_set>

#include "engine/features/pipeline.h"
#include "engine/features/split.h"
#include "engine/features/test_tables.h"
#include "engine/io/table_reader.h"

namespace mlpipe::engine {
namespace {

using Kind = config::StepSpec::Kind;
using Parts = std::vector<std::shared_ptr<arrow::RecordBatch>>;

// The value of `r`; aborts the test binary with the error otherwise.
template <typename T>
T Must(Result<T> r) {
  if (!r.ok()) {
    ADD_FAILURE() << r.status().ToString();
    std::abort();
  }
  return std::move(r).value();
}

config::StepSpec Step(Kind kind, std::string method = "", std::vector<std::string> columns = {}) {
  config::StepSpec s;
  s.kind = kind;
  s.method = std::move(method);
  s.columns = std::move(columns);
  return s;
}

// The steps of examples/job_config.yaml.
std::vector<config::StepSpec> ExampleSteps() {
  config::StepSpec derive = Step(Kind::kDerive);
  derive.output = "charges_per_month";
  derive.expression = "total_charges / (tenure + 1)";
  config::StepSpec filter = Step(Kind::kFilter);
  filter.expression = "tenure >= 0";
  return {Step(Kind::kImpute, "median", {"total_charges"}),
          derive,
          filter,
          Step(Kind::kDedupe),
          Step(Kind::kEncode, "onehot",
               {"multiple_lines", "internet_service", "online_security", "online_backup",
                "device_protection", "tech_support", "streaming_tv", "streaming_movies", "contract",
                "payment_method"}),
          Step(Kind::kScale, "standard",
               {"tenure", "monthly_charges", "total_charges", "charges_per_month"})};
}

Parts Split(const arrow::Table& table, int n_parts) {
  auto batch = table.CombineChunksToBatch().ValueOrDie();
  Parts parts;
  const int64_t size = (batch->num_rows() + n_parts - 1) / n_parts;
  for (int64_t offset = 0; offset < batch->num_rows(); offset += size)
    parts.push_back(batch->Slice(offset, size));
  return parts;
}

// The Spark driver's algorithm on in-memory parts: statistics per part, serialized and merged; a
// dedupe step keeps the first row of each key over all parts in order.
FittedPipeline FitDistributed(const std::vector<config::StepSpec>& steps, Parts parts,
                              const FitOptions& opts) {
  const auto input_schema = parts.front()->schema();
  FittedPipeline p = FittedPipeline::Empty(opts);
  for (size_t i = 0; i < steps.size(); ++i) {
    StepFitStats merged;
    for (const auto& part : parts) {
      auto stats = p.CollectStepStats(steps[i], *part);
      EXPECT_TRUE(stats.ok()) << stats.status().ToString();
      auto shipped = StepFitStats::Deserialize(stats->Serialize());
      EXPECT_TRUE(shipped.ok()) << shipped.status().ToString();
      merged.Merge(*shipped);
    }
    auto next = p.AppendFitted(steps[i], merged, *input_schema);
    EXPECT_TRUE(next.ok()) << next.status().ToString();
    p = *next;
    std::unordered_set<std::string> seen;
    for (auto& part : parts) {
      if (steps[i].kind == Kind::kDedupe) {
        auto keys = Must(p.RowKeys(i, *part));
        const auto& binary = static_cast<const arrow::BinaryArray&>(*keys);
        arrow::BooleanBuilder keep;
        for (int64_t r = 0; r < binary.length(); ++r)
          EXPECT_TRUE(keep.Append(seen.insert(binary.GetString(r)).second).ok());
        auto mask = keep.Finish().ValueOrDie();
        part = arrow::compute::Filter(part, mask).ValueOrDie().record_batch();
      } else {
        part = Must(p.TransformBatch(*part, RowPolicy::kApplyRowSteps, i));
      }
    }
  }
  return p;
}

// Equal JSON, numbers compared with a relative tolerance (merged moments differ in rounding only).
void ExpectSameJson(const nlohmann::json& a, const nlohmann::json& b,
                    const std::string& where = "") {
  ASSERT_EQ(a.type(), b.type()) << where << ": " << a << " vs " << b;
  if (a.is_number_float()) {
    EXPECT_NEAR(a.get<double>(), b.get<double>(), 1e-12 * std::max(1.0, std::abs(a.get<double>())))
        << where;
  } else if (a.is_object()) {
    ASSERT_EQ(a.size(), b.size()) << where;
    for (const auto& [key, value] : a.items()) {
      ASSERT_TRUE(b.contains(key)) << where << "/" << key;
      ExpectSameJson(value, b.at(key), where + "/" + key);
    }
  } else if (a.is_array()) {
    ASSERT_EQ(a.size(), b.size()) << where;
    for (size_t i = 0; i < a.size(); ++i)
      ExpectSameJson(a[i], b[i], where + "/" + std::to_string(i));
  } else {
    EXPECT_EQ(a, b) << where;
  }
}

TEST(DistributedFitTest, ExamplePipelineOnChurnEqualsWholeTableFit) {
  auto table = ReadTable(fs::path(MLPIPE_CHURN_DATA_DIR) / "wa_churn.csv");
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  // Duplicates across parts, so the global dedupe matters.
  auto doubled = arrow::ConcatenateTables({*table, (*table)->Slice(0, 500)}).ValueOrDie();
  const FitOptions opts{"churn", {}};
  auto whole = FittedPipeline::Fit(ExampleSteps(), *doubled, opts);
  ASSERT_TRUE(whole.ok()) << whole.status().ToString();
  for (int n_parts : {1, 3, 7}) {
    FittedPipeline parts = FitDistributed(ExampleSteps(), Split(*doubled, n_parts), opts);
    SCOPED_TRACE(n_parts);
    ExpectSameJson(parts.ToJson(), whole->ToJson());
    EXPECT_EQ(parts.OutputColumns(), whole->OutputColumns());
  }
}

TEST(DistributedFitTest, DefaultColumnsFollowNullsInAnyPart) {
  // x has its only null in the second part; y has none; every method and default column choice.
  auto table = testing::TableFromCsv(
      "id,x,y,color,label\n1,1,5,red,a\n2,3,5,blue,b\n3,4,6,red,a\n4,,7,,b\n5,2,9,green,a\n6,2,8,"
      "red,b\n");
  const FitOptions opts{"label", {"id"}};
  for (const char* method : {"mean", "median", "most_frequent"}) {
    const std::vector<config::StepSpec> steps = {
        Step(Kind::kImpute, method), Step(Kind::kScale, "minmax"), Step(Kind::kEncode, "ordinal")};
    auto whole = FittedPipeline::Fit(steps, *table, opts);
    ASSERT_TRUE(whole.ok()) << whole.status().ToString();
    FittedPipeline parts = FitDistributed(steps, Split(*table, 2), opts);
    SCOPED_TRACE(method);
    ExpectSameJson(parts.ToJson(), whole->ToJson());
    EXPECT_TRUE(parts.ToJson()["steps"][0]["fitted"].contains("x")) << parts.ToJson().dump();
    EXPECT_FALSE(parts.ToJson()["steps"][0]["fitted"].contains("y")) << parts.ToJson().dump();
  }
}

TEST(DistributedFitTest, ErrorsNameTheStepOnEveryPart) {
  auto table = testing::TableFromCsv("x,label\n1,a\n2,b\n");
  FittedPipeline p = FittedPipeline::Empty({"label", {}});
  auto stats = p.CollectStepStats(Step(Kind::kScale, "standard", {"nope"}),
                                  *table->CombineChunksToBatch().ValueOrDie());
  ASSERT_FALSE(stats.ok());
  EXPECT_THAT(stats.status().message(), ::testing::HasSubstr("feature_pipeline step 1 (scale)"));
  EXPECT_THAT(stats.status().message(), ::testing::HasSubstr("'nope' does not exist"));
}

TEST(DistributedFitTest, StatsSurviveSerializationExactly) {
  StepFitStats stats;
  ColumnFitStats& c = stats.Add("x");
  c.rows = 3;
  c.nulls = 1;
  c.moments = NumericStats{2, 0.1, std::nan(""), -std::numeric_limits<double>::infinity(), 1e300};
  c.categories = CategoryCounts{{{"a", 2}, {"", 1}}};
  c.values = ValueCounts{{{-0.5, 1}, {0.1, 4}}};
  auto back = StepFitStats::Deserialize(stats.Serialize());
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  const ColumnFitStats& b = back->columns().at(0).second;
  EXPECT_EQ(b.rows, 3);
  EXPECT_EQ(b.moments->mean, 0.1);
  EXPECT_TRUE(std::isnan(b.moments->m2));
  EXPECT_EQ(b.moments->min, -std::numeric_limits<double>::infinity());
  EXPECT_EQ(b.categories->counts, c.categories->counts);
  EXPECT_EQ(b.values->counts, c.values->counts);
  EXPECT_FALSE(StepFitStats::Deserialize("not cbor").ok());
}

TEST(ValueCountsTest, MedianOfMergedPartsIsTheMedianOfTheWhole) {
  auto whole = testing::TableFromCsv("v\n5\n1\n\n3\n3\n9\n2\n");
  ValueCounts all;
  ASSERT_TRUE(all.AddArray(*whole->column(0)->chunk(0)).ok());
  EXPECT_EQ(all.Median(), 3);  // 1 2 3 3 5 9
  ValueCounts a, b;
  auto batch = whole->CombineChunksToBatch().ValueOrDie();
  ASSERT_TRUE(a.AddArray(*batch->Slice(0, 3)->column(0)).ok());
  ASSERT_TRUE(b.AddArray(*batch->Slice(3)->column(0)).ok());
  a.Merge(b);
  EXPECT_EQ(a.counts, all.counts);
  ValueCounts odd{{{1, 2}, {4, 1}}};
  EXPECT_EQ(odd.Median(), 1);
  ValueCounts even{{{1, 1}, {4, 1}}};
  EXPECT_EQ(even.Median(), 2.5);
  EXPECT_TRUE(std::isnan(ValueCounts{}.Median()));
}

TEST(SplitByRankTest, GroupsRankedInOrderGiveTheTableSplit) {
  auto table = Must(ReadTable(fs::path(MLPIPE_CHURN_DATA_DIR) / "wa_churn.csv"));
  config::SplitSpec spec;
  auto [train, validation] = Must(TrainValidationSplit(*table, spec, "churn"));
  auto keys = Must(SplitGroupKeys(table->GetColumnByName("churn")->chunk(0)));
  std::map<std::string, int64_t> sizes;
  for (const auto& k : keys) ++sizes[k];
  std::vector<int64_t> size_list;
  for (const auto& [k, n] : sizes) size_list.push_back(n);
  auto by_rank = Must(ValidationByRank(size_list, spec));
  std::map<std::string, size_t> group_index;
  for (const auto& [k, n] : sizes) group_index.emplace(k, group_index.size());
  std::map<std::string, int64_t> rank;
  int64_t n_validation = 0;
  std::vector<int64_t> validation_tenure;
  auto tenure =
      std::static_pointer_cast<arrow::Int64Array>(table->GetColumnByName("tenure")->chunk(0));
  for (size_t r = 0; r < keys.size(); ++r) {
    if (by_rank[group_index[keys[r]]][static_cast<size_t>(rank[keys[r]]++)]) {
      ++n_validation;
      validation_tenure.push_back(tenure->Value(static_cast<int64_t>(r)));
    }
  }
  ASSERT_EQ(n_validation, validation->num_rows());
  auto expected =
      std::static_pointer_cast<arrow::Int64Array>(validation->GetColumnByName("tenure")->chunk(0));
  for (int64_t i = 0; i < expected->length(); ++i)
    ASSERT_EQ(validation_tenure[static_cast<size_t>(i)], expected->Value(i));
}

}  // namespace
}  // namespace mlpipe::engine
