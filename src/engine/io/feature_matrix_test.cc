#include "engine/io/feature_matrix.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

namespace mlpipe::engine {
namespace {

using ::testing::HasSubstr;

template <typename Builder, typename T>
std::shared_ptr<arrow::Array> Make(const std::vector<std::optional<T>>& values) {
  Builder b;
  for (const auto& v : values) {
    if (v) {
      EXPECT_TRUE(b.Append(*v).ok());
    } else {
      EXPECT_TRUE(b.AppendNull().ok());
    }
  }
  return b.Finish().ValueOrDie();
}

std::shared_ptr<arrow::RecordBatch> Sample() {
  auto schema =
      arrow::schema({arrow::field("i", arrow::int32()), arrow::field("d", arrow::float64()),
                     arrow::field("b", arrow::boolean()), arrow::field("s", arrow::utf8())});
  return arrow::RecordBatch::Make(schema, 3,
                                  {Make<arrow::Int32Builder, int32_t>({1, std::nullopt, 3}),
                                   Make<arrow::DoubleBuilder, double>({0.5, 1.5, std::nullopt}),
                                   Make<arrow::BooleanBuilder, bool>({true, false, std::nullopt}),
                                   Make<arrow::StringBuilder, std::string>({"a", "b", "c"})});
}

TEST(FeatureMatrixTest, RowMajorWithNullsAsNaNAndBoolsAsZeroOne) {
  auto m = BuildFeatureMatrix(*Sample(), {"d", "i", "b"});
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->rows, 3);
  EXPECT_EQ(m->cols, 3);
  EXPECT_EQ(m->names, (std::vector<std::string>{"d", "i", "b"}));
  EXPECT_FLOAT_EQ(m->at(0, 0), 0.5f);
  EXPECT_FLOAT_EQ(m->at(0, 1), 1.0f);
  EXPECT_FLOAT_EQ(m->at(0, 2), 1.0f);
  EXPECT_FLOAT_EQ(m->at(1, 0), 1.5f);
  EXPECT_TRUE(std::isnan(m->at(1, 1)));
  EXPECT_FLOAT_EQ(m->at(1, 2), 0.0f);
  EXPECT_TRUE(std::isnan(m->at(2, 0)));
  EXPECT_FLOAT_EQ(m->at(2, 1), 3.0f);
  EXPECT_TRUE(std::isnan(m->at(2, 2)));
  EXPECT_FLOAT_EQ(m->values[1], 1.0f);  // row 0, column "i"
}

TEST(FeatureMatrixTest, TableWithSeveralChunks) {
  auto batch = Sample();
  auto table =
      arrow::Table::FromRecordBatches({batch->Slice(0, 1), batch->Slice(1, 2)}).ValueOrDie();
  ASSERT_EQ(table->column(0)->num_chunks(), 2);
  auto m = BuildFeatureMatrix(*table, {"i", "d"});
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->values.size(), 6u);
  EXPECT_FLOAT_EQ(m->at(0, 0), 1.0f);
  EXPECT_TRUE(std::isnan(m->at(1, 0)));
  EXPECT_FLOAT_EQ(m->at(2, 0), 3.0f);
  EXPECT_FLOAT_EQ(m->at(1, 1), 1.5f);
}

TEST(FeatureMatrixTest, ErrorNamesEveryMissingAndNonNumericColumn) {
  auto m = BuildFeatureMatrix(*Sample(), {"i", "dd", "s", "zzz"});
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.status().code(), StatusCode::kDataError);
  const std::string msg = m.status().message();
  EXPECT_THAT(msg, HasSubstr("'dd' (did you mean 'd'?)"));
  EXPECT_THAT(msg, HasSubstr("'zzz'"));
  EXPECT_THAT(msg, HasSubstr("'s' (string)"));
  EXPECT_THAT(msg, HasSubstr("add an encode or cast step"));
}

}  // namespace
}  // namespace mlpipe::engine
