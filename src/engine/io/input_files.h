// Internal to engine/io: resolves an input path (file or directory of parts) to its data files and
// format, and opens single files with the options shared by ReadTable and BatchReader.
#pragma once

#include <arrow/csv/api.h>
#include <arrow/io/api.h>
#include <parquet/arrow/reader.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/io/table_reader.h"

namespace mlpipe::engine {

enum class FileFormat { kCsv, kParquet };

struct InputFiles {
  std::vector<fs::path> files;  // one or more, sorted
  FileFormat format = FileFormat::kCsv;
};

// NotFound when `path` does not exist; DataError for an empty directory or parts whose format
// cannot be told from the extension; InvalidArgument for an unknown `format`.
Result<InputFiles> ResolveInputFiles(const fs::path& path, const std::string& format);

// One entry of a directory listing, from any filesystem.
struct ListedEntry {
  std::string name;
  bool is_file = false;  // a regular file (else a directory or something else)
};

// ResolveInputFiles' rule on a listing from another filesystem (HDFS on Spark, through the engine
// module's select_input_files): `path` itself when `directory` is nullopt (a plain file), else the
// directory's files named IsDataFileName (util/fs.h) in name order; the format as
// ResolveInputFiles tells it. The same errors, except NotFound (the caller has listed the path).
Result<InputFiles> SelectInputFiles(const fs::path& path,
                                    const std::optional<std::vector<ListedEntry>>& directory,
                                    const std::string& format);

// DataError naming `path` for column names that are empty or repeated ('a' at columns 2 and 5):
// a job could not tell such columns apart.
Status CheckColumnNames(const arrow::Schema& schema, const fs::path& path);

struct CsvOptions {
  arrow::csv::ReadOptions read = arrow::csv::ReadOptions::Defaults();
  arrow::csv::ParseOptions parse = arrow::csv::ParseOptions::Defaults();
  arrow::csv::ConvertOptions convert = arrow::csv::ConvertOptions::Defaults();
};

// Header row, opts.na_values as null, given column types; `block_size` bytes per parse block.
CsvOptions MakeCsvOptions(const ReadOptions& opts, int64_t block_size);

// Column types inferred from the first `prefix_bytes` of a CSV file (cut at a line end), the
// way TableReader would; lets a streaming read use small blocks without losing inference.
Result<std::shared_ptr<arrow::Schema>> InferCsvSchema(const fs::path& path, const ReadOptions& opts,
                                                      int64_t prefix_bytes);

Result<std::shared_ptr<arrow::io::ReadableFile>> OpenLocalFile(const fs::path& path);

// DataError "'<path>' is not a valid Parquet file (...)" when the footer cannot be read.
Result<std::unique_ptr<parquet::arrow::FileReader>> OpenParquetFile(const fs::path& path,
                                                                    int64_t batch_size);

}  // namespace mlpipe::engine
