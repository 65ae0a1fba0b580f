// Reads a whole CSV or Parquet input into an Arrow table. An input is a file or a directory of part
// files (names starting with '_' or '.' are skipped, so Spark/Hadoop output directories work).
// Errors name the path: NotFound for a missing path, DataError for unreadable or mismatched data.
#pragma once

#include <arrow/api.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "config/job_config.h"
#include "util/fs.h"
#include "util/result.h"

namespace mlpipe::engine {

struct ReadOptions {
  std::string format = "auto";  // auto (by extension: .csv, .parquet/.parq/.pq) | csv | parquet
  // CSV only: column name -> type, overriding inference (other columns are still inferred).
  std::map<std::string, std::shared_ptr<arrow::DataType>> column_types;
  // BatchReader only: read just these columns (empty = all); a name the input lacks is a DataError.
  std::vector<std::string> columns;
  // CSV only: cells read as missing, in every column (strings too).
  std::vector<std::string> na_values = config::DefaultNaValues();
};

// The read options a job's data_config asks for: input_format and na_values.
ReadOptions ReadOptionsFor(const config::DataConfig& data);

// CSV: header row, a cell in na_values = null, quoted strings. All parts of a directory must share
// a schema (a column that is all-null in one part may take its type from another).
Result<std::shared_ptr<arrow::Table>> ReadTable(const fs::path& path, const ReadOptions& opts = {});

}  // namespace mlpipe::engine
