#include "engine/io/parquet_writer.h"

#include <arrow/compute/api.h>
#include <arrow/io/file.h>
#include <parquet/arrow/writer.h>
#include <parquet/exception.h>

#include <cstdio>
#include <unordered_set>

#include "engine/io/arrow_status.h"
#include "util/strings.h"

namespace mlpipe::engine {

namespace {

constexpr int64_t kRowGroupRows = 128 * 1024;

std::string Quote(const fs::path& p) { return "'" + p.string() + "'"; }

arrow::Compression::type ToArrow(Compression c) {
  switch (c) {
    case Compression::kSnappy:
      return arrow::Compression::SNAPPY;
    case Compression::kZstd:
      return arrow::Compression::ZSTD;
    case Compression::kGzip:
      return arrow::Compression::GZIP;
    case Compression::kNone:
      return arrow::Compression::UNCOMPRESSED;
  }
  return arrow::Compression::UNCOMPRESSED;
}

fs::path PartPath(const fs::path& dir, int index) {
  char name[32];
  std::snprintf(name, sizeof(name), "part-%05d.parquet", index);
  return dir / name;
}

// Floating-point columns whose first values are mostly distinct (measurements, scaled features):
// their dictionary would outgrow its page and be dropped, after costing a hash of every value.
// Columns of few values (one-hot indicators, flags) keep the dictionary, which shrinks them most.
std::vector<std::string> HighCardinalityColumns(const arrow::Table& table) {
  constexpr int64_t kSample = 4096;
  std::vector<std::string> out;
  for (int i = 0; i < table.num_columns(); ++i) {
    const auto& column = *table.column(i);
    if (column.num_chunks() == 0 || !arrow::is_floating(column.type()->id())) continue;
    const auto sample = arrow::compute::Cast(*column.chunk(0)->Slice(0, kSample), arrow::float64());
    if (!sample.ok()) continue;
    const auto& values = static_cast<const arrow::DoubleArray&>(**sample);
    std::unordered_set<double> distinct;
    for (int64_t r = 0; r < values.length(); ++r) {
      if (values.IsValid(r)) distinct.insert(values.Value(r));
    }
    if (static_cast<int64_t>(distinct.size()) * 2 > values.length())
      out.push_back(table.field(i)->name());
  }
  return out;
}

}  // namespace

Result<Compression> ParseCompression(std::string_view name) {
  const std::string n = ToLower(name);
  if (n == "snappy") return Compression::kSnappy;
  if (n == "zstd") return Compression::kZstd;
  if (n == "gzip") return Compression::kGzip;
  if (n == "none") return Compression::kNone;
  return Status::InvalidArgument("unknown output compression '" + std::string(name) +
                                 "'; use snappy, zstd, gzip or none");
}

// One open part file: the output stream and the Parquet writer on it.
class ParquetPartWriter::Part {
 public:
  fs::path path;
  std::shared_ptr<arrow::io::FileOutputStream> stream;
  std::unique_ptr<parquet::arrow::FileWriter> writer;

  Status Close() {
    MLPIPE_ARROW_RETURN_NOT_OK(writer->Close(), "cannot finish Parquet file " + Quote(path));
    MLPIPE_ARROW_RETURN_NOT_OK(stream->Close(), "cannot close " + Quote(path));
    return Status::OK();
  }
};

ParquetPartWriter::ParquetPartWriter(fs::path dir, std::shared_ptr<arrow::Schema> schema,
                                     Compression compression,
                                     std::vector<std::string> plain_columns)
    : dir_(std::move(dir)),
      schema_(std::move(schema)),
      compression_(compression),
      plain_columns_(std::move(plain_columns)) {}

ParquetPartWriter::~ParquetPartWriter() = default;

Result<std::unique_ptr<ParquetPartWriter>> ParquetPartWriter::Open(
    const fs::path& dir, std::shared_ptr<arrow::Schema> schema, Compression compression,
    std::vector<std::string> plain_columns) {
  MLPIPE_RETURN_NOT_OK(MakeDirs(dir));
  std::unique_ptr<ParquetPartWriter> w(
      new ParquetPartWriter(dir, std::move(schema), compression, std::move(plain_columns)));
  MLPIPE_RETURN_NOT_OK(w->OpenNextPart());
  return w;
}

Status ParquetPartWriter::OpenNextPart() {
  auto part = std::make_unique<Part>();
  part->path = PartPath(dir_, part_index_);
  MLPIPE_ARROW_ASSIGN_OR_RETURN(part->stream,
                                arrow::io::FileOutputStream::Open(part->path.string()),
                                "cannot create " + Quote(part->path));
  parquet::WriterProperties::Builder builder;
  builder.compression(ToArrow(compression_))->max_row_group_length(kRowGroupRows);
  for (const std::string& column : plain_columns_) builder.disable_dictionary(column);
  std::shared_ptr<parquet::WriterProperties> props = builder.build();
  try {
    MLPIPE_ARROW_ASSIGN_OR_RETURN(part->writer,
                                  parquet::arrow::FileWriter::Open(
                                      *schema_, arrow::default_memory_pool(), part->stream, props),
                                  "cannot write Parquet file " + Quote(part->path));
  } catch (const parquet::ParquetException& e) {
    return Status::DataError("cannot write Parquet file " + Quote(part->path) + ": " + e.what());
  }
  part_ = std::move(part);
  ++part_index_;
  rows_in_part_ = 0;
  return Status::OK();
}

Status ParquetPartWriter::Write(const arrow::RecordBatch& batch) {
  if (!part_) return Status::InvalidArgument("ParquetPartWriter::Write after Close");
  if (!batch.schema()->Equals(*schema_, /*check_metadata=*/false)) {
    return Status::DataError("cannot write a batch with schema {" + batch.schema()->ToString() +
                             "} to " + Quote(dir_) + ", which has schema {" + schema_->ToString() +
                             "}");
  }
  if (rows_in_part_ >= kRowsPerPart) {
    MLPIPE_RETURN_NOT_OK(part_->Close());
    MLPIPE_RETURN_NOT_OK(OpenNextPart());
  }
  try {
    MLPIPE_ARROW_RETURN_NOT_OK(part_->writer->WriteRecordBatch(batch),
                               "cannot write Parquet file " + Quote(part_->path));
  } catch (const parquet::ParquetException& e) {
    return Status::DataError("cannot write Parquet file " + Quote(part_->path) + ": " + e.what());
  }
  rows_in_part_ += batch.num_rows();
  rows_written_ += batch.num_rows();
  return Status::OK();
}

Status ParquetPartWriter::Close() {
  if (!part_) return Status::OK();
  std::unique_ptr<Part> part = std::move(part_);
  return part->Close();
}

namespace {

Status WriteTableParts(const arrow::Table& table, const fs::path& dir, Compression compression) {
  MLPIPE_RETURN_NOT_OK(EnsureArrowCompute());
  MLPIPE_ASSIGN_OR_RETURN(auto writer, ParquetPartWriter::Open(dir, table.schema(), compression,
                                                               HighCardinalityColumns(table)));
  arrow::TableBatchReader batches(table);
  batches.set_chunksize(kRowGroupRows);
  while (true) {
    std::shared_ptr<arrow::RecordBatch> batch;
    MLPIPE_ARROW_RETURN_NOT_OK(batches.ReadNext(&batch), "cannot slice table for " + Quote(dir));
    if (!batch) break;
    MLPIPE_RETURN_NOT_OK(writer->Write(*batch));
  }
  return writer->Close();
}

}  // namespace

Status WriteParquetDataset(const arrow::Table& table, const fs::path& dir, Compression compression,
                           const std::map<std::string, std::string>& sidecars) {
  Status st = WriteTableParts(table, dir, compression);
  for (auto it = sidecars.begin(); st.ok() && it != sidecars.end(); ++it) {
    st = WriteFileAtomic(dir / it->first, it->second);
  }
  return st.WithContext("cannot write dataset " + Quote(dir));
}

}  // namespace mlpipe::engine
