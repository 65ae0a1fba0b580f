// Streams an input (file or directory of parts, as ReadTable) as record batches of exactly
// `batch_size` rows (the last may be shorter). Memory is bounded by the batch size and one parse
// block, never by the input: Parquet is read row group by row group, CSV block by block, one file
// at a time. Not thread-safe.
#pragma once

#include <arrow/api.h>

#include <cstdint>
#include <memory>

#include "engine/io/table_reader.h"

namespace mlpipe::engine {

class BatchReader {
 public:
  // REQUIRES: batch_size > 0. Opens the first file and reads its schema; later CSV parts reuse the
  // first part's column types, and any part whose schema differs fails with DataError naming it.
  static Result<std::unique_ptr<BatchReader>> Open(const fs::path& path, int64_t batch_size,
                                                   const ReadOptions& opts = {});
  ~BatchReader();

  std::shared_ptr<arrow::Schema> schema() const;
  // The next batch, or nullptr after the last one.
  Result<std::shared_ptr<arrow::RecordBatch>> Next();
  // Rows returned by Next so far.
  int64_t rows_read() const;

 private:
  class Impl;
  explicit BatchReader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace mlpipe::engine
