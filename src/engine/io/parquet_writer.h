// Writes Parquet output as a directory of part files (part-00000.parquet, part-00001.parquet, ...),
// the layout Spark and ReadTable/BatchReader read back.
#pragma once

#include <arrow/api.h>

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "util/fs.h"
#include "util/result.h"

namespace mlpipe::engine {

enum class Compression { kSnappy, kZstd, kGzip, kNone };

// "snappy" | "zstd" | "gzip" | "none" (case-insensitive); InvalidArgument otherwise.
Result<Compression> ParseCompression(std::string_view name);

// Appends batches to part files under `dir`, starting a new part after kRowsPerPart rows. Close()
// must be called (and succeed) for the files to be complete; the caller owns cleanup of `dir` on
// failure. Not thread-safe.
class ParquetPartWriter {
 public:
  static constexpr int64_t kRowsPerPart = int64_t{1} << 20;

  // Creates `dir` if needed and opens part-00000.parquet. `plain_columns` are written without
  // dictionary encoding: columns with about one distinct value per row (row numbers,
  // probabilities), whose dictionary would only be built and dropped.
  static Result<std::unique_ptr<ParquetPartWriter>> Open(
      const fs::path& dir, std::shared_ptr<arrow::Schema> schema, Compression compression,
      std::vector<std::string> plain_columns = {});
  ~ParquetPartWriter();

  // REQUIRES: batch.schema() equals the writer's schema (DataError otherwise).
  Status Write(const arrow::RecordBatch& batch);
  Status Close();
  int64_t rows_written() const { return rows_written_; }

 private:
  class Part;
  ParquetPartWriter(fs::path dir, std::shared_ptr<arrow::Schema> schema, Compression compression,
                    std::vector<std::string> plain_columns);
  Status OpenNextPart();

  fs::path dir_;
  std::shared_ptr<arrow::Schema> schema_;
  Compression compression_;
  std::vector<std::string> plain_columns_;
  std::unique_ptr<Part> part_;
  int part_index_ = 0;
  int64_t rows_in_part_ = 0;
  int64_t rows_written_ = 0;
};

// Writes `table` as part files into directory `dir` (created if needed), plus `sidecars` (file name
// -> content, e.g. the lineage file) beside the parts. Publishing is the caller's: jobs write into
// the staging directory of CommitLocalOutput (engine/io/output_commit.h). Floating-point columns
// whose leading values are mostly distinct are written without dictionary encoding; all others with
// it.
Status WriteParquetDataset(const arrow::Table& table, const fs::path& dir, Compression compression,
                           const std::map<std::string, std::string>& sidecars = {});

}  // namespace mlpipe::engine
