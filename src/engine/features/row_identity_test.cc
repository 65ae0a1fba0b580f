#include "engine/features/row_identity.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "engine/features/test_tables.h"

namespace mlpipe::engine {
namespace {

using testing::BatchFromCsv;

std::vector<std::shared_ptr<arrow::Array>> Columns(const arrow::RecordBatch& batch) {
  return batch.columns();
}

std::vector<uint8_t> KeepFirst(const std::vector<std::shared_ptr<arrow::Array>>& columns,
                               int64_t rows) {
  auto identity = RowIdentity::Make(columns, rows);
  EXPECT_TRUE(identity.ok()) << identity.status().ToString();
  return identity.ok() ? identity->KeepFirst() : std::vector<uint8_t>{};
}

std::vector<std::string> Keys(const std::vector<std::shared_ptr<arrow::Array>>& columns,
                              int64_t rows) {
  auto identity = RowIdentity::Make(columns, rows);
  EXPECT_TRUE(identity.ok()) << identity.status().ToString();
  if (!identity.ok()) return {};
  auto keys = identity->EncodeKeys();
  EXPECT_TRUE(keys.ok()) << keys.status().ToString();
  std::vector<std::string> out;
  const auto& binary = static_cast<const arrow::BinaryArray&>(**keys);
  for (int64_t r = 0; r < binary.length(); ++r) out.push_back(binary.GetString(r));
  return out;
}

std::shared_ptr<arrow::Array> DoubleColumn(const std::vector<double>& values) {
  arrow::DoubleBuilder b;
  EXPECT_TRUE(b.AppendValues(values).ok());
  return b.Finish().ValueOrDie();
}

TEST(RowIdentityTest, KeepsTheFirstOfEachGroupOfEqualRows) {
  auto batch = BatchFromCsv(
      "s,i,d,b\na,1,1.5,true\nb,1,1.5,true\na,1,1.5,true\na,2,1.5,true\n,,,\n,,,\n"
      "a,1,1.5,false\n");
  EXPECT_EQ(KeepFirst(Columns(*batch), batch->num_rows()),
            (std::vector<uint8_t>{1, 1, 0, 1, 1, 0, 1}));
}

TEST(RowIdentityTest, NullIsNotTheEmptyStringOrZero) {
  arrow::StringBuilder s;
  arrow::Int64Builder i;
  ASSERT_TRUE(s.AppendValues({"", "", ""}).ok());
  ASSERT_TRUE(s.AppendNulls(2).ok());
  ASSERT_TRUE(i.AppendValues({0, 0}).ok());
  ASSERT_TRUE(i.AppendNull().ok());
  ASSERT_TRUE(i.AppendNull().ok());
  ASSERT_TRUE(i.Append(0).ok());
  // ("", 0) ("", 0) ("", null) (null, null) (null, 0)
  EXPECT_EQ(KeepFirst({s.Finish().ValueOrDie(), i.Finish().ValueOrDie()}, 5),
            (std::vector<uint8_t>{1, 0, 1, 1, 1}));
}

TEST(RowIdentityTest, FloatingPointComparesByValue) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  auto column = DoubleColumn({0.0, -0.0, nan, -nan, 1.0, 1.0000000000000002});
  EXPECT_EQ(KeepFirst({column}, 6), (std::vector<uint8_t>{1, 0, 1, 0, 1, 1}));
  const auto keys = Keys({column}, 6);
  EXPECT_EQ(keys[0], keys[1]);
  EXPECT_EQ(keys[2], keys[3]);
  EXPECT_NE(keys[4], keys[5]);
}

TEST(RowIdentityTest, KeysAreEqualExactlyWhenRowsAre) {
  // Length prefixes keep ("ab", "c") apart from ("a", "bc"); types are widened alike in every
  // batch.
  auto batch = BatchFromCsv("x,y,n\nab,c,1\na,bc,1\nab,c,1\nab,c,\n");
  const auto keys = Keys(Columns(*batch), batch->num_rows());
  ASSERT_EQ(keys.size(), 4u);
  EXPECT_NE(keys[0], keys[1]);
  EXPECT_EQ(keys[0], keys[2]);
  EXPECT_NE(keys[0], keys[3]);
  auto again = BatchFromCsv("x,y,n\nab,c,1\n");
  EXPECT_EQ(Keys(Columns(*again), 1)[0], keys[0]);
}

TEST(RowIdentityTest, ManyRowsWithFewDistinctValues) {
  arrow::Int32Builder a;
  arrow::StringBuilder b;
  const int rows = 100000;
  for (int r = 0; r < rows; ++r) {
    ASSERT_TRUE(a.Append(r % 7).ok());
    ASSERT_TRUE(b.Append(std::string(r % 3, 'x')).ok());
  }
  const auto keep = KeepFirst({a.Finish().ValueOrDie(), b.Finish().ValueOrDie()}, rows);
  int kept = 0;
  for (int r = 0; r < rows; ++r) kept += keep[r];
  EXPECT_EQ(kept, 21);  // 7 x 3 combinations, each first seen within the first 21 rows
  for (int r = 0; r < 21; ++r) EXPECT_EQ(keep[r], 1) << r;
}

}  // namespace
}  // namespace mlpipe::engine
