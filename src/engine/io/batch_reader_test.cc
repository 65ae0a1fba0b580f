#include "engine/io/batch_reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include "engine/io/parquet_writer.h"
#include "mlpipe_testing/temp_dir.h"

namespace mlpipe::engine {
namespace {

using mlpipe::testing::TempDir;
using ::testing::HasSubstr;

struct Drained {
  int64_t sum = 0;  // of column `x` (int64)
  int batches = 0;
  int64_t peak_bytes = 0;  // most Arrow memory held while a batch was out
};

// Reads everything, checking that every batch but the last has exactly `batch_size` rows.
Drained Drain(BatchReader& reader, int64_t batch_size, int64_t expected_rows) {
  int64_t sum = 0;
  int batches = 0;
  int64_t peak = 0;
  while (true) {
    auto next = reader.Next();
    peak = std::max(peak, arrow::default_memory_pool()->bytes_allocated());
    EXPECT_TRUE(next.ok()) << next.status().ToString();
    if (!next.ok() || *next == nullptr) break;
    const auto& batch = **next;
    ++batches;
    EXPECT_LE(batch.num_rows(), batch_size);
    if (reader.rows_read() < expected_rows) {
      EXPECT_EQ(batch.num_rows(), batch_size);
    }
    auto x = std::static_pointer_cast<arrow::Int64Array>(batch.GetColumnByName("x"));
    for (int64_t i = 0; i < x->length(); ++i) sum += x->Value(i);
  }
  EXPECT_EQ(reader.rows_read(), expected_rows);
  return {sum, batches, peak};
}

TEST(BatchReaderTest, MultiBlockCsvComesInBoundedBatches) {
  TempDir dir;
  constexpr int64_t kRows = 300'000;  // ~9 MB: several 4 MB CSV blocks
  std::ostringstream csv;
  csv << "x,label\n";
  for (int64_t i = 0; i < kRows; ++i) csv << i << ",some-fairly-long-label-text-" << i % 10 << "\n";
  const auto path = dir.Write("big.csv", csv.str());
  auto reader = BatchReader::Open(path, 7000);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  EXPECT_EQ((*reader)->schema()->field(0)->type()->id(), arrow::Type::INT64);
  const std::string text = csv.str();
  const Drained d = Drain(**reader, 7000, kRows);
  EXPECT_EQ(d.sum, kRows * (kRows - 1) / 2);
  EXPECT_EQ(d.batches, (kRows + 6999) / 7000);
  EXPECT_LT(d.peak_bytes, static_cast<int64_t>(text.size()));
}

TEST(BatchReaderTest, ParquetDirectoryBatchesSpanFiles) {
  TempDir dir;
  auto schema = arrow::schema({arrow::field("x", arrow::int64())});
  for (int part = 0; part < 3; ++part) {
    arrow::Int64Builder b;
    for (int64_t i = 0; i < 1000; ++i) ASSERT_TRUE(b.Append(part * 1000 + i).ok());
    auto table = arrow::Table::Make(schema, {b.Finish().ValueOrDie()});
    const fs::path sub = dir.path() / ("p" + std::to_string(part));
    ASSERT_TRUE(WriteParquetDataset(*table, sub, Compression::kSnappy).ok());
    fs::rename(sub / "part-00000.parquet",
               dir.path() / ("part-0000" + std::to_string(part) + ".parquet"));
  }
  auto reader = BatchReader::Open(dir.path(), 700);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  const Drained d = Drain(**reader, 700, 3000);
  EXPECT_EQ(d.sum, int64_t{3000} * 2999 / 2);
  EXPECT_EQ(d.batches, 5);
}

TEST(BatchReaderTest, ReadsOnlyTheSelectedColumnsOfCsvAndParquet) {
  TempDir dir;
  const auto csv = dir.Write("t.csv", "a,x,b\nq,1,r\ns,2,t\n");
  arrow::StringBuilder a;
  arrow::Int64Builder x;
  ASSERT_TRUE(a.AppendValues({"q", "s"}).ok());
  ASSERT_TRUE(x.AppendValues({1, 2}).ok());
  auto table = arrow::Table::Make(
      arrow::schema({arrow::field("a", arrow::utf8()), arrow::field("x", arrow::int64())}),
      {a.Finish().ValueOrDie(), x.Finish().ValueOrDie()});
  ASSERT_TRUE(WriteParquetDataset(*table, dir.path() / "pq", Compression::kSnappy).ok());
  ReadOptions only_x;
  only_x.columns = {"x"};
  for (const fs::path& input : {fs::path(csv), dir.path() / "pq"}) {
    auto reader = BatchReader::Open(input, 10, only_x);
    ASSERT_TRUE(reader.ok()) << reader.status().ToString();
    EXPECT_EQ((*reader)->schema()->num_fields(), 1) << input;
    const Drained d = Drain(**reader, 10, 2);
    EXPECT_EQ(d.sum, 3) << input;
    ReadOptions missing;
    missing.columns = {"x", "nope"};
    auto refused = BatchReader::Open(input, 10, missing);
    ASSERT_FALSE(refused.ok()) << input;
    EXPECT_THAT(refused.status().message(), HasSubstr("has no column nope")) << input;
  }
}

TEST(BatchReaderTest, LaterCsvPartsKeepFirstPartTypes) {
  TempDir dir;
  dir.Write("in/a.csv", "x,v\n1,2.5\n");
  dir.Write("in/b.csv", "x,v\n2,3\n");  // alone, v would be inferred as int64
  auto reader = BatchReader::Open(dir.path() / "in", 10);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  const Drained d = Drain(**reader, 10, 2);
  EXPECT_EQ(d.sum, 3);
  EXPECT_EQ(d.batches, 1);
}

TEST(BatchReaderTest, ErrorsNameThePath) {
  auto missing = BatchReader::Open("/nonexistent/mlpipe/in.parquet", 10);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(missing.status().message(), HasSubstr("/nonexistent/mlpipe/in.parquet"));
  TempDir dir;
  auto bad_size = BatchReader::Open(dir.Write("a.csv", "x\n1\n"), 0);
  EXPECT_EQ(bad_size.status().code(), StatusCode::kInvalidArgument);
  const auto corrupt = dir.Write("c.parquet", "PAR1 not really");
  auto bad = BatchReader::Open(corrupt, 10);
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.status().message(), HasSubstr("is not a valid Parquet file"));
}

}  // namespace
}  // namespace mlpipe::engine
