// Fuzzes the CSV and Parquet readers (engine/io/table_reader.h, batch_reader.h) on one input file:
// MLPIPE_FUZZ_FORMAT (set by the CMake target: csv or parquet) picks the extension. Properties: any
// bytes give a Status, never a crash or hang; when both the whole-table reader and the streaming
// reader accept the file they agree on the schema and the number of rows.
#include <arrow/api.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "engine/io/batch_reader.h"
#include "engine/io/table_reader.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto path = mlpipe::fuzz::WriteScratch(
      "input." MLPIPE_FUZZ_FORMAT, std::string_view(reinterpret_cast<const char*>(data), size));
  auto table = mlpipe::engine::ReadTable(path);
  auto reader = mlpipe::engine::BatchReader::Open(path, /*batch_size=*/7);
  if (!reader.ok()) return 0;
  int64_t rows = 0;
  while (true) {
    auto batch = (*reader)->Next();
    if (!batch.ok()) return 0;
    if (*batch == nullptr) break;
    rows += (*batch)->num_rows();
  }
  if (!table.ok()) return 0;
  if (rows != (*table)->num_rows()) {
    mlpipe::fuzz::PropertyFailed(
        "readers disagree on the row count",
        std::to_string(rows) + " vs " + std::to_string((*table)->num_rows()));
  }
  if (!(*reader)->schema()->Equals(*(*table)->schema())) {
    mlpipe::fuzz::PropertyFailed(
        "readers disagree on the schema",
        (*reader)->schema()->ToString() + "\nvs\n" + (*table)->schema()->ToString());
  }
  return 0;
}
