#include "engine/io/table_reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/io/batch_reader.h"
#include "engine/io/parquet_writer.h"
#include "mlpipe_testing/temp_dir.h"

namespace mlpipe::engine {
namespace {

using mlpipe::testing::TempDir;
using ::testing::HasSubstr;

constexpr char kCsv[] =
    "id,name,score,flag\n"
    "1,\"Smith, J\",2.5,true\n"
    "2,,NA,false\n"
    "3,\"O'Neil\",,true\n";

TEST(ReadTableTest, CsvInfersTypesAndReadsNullsAndQuotes) {
  TempDir dir;
  auto result = ReadTable(dir.Write("in.csv", kCsv));
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  const auto& t = **result;
  ASSERT_EQ(t.num_rows(), 3);
  EXPECT_EQ(t.schema()->field(0)->type()->id(), arrow::Type::INT64);
  EXPECT_EQ(t.schema()->field(1)->type()->id(), arrow::Type::STRING);
  EXPECT_EQ(t.schema()->field(2)->type()->id(), arrow::Type::DOUBLE);
  EXPECT_EQ(t.schema()->field(3)->type()->id(), arrow::Type::BOOL);
  auto names = std::static_pointer_cast<arrow::StringArray>(t.column(1)->chunk(0));
  EXPECT_EQ(names->GetString(0), "Smith, J");
  EXPECT_TRUE(names->IsNull(1));
  EXPECT_EQ(names->GetString(2), "O'Neil");
  EXPECT_EQ(t.column(2)->null_count(), 2);  // "NA" and empty
}

TEST(ReadTableTest, PandasMissingTokensAreNullInNumberAndTextColumnsAndTheListIsConfigurable) {
  TempDir dir;
  const auto csv =
      dir.Write("in.csv", "price,city\n1.5,Paris\nNone,None\nnull,N/A\nNaN,Lyon\n?,n/a\n");
  config::DataConfig data;
  auto pandas = ReadTable(csv, ReadOptionsFor(data));
  ASSERT_TRUE(pandas.ok()) << pandas.status().ToString();
  // "?" is no token of the default list, so price stays text with it; city has 3 missing.
  EXPECT_EQ((*pandas)->schema()->field(0)->type()->id(), arrow::Type::STRING);
  EXPECT_EQ((*pandas)->column(0)->null_count(), 3);
  EXPECT_EQ((*pandas)->column(1)->null_count(), 3);

  data.na_values = {"None", "null", "N/A", "NaN", "?", "n/a"};
  auto own = ReadTable(csv, ReadOptionsFor(data));
  ASSERT_TRUE(own.ok()) << own.status().ToString();
  EXPECT_EQ((*own)->schema()->field(0)->type()->id(), arrow::Type::DOUBLE);
  EXPECT_EQ((*own)->column(0)->null_count(), 4);
  EXPECT_EQ((*own)->column(1)->null_count(), 3);

  data.na_values = {};  // nothing is missing, not even an empty cell
  auto none = ReadTable(dir.Write("empty.csv", "city\nParis\n\"\"\n"), ReadOptionsFor(data));
  ASSERT_TRUE(none.ok()) << none.status().ToString();
  EXPECT_EQ((*none)->column(0)->null_count(), 0);
}

TEST(ReadTableTest, ColumnTypesOverrideInference) {
  TempDir dir;
  ReadOptions opts;
  opts.column_types["id"] = arrow::utf8();
  opts.column_types["score"] = arrow::float32();
  auto result = ReadTable(dir.Write("in.csv", kCsv), opts);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ((*result)->GetColumnByName("id")->type()->id(), arrow::Type::STRING);
  EXPECT_EQ((*result)->GetColumnByName("score")->type()->id(), arrow::Type::FLOAT);
}

TEST(ReadTableTest, DirectoryOfCsvPartsSkipsMarkers) {
  TempDir dir;
  dir.Write("in/part-0.csv", "a,b\n1,x\n2,y\n");
  dir.Write("in/part-1.csv", "a,b\n3,z\n");
  dir.Write("in/_SUCCESS", "");
  dir.Write("in/.part-2.csv.crc", "garbage");
  auto result = ReadTable(dir.path() / "in");
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ((*result)->num_rows(), 3);
  EXPECT_EQ((*result)->num_columns(), 2);
}

TEST(ReadTableTest, PartsWithDifferentSchemasFail) {
  TempDir dir;
  dir.Write("in/part-0.csv", "a,b\n1,x\n");
  dir.Write("in/part-1.csv", "a,c\n3,z\n");
  auto result = ReadTable(dir.path() / "in");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kDataError);
  EXPECT_THAT(result.status().message(), HasSubstr("part-1.csv"));
  EXPECT_THAT(result.status().message(), HasSubstr("share one schema"));
}

TEST(ReadTableTest, AllNullColumnInOnePartTakesTypeFromAnother) {
  TempDir dir;
  dir.Write("in/part-0.csv", "a,b\n1,\n");
  dir.Write("in/part-1.csv", "a,b\n3,2.5\n");
  auto result = ReadTable(dir.path() / "in");
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ((*result)->GetColumnByName("b")->type()->id(), arrow::Type::DOUBLE);
  EXPECT_EQ((*result)->GetColumnByName("b")->null_count(), 1);
}

TEST(ReadTableTest, MissingPathIsNotFoundNamingIt) {
  auto result = ReadTable("/nonexistent/mlpipe/input.csv");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(result.status().message(), HasSubstr("/nonexistent/mlpipe/input.csv"));
}

TEST(ReadTableTest, EmptyDirectoryIsDataError) {
  TempDir dir;
  dir.Write("in/_SUCCESS", "");
  auto result = ReadTable(dir.path() / "in");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kDataError);
  EXPECT_THAT(result.status().message(), HasSubstr("no data files"));
}

TEST(ReadTableTest, CorruptParquetNamesFile) {
  TempDir dir;
  const auto path = dir.Write("bad.parquet", "this is not parquet at all");
  auto result = ReadTable(path);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kDataError);
  EXPECT_THAT(result.status().message(), HasSubstr(path.string()));
  EXPECT_THAT(result.status().message(), HasSubstr("is not a valid Parquet file"));
}

TEST(ReadTableTest, UnknownExtensionAsksForFormat) {
  TempDir dir;
  const auto path = dir.Write("data.txt", "a\n1\n");
  auto result = ReadTable(path);
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(result.status().message(), HasSubstr("input_format"));
  ReadOptions opts;
  opts.format = "csv";
  auto forced = ReadTable(path, opts);
  ASSERT_TRUE(forced.ok()) << forced.status().ToString();
  EXPECT_EQ((*forced)->num_rows(), 1);
}

TEST(ReadTableTest, UnknownFormatIsInvalidArgument) {
  TempDir dir;
  ReadOptions opts;
  opts.format = "orc";
  auto result = ReadTable(dir.Write("a.csv", "a\n1\n"), opts);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument);
}

TEST(ReadTableTest, RealChurnCsvHasElevenMissingTotalCharges) {
  auto result = ReadTable(fs::path(MLPIPE_CHURN_DATA_DIR) / "wa_churn.csv");
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ((*result)->num_rows(), 7043);
  auto total = (*result)->GetColumnByName("total_charges");
  ASSERT_NE(total, nullptr);
  EXPECT_EQ(total->type()->id(), arrow::Type::DOUBLE);
  EXPECT_EQ(total->null_count(), 11);
}

TEST(ReadTableTest, ParquetFooterClaimingMoreRowsThanItsColumnsHoldIsRefused) {
  // Found by fuzz/parquet_fuzzer: Arrow sized its buffers by the claimed 69e9 rows (out of memory).
  const fs::path file = fs::path(MLPIPE_SOURCE_DIR) / "fuzz" / "corpus" / "parquet" /
                        "regression-row-group-claims-69e9-rows.parquet";
  for (int64_t batch : {int64_t{0}, int64_t{7}}) {
    const Status st =
        batch == 0 ? ReadTable(file).status() : BatchReader::Open(file, batch).status();
    EXPECT_EQ(st.code(), StatusCode::kDataError) << st.ToString();
    EXPECT_THAT(
        st.message(),
        ::testing::HasSubstr("is not a valid Parquet file: row group 0 claims 69363234430 rows "
                             "but its columns hold 2 values"));
  }
}

}  // namespace
}  // namespace mlpipe::engine
