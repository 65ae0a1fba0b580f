#include "engine/jobs/dataset_output.h"

#include "util/fs.h"

namespace mlpipe::engine {

namespace {

Status WriteStaged(const arrow::Table& table, const fs::path& staging, Compression compression,
                   const std::map<std::string, std::string>& sidecars) {
  MLPIPE_ASSIGN_OR_RETURN(auto writer, ParquetPartWriter::Open(staging, table.schema(), compression));
  arrow::TableBatchReader reader(table);
  std::shared_ptr<arrow::RecordBatch> batch;
  while (true) {
    auto st = reader.ReadNext(&batch);
    if (!st.ok()) return Status::IOError("reading table batches: " + st.ToString());
    if (!batch) break;
    MLPIPE_RETURN_NOT_OK(writer->Write(*batch));
  }
  MLPIPE_RETURN_NOT_OK(writer->Close());
  for (const auto& [name, content] : sidecars) MLPIPE_RETURN_NOT_OK(WriteFileAtomic(staging / name, content));
  return Status::OK();
}

}  // namespace

Status PublishDataset(const arrow::Table& table, const fs::path& final_dir, Compression compression,
                      const std::map<std::string, std::string>& sidecars) {
  const fs::path staging = StagingPathFor(final_dir);
  Status st = WriteStaged(table, staging, compression, sidecars);
  if (st.ok()) st = CommitDirectory(staging, final_dir, /*overwrite=*/true);
  if (!st.ok()) (void)RemoveAll(staging);
  return st;
}

}  // namespace mlpipe::engine
