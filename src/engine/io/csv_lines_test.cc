#include "engine/io/csv_lines.h"

#include <gtest/gtest.h>

#include <fstream>

#include "engine/io/input_files.h"
#include "engine/io/table_reader.h"
#include "mlpipe_testing/temp_dir.h"

namespace mlpipe::engine {
namespace {

std::shared_ptr<arrow::StringArray> Lines(const std::vector<std::string>& lines) {
  arrow::StringBuilder b;
  for (const auto& l : lines) EXPECT_TRUE(b.Append(l).ok());
  return std::static_pointer_cast<arrow::StringArray>(b.Finish().ValueOrDie());
}

TEST(CsvLinesTest, PartsParseLikeTheWholeFile) {
  mlpipe::testing::TempDir tmp;
  const fs::path file = tmp.path() / "data.csv";
  std::ofstream(file) << "id,x,name,empty\n1,2.5,\"a, b\",\n2,NA,,\n3,7,c,\n";
  auto whole = ReadTable(file);
  ASSERT_TRUE(whole.ok()) << whole.status().ToString();
  auto schema = InferCsvSchema(file, {}, 1 << 20);
  ASSERT_TRUE(schema.ok());
  auto first = ParseCsvLines("id,x,name,empty", *Lines({"1,2.5,\"a, b\",", "2,NA,,"}), **schema);
  auto second = ParseCsvLines("id,x,name,empty", *Lines({"3,7,c,"}), **schema);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  auto joined = arrow::Table::FromRecordBatches({*first, *second}).ValueOrDie();
  EXPECT_TRUE(joined->Equals(**whole)) << joined->ToString() << "\n" << (*whole)->ToString();
  auto none = ParseCsvLines("id,x,name,empty", *Lines({}), **schema);
  ASSERT_TRUE(none.ok()) << none.status().ToString();
  EXPECT_EQ((*none)->num_rows(), 0);
  EXPECT_TRUE((*none)->schema()->Equals(**schema));
}

TEST(CsvLinesTest, LinesTakeTheSameMissingTokensAsTheWholeFile) {
  mlpipe::testing::TempDir tmp;
  const fs::path file = tmp.path() / "data.csv";
  std::ofstream(file) << "x,name\n1.5,a\n?,None\n";
  ReadOptions read;
  read.na_values = {"?", "None"};
  auto whole = ReadTable(file, read);
  auto schema = InferCsvSchema(file, read, 1 << 20);
  ASSERT_TRUE(whole.ok() && schema.ok());
  EXPECT_EQ((*schema)->field(0)->type()->id(), arrow::Type::DOUBLE);
  auto lines = ParseCsvLines("x,name", *Lines({"1.5,a", "?,None"}), **schema, read.na_values);
  ASSERT_TRUE(lines.ok()) << lines.status().ToString();
  auto joined = arrow::Table::FromRecordBatches({*lines}).ValueOrDie();
  EXPECT_TRUE(joined->Equals(**whole)) << joined->ToString();
  EXPECT_EQ(joined->column(1)->null_count(), 1);
}

TEST(CsvLinesTest, BadValueOrHeaderIsADataError) {
  auto schema = arrow::schema({arrow::field("id", arrow::int64())});
  auto bad = ParseCsvLines("id", *Lines({"x"}), *schema);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kDataError);
  auto other = ParseCsvLines("key", *Lines({"1"}), *schema);
  ASSERT_FALSE(other.ok());
}

}  // namespace
}  // namespace mlpipe::engine
