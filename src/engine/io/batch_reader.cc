#include "engine/io/batch_reader.h"

#include <algorithm>
#include <numeric>
#include <vector>

#include "engine/io/arrow_status.h"
#include "engine/io/input_files.h"
#include "util/strings.h"

namespace mlpipe::engine {

namespace {

// Arrow's CSV streaming reader reads up to 32 blocks ahead in the background, so blocks are small;
// column types come from a larger prefix instead (InferCsvSchema).
constexpr int64_t kCsvBlockBytes = int64_t{256} << 10;
constexpr int64_t kCsvInferBytes = int64_t{4} << 20;

std::string Quote(const fs::path& p) { return "'" + p.string() + "'"; }

}  // namespace

class BatchReader::Impl {
 public:
  Impl(InputFiles input, int64_t batch_size, ReadOptions opts)
      : input_(std::move(input)), batch_size_(batch_size), opts_(std::move(opts)) {}

  Status OpenFile(size_t index) {
    const fs::path& file = input_.files[index];
    current_.reset();
    parquet_.reset();
    if (input_.format == FileFormat::kParquet) {
      MLPIPE_ASSIGN_OR_RETURN(parquet_, OpenParquetFile(file, batch_size_));
      MLPIPE_ASSIGN_OR_RETURN(auto columns, ParquetColumnIndices(file));
      std::vector<int> row_groups(static_cast<size_t>(parquet_->num_row_groups()));
      std::iota(row_groups.begin(), row_groups.end(), 0);
      MLPIPE_ARROW_ASSIGN_OR_RETURN(current_,
                                    columns ? parquet_->GetRecordBatchReader(row_groups, *columns)
                                            : parquet_->GetRecordBatchReader(),
                                    "cannot read Parquet file " + Quote(file));
    } else {
      if (!schema_) {
        MLPIPE_ASSIGN_OR_RETURN(auto inferred, InferCsvSchema(file, opts_, kCsvInferBytes));
        MLPIPE_RETURN_NOT_OK(CheckSelectedColumns(*inferred, file));
        KeepTypes(*inferred);
      }
      MLPIPE_ASSIGN_OR_RETURN(auto stream, OpenLocalFile(file));
      CsvOptions csv = MakeCsvOptions(opts_, kCsvBlockBytes);
      csv.read.use_threads = false;
      csv.convert.include_columns = opts_.columns;
      MLPIPE_ARROW_ASSIGN_OR_RETURN(
          current_,
          arrow::csv::StreamingReader::Make(arrow::io::default_io_context(), stream, csv.read,
                                            csv.parse, csv.convert),
          "cannot read CSV file " + Quote(file));
    }
    if (!schema_) {
      MLPIPE_RETURN_NOT_OK(CheckColumnNames(*current_->schema(), file));
      schema_ = current_->schema();
      KeepTypes(*schema_);  // later CSV parts must not infer other types for the same columns
    } else if (!current_->schema()->Equals(*schema_, /*check_metadata=*/false)) {
      return Status::DataError("part " + Quote(file) + " has schema {" +
                               current_->schema()->ToString() + "} but " + Quote(input_.files[0]) +
                               " has {" + schema_->ToString() +
                               "}; all parts of a directory must share one schema");
    }
    file_index_ = index;
    return Status::OK();
  }

  // The leaf indices of opts_.columns in Parquet `file`, or nullopt to read every column.
  Result<std::optional<std::vector<int>>> ParquetColumnIndices(const fs::path& file) const {
    if (opts_.columns.empty()) return std::optional<std::vector<int>>();
    std::shared_ptr<arrow::Schema> schema;
    MLPIPE_ARROW_RETURN_NOT_OK(parquet_->GetSchema(&schema),
                               "cannot read the schema of " + Quote(file));
    MLPIPE_RETURN_NOT_OK(CheckSelectedColumns(*schema, file));
    std::vector<int> indices;
    for (const auto& name : opts_.columns) indices.push_back(schema->GetFieldIndex(name));
    return std::optional<std::vector<int>>(std::move(indices));
  }

  // DataError naming the selected columns `file` (of `schema`) lacks.
  Status CheckSelectedColumns(const arrow::Schema& schema, const fs::path& file) const {
    std::vector<std::string> missing;
    for (const auto& name : opts_.columns) {
      if (schema.GetFieldIndex(name) < 0) missing.push_back(name);
    }
    if (missing.empty()) return Status::OK();
    return Status::DataError(Quote(file) + " has no column " + Join(missing, ", "));
  }

  void KeepTypes(const arrow::Schema& schema) {
    for (const auto& field : schema.fields()) {
      if (field->type()->id() != arrow::Type::NA) opts_.column_types[field->name()] = field->type();
    }
  }

  // The next non-empty batch from the current or following files, or nullptr at the end.
  Result<std::shared_ptr<arrow::RecordBatch>> NextSourceBatch() {
    while (current_) {
      std::shared_ptr<arrow::RecordBatch> batch;
      MLPIPE_ARROW_RETURN_NOT_OK(current_->ReadNext(&batch),
                                 "cannot read " + Quote(input_.files[file_index_]));
      if (batch && batch->num_rows() > 0) return batch;
      if (batch) continue;
      if (file_index_ + 1 >= input_.files.size()) {
        current_.reset();
        parquet_.reset();
        break;
      }
      MLPIPE_RETURN_NOT_OK(OpenFile(file_index_ + 1));
    }
    return std::shared_ptr<arrow::RecordBatch>();
  }

  Result<std::shared_ptr<arrow::RecordBatch>> Next() {
    std::vector<std::shared_ptr<arrow::RecordBatch>> pieces;
    int64_t rows = 0;
    while (rows < batch_size_) {
      if (!pending_ || pending_offset_ >= pending_->num_rows()) {
        MLPIPE_ASSIGN_OR_RETURN(pending_, NextSourceBatch());
        pending_offset_ = 0;
        if (!pending_) break;
      }
      const int64_t take = std::min(batch_size_ - rows, pending_->num_rows() - pending_offset_);
      pieces.push_back(pending_->Slice(pending_offset_, take));
      pending_offset_ += take;
      rows += take;
    }
    if (pieces.empty()) return std::shared_ptr<arrow::RecordBatch>();
    rows_read_ += rows;
    if (pieces.size() == 1) return pieces[0];
    return FromArrow(arrow::ConcatenateRecordBatches(pieces),
                     "cannot assemble a batch from " + Quote(input_.files[file_index_]));
  }

  std::shared_ptr<arrow::Schema> schema() const { return schema_; }
  int64_t rows_read() const { return rows_read_; }

 private:
  InputFiles input_;
  int64_t batch_size_;
  ReadOptions opts_;
  std::shared_ptr<arrow::Schema> schema_;
  std::unique_ptr<parquet::arrow::FileReader> parquet_;  // must outlive current_
  std::shared_ptr<arrow::RecordBatchReader> current_;
  size_t file_index_ = 0;
  std::shared_ptr<arrow::RecordBatch> pending_;
  int64_t pending_offset_ = 0;
  int64_t rows_read_ = 0;
};

BatchReader::BatchReader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
BatchReader::~BatchReader() = default;

Result<std::unique_ptr<BatchReader>> BatchReader::Open(const fs::path& path, int64_t batch_size,
                                                       const ReadOptions& opts) {
  if (batch_size <= 0) {
    return Status::InvalidArgument("batch size must be positive, got " +
                                   std::to_string(batch_size));
  }
  MLPIPE_ASSIGN_OR_RETURN(InputFiles input, ResolveInputFiles(path, opts.format));
  auto impl = std::make_unique<Impl>(std::move(input), batch_size, opts);
  MLPIPE_RETURN_NOT_OK(impl->OpenFile(0));
  return std::unique_ptr<BatchReader>(new BatchReader(std::move(impl)));
}

std::shared_ptr<arrow::Schema> BatchReader::schema() const { return impl_->schema(); }
Result<std::shared_ptr<arrow::RecordBatch>> BatchReader::Next() { return impl_->Next(); }
int64_t BatchReader::rows_read() const { return impl_->rows_read(); }

}  // namespace mlpipe::engine
