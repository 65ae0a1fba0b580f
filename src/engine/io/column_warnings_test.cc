#include "engine/io/column_warnings.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/io/table_reader.h"
#include "mlpipe_testing/temp_dir.h"

namespace mlpipe::engine {
namespace {

using mlpipe::testing::TempDir;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::string Rows(int n, const std::string& value_at_7) {
  std::string csv = "id,price,plan\n";
  for (int i = 1; i <= n; ++i) {
    csv += std::to_string(i) + "," + (i == 7 ? value_at_7 : std::to_string(i) + ".5") + "," +
           (i % 2 ? "basic" : "pro") + "\n";
  }
  return csv;
}

TEST(NumberColumnsReadAsTextTest, NamesTheColumnTheValueAndItsRow) {
  TempDir dir;
  auto table = ReadTable(dir.Write("in.csv", Rows(20, "unknown")));
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_THAT(
      NumberColumnsReadAsText(**table, "'in.csv'"),
      ElementsAre(AllOf(
          HasSubstr("column 'price' of 'in.csv' is read as text"),
          HasSubstr("1 of its 20 values is not a number, the first 'unknown' in data row 7"))));
}

TEST(NumberColumnsReadAsTextTest, CleanNumbersTextAndBlanksAreNotReported) {
  TempDir dir;
  auto blank = ReadTable(dir.Write("blank.csv", Rows(20, "")));  // empty cell: a missing number
  ASSERT_TRUE(blank.ok()) << blank.status().ToString();
  EXPECT_TRUE(NumberColumnsReadAsText(**blank, "blank").empty());
  auto few_numbers = ReadTable(dir.Write("codes.csv", "code\nA1\nB2\n3\nC4\n"));
  ASSERT_TRUE(few_numbers.ok());
  EXPECT_TRUE(NumberColumnsReadAsText(**few_numbers, "codes").empty());  // mostly text: a category
}

// Counted in parts (as Spark partitions) and merged, the census says what the whole table says:
// totals add up and the first bad value is the one with the lowest row, even merged tail first.
TEST(TextColumnCensusTest, PartsMergedLaterFirstEqualTheWholeTable) {
  TempDir dir;
  std::string csv = Rows(20, "unknown");
  for (int i = 21; i <= 30; ++i) {
    csv += std::to_string(i) + "," + (i == 25 ? "?" : "1.5") + ",pro\n";
  }
  auto table = ReadTable(dir.Write("in.csv", csv));
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  const auto whole = NumberColumnsReadAsText(**table, "'in.csv'");
  ASSERT_THAT(whole,
              ElementsAre(HasSubstr(
                  "2 of its 30 values are not a number, the first 'unknown' in data row 7")));
  TextColumnCensus head, tail;
  head.Add(*(*table)->Slice(0, 10), 0);
  tail.Add(*(*table)->Slice(10), 10);
  auto shipped = TextColumnCensus::Deserialize(head.Serialize());
  ASSERT_TRUE(shipped.ok()) << shipped.status().ToString();
  tail.Merge(*shipped);
  EXPECT_EQ(tail.Warnings("'in.csv'"), whole);
  EXPECT_FALSE(TextColumnCensus::Deserialize("{}").ok());
}

}  // namespace
}  // namespace mlpipe::engine
