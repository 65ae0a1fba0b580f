#include "engine/io/parquet_writer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <parquet/file_reader.h>

#include "engine/io/table_reader.h"
#include "mlpipe_testing/temp_dir.h"

namespace mlpipe::engine {
namespace {

using mlpipe::testing::TempDir;
using ::testing::HasSubstr;

std::shared_ptr<arrow::Table> SampleTable() {
  arrow::Int64Builder ids;
  arrow::DoubleBuilder scores;
  arrow::StringBuilder names;
  for (int i = 0; i < 1000; ++i) {
    (void)ids.Append(i);
    (void)(i % 7 == 0 ? scores.AppendNull() : scores.Append(i * 0.5));
    (void)names.Append("name-" + std::to_string(i % 13));
  }
  auto schema =
      arrow::schema({arrow::field("id", arrow::int64()), arrow::field("score", arrow::float64()),
                     arrow::field("name", arrow::utf8())});
  return arrow::Table::Make(schema, {ids.Finish().ValueOrDie(), scores.Finish().ValueOrDie(),
                                     names.Finish().ValueOrDie()});
}

TEST(ParseCompressionTest, KnownNamesAndError) {
  EXPECT_EQ(*ParseCompression("snappy"), Compression::kSnappy);
  EXPECT_EQ(*ParseCompression("ZSTD"), Compression::kZstd);
  EXPECT_EQ(*ParseCompression("gzip"), Compression::kGzip);
  EXPECT_EQ(*ParseCompression("none"), Compression::kNone);
  auto bad = ParseCompression("lz4");
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.status().message(), HasSubstr("snappy, zstd, gzip or none"));
}

class RoundTripTest : public ::testing::TestWithParam<Compression> {};

TEST_P(RoundTripTest, WriteThenReadGivesSameTable) {
  TempDir dir;
  auto table = SampleTable();
  const fs::path out = dir.path() / "out" / "dataset";
  ASSERT_TRUE(WriteParquetDataset(*table, out, GetParam()).ok());
  EXPECT_TRUE(fs::exists(out / "part-00000.parquet"));
  auto back = ReadTable(out);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_TRUE((*back)->Equals(*table)) << (*back)->ToString();
}

INSTANTIATE_TEST_SUITE_P(AllCompressions, RoundTripTest,
                         ::testing::Values(Compression::kSnappy, Compression::kZstd,
                                           Compression::kGzip, Compression::kNone));

TEST(WriteParquetDatasetTest, FailureNamesTheDirectory) {
  TempDir dir;
  dir.Write("blocker", "a file where a directory is needed");
  const fs::path out = dir.path() / "blocker" / "ds";
  Status st = WriteParquetDataset(*SampleTable(), out, Compression::kSnappy);
  ASSERT_FALSE(st.ok());
  EXPECT_THAT(st.message(), HasSubstr(out.string()));
}

TEST(ParquetPartWriterTest, RollsToNewPartAfterRowLimit) {
  TempDir dir;
  auto schema = arrow::schema({arrow::field("x", arrow::int32())});
  auto writer = ParquetPartWriter::Open(dir.path(), schema, Compression::kZstd);
  ASSERT_TRUE(writer.ok()) << writer.status().ToString();
  constexpr int64_t kBatch = 600'000;
  std::vector<int32_t> values(kBatch, 7);
  arrow::Int32Builder b;
  ASSERT_TRUE(b.AppendValues(values).ok());
  auto batch = arrow::RecordBatch::Make(schema, kBatch, {b.Finish().ValueOrDie()});
  for (int i = 0; i < 3; ++i) ASSERT_TRUE((*writer)->Write(*batch).ok());
  ASSERT_TRUE((*writer)->Close().ok());
  EXPECT_EQ((*writer)->rows_written(), 3 * kBatch);
  ASSERT_TRUE(fs::exists(dir.path() / "part-00001.parquet"));
  EXPECT_FALSE(fs::exists(dir.path() / "part-00002.parquet"));
  EXPECT_EQ((*ReadTable(dir.path() / "part-00000.parquet"))->num_rows(), 2 * kBatch);
  EXPECT_EQ((*ReadTable(dir.path() / "part-00001.parquet"))->num_rows(), kBatch);
}

TEST(ParquetPartWriterTest, RejectsBatchWithOtherSchema) {
  TempDir dir;
  auto writer = ParquetPartWriter::Open(
      dir.path(), arrow::schema({arrow::field("x", arrow::int32())}), Compression::kNone);
  ASSERT_TRUE(writer.ok());
  auto other = SampleTable()->CombineChunksToBatch().ValueOrDie();
  Status st = (*writer)->Write(*other);
  EXPECT_EQ(st.code(), StatusCode::kDataError);
  EXPECT_THAT(st.message(), HasSubstr("schema"));
  EXPECT_TRUE((*writer)->Close().ok());
}

// The encodings of column `column` in the first row group of `file`.
std::vector<parquet::Encoding::type> ColumnEncodings(const fs::path& file, int column) {
  auto reader = parquet::ParquetFileReader::OpenFile(file.string());
  return reader->metadata()->RowGroup(0)->ColumnChunk(column)->encodings();
}

TEST(ParquetPartWriterTest, PlainColumnsSkipTheDictionaryAndKeepTheirValues) {
  TempDir dir;
  auto table = SampleTable();
  auto writer =
      ParquetPartWriter::Open(dir.path(), table->schema(), Compression::kSnappy, {"score"});
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE((*writer)->Write(*table->CombineChunksToBatch().ValueOrDie()).ok());
  ASSERT_TRUE((*writer)->Close().ok());
  const fs::path part = dir.path() / "part-00000.parquet";
  const auto dictionary = ::testing::Contains(parquet::Encoding::RLE_DICTIONARY);
  EXPECT_THAT(ColumnEncodings(part, 1), ::testing::Not(dictionary));  // score: plain
  EXPECT_THAT(ColumnEncodings(part, 0), dictionary);                  // id: dictionary as before
  auto back = ReadTable(dir.path());
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_TRUE((*back)->Equals(*table));
}

TEST(WriteParquetDatasetTest, MostlyDistinctFloatsSkipTheDictionary) {
  arrow::DoubleBuilder measured, indicator;
  for (int r = 0; r < 1000; ++r) {
    ASSERT_TRUE(measured.Append(r * 0.37).ok());
    ASSERT_TRUE(indicator.Append(r % 2).ok());
  }
  auto table =
      arrow::Table::Make(arrow::schema({arrow::field("measured", arrow::float64()),
                                        arrow::field("indicator", arrow::float64())}),
                         {measured.Finish().ValueOrDie(), indicator.Finish().ValueOrDie()});
  TempDir dir;
  ASSERT_TRUE(WriteParquetDataset(*table, dir.path() / "out", Compression::kSnappy).ok());
  const fs::path part = dir.path() / "out" / "part-00000.parquet";
  const auto dictionary = ::testing::Contains(parquet::Encoding::RLE_DICTIONARY);
  EXPECT_THAT(ColumnEncodings(part, 0), ::testing::Not(dictionary));
  EXPECT_THAT(ColumnEncodings(part, 1), dictionary);
  auto back = ReadTable(dir.path() / "out");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_TRUE((*back)->Equals(*table));
}

}  // namespace
}  // namespace mlpipe::engine

namespace mlpipe::engine {
namespace {

TEST(WriteParquetDatasetTest, SidecarsAreWrittenWithThePartsAndIgnoredByReaders) {
  mlpipe::testing::TempDir dir;
  const fs::path out = dir.path() / "dataset";
  const std::string lineage = R"({"format_version": 1})";
  ASSERT_TRUE(
      WriteParquetDataset(*SampleTable(), out, Compression::kSnappy, {{"_lineage.json", lineage}})
          .ok());
  EXPECT_EQ(*ReadFile(out / "_lineage.json"), lineage);
  auto back = ReadTable(out);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_TRUE((*back)->Equals(*SampleTable()));
}

}  // namespace
}  // namespace mlpipe::engine
