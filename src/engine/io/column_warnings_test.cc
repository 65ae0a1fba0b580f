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
  auto table = ReadTable(dir.Write("in.csv", Rows(20, "n/a")));
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_THAT(NumberColumnsReadAsText(**table, "'in.csv'"),
              ElementsAre(AllOf(
                  HasSubstr("column 'price' of 'in.csv' is read as text"),
                  HasSubstr("1 of its 20 values is not a number, the first 'n/a' in data row 7"))));
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

}  // namespace
}  // namespace mlpipe::engine
