#include "engine/io/input_files.h"

#include <fmt/format.h>
#include <parquet/exception.h>
#include <parquet/metadata.h>

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/io/arrow_status.h"
#include "util/fs.h"
#include "util/strings.h"

namespace mlpipe::engine {

namespace {

constexpr int64_t kReadBufferBytes = 1 << 20;  // per column chunk being read (OpenParquetFile)

std::string Quote(const fs::path& p) { return "'" + p.string() + "'"; }

std::optional<FileFormat> FormatFromExtension(const fs::path& file) {
  const std::string ext = ToLower(file.extension().string());
  if (ext == ".csv") return FileFormat::kCsv;
  if (ext == ".parquet" || ext == ".parq" || ext == ".pq") return FileFormat::kParquet;
  return std::nullopt;
}

Status CheckFormatName(const std::string& format) {
  if (format == "auto" || format == "csv" || format == "parquet") return Status::OK();
  return Status::InvalidArgument("unknown input format '" + format + "'; use auto, csv or parquet");
}

// `format` when it names one, else told by the extensions of `files` (the data files of `path`).
Result<FileFormat> FormatOf(const std::vector<fs::path>& files, const fs::path& path,
                            const std::string& format) {
  if (files.empty()) {
    return Status::DataError("input directory " + Quote(path) +
                             " contains no data files (names starting with _ or . are skipped)");
  }
  if (format == "csv") return FileFormat::kCsv;
  if (format == "parquet") return FileFormat::kParquet;
  std::optional<FileFormat> found;
  for (const auto& file : files) {
    std::optional<FileFormat> f = FormatFromExtension(file);
    if (!f) {
      return Status::DataError("cannot tell the format of " + Quote(file) +
                               " from its extension (.csv, .parquet, .parq, .pq); set "
                               "data_config.input_format to csv or parquet");
    }
    if (found && *found != *f) {
      return Status::DataError("input " + Quote(path) +
                               " mixes CSV and Parquet files; keep one format per directory");
    }
    found = f;
  }
  return *found;
}

// Arrow sizes its buffers by the row counts a footer claims, so a corrupt footer (a row group of
// 69 billion rows whose columns hold 2 values, found by fuzzing) would allocate gigabytes. Row
// groups must hold as many rows as their columns hold values, and add up to the file's row count.
Status CheckRowCounts(const parquet::FileMetaData& metadata, const fs::path& path) {
  int64_t total = 0;
  for (int g = 0; g < metadata.num_row_groups(); ++g) {
    const auto group = metadata.RowGroup(g);
    int64_t values = 0;  // a flat column holds one value (or null) per row; a repeated one more
    for (int c = 0; c < group->num_columns(); ++c)
      values = std::max(values, group->ColumnChunk(c)->num_values());
    if (group->num_rows() < 0 || (group->num_columns() > 0 && group->num_rows() > values)) {
      return Status::DataError(
          fmt::format("{} is not a valid Parquet file: row group {} claims {} rows but its "
                      "columns hold {} values",
                      Quote(path), g, group->num_rows(), values));
    }
    if (__builtin_add_overflow(total, group->num_rows(), &total)) {
      return Status::DataError(Quote(path) +
                               " is not a valid Parquet file: its row counts overflow");
    }
  }
  if (total != metadata.num_rows()) {
    return Status::DataError(
        fmt::format("{} is not a valid Parquet file: its row groups hold {} rows, its footer "
                    "says {}",
                    Quote(path), total, metadata.num_rows()));
  }
  return Status::OK();
}

}  // namespace

Result<InputFiles> ResolveInputFiles(const fs::path& path, const std::string& format) {
  MLPIPE_RETURN_NOT_OK(CheckFormatName(format));
  std::error_code ec;
  const fs::file_status st = fs::status(path, ec);
  if (ec || !fs::exists(st)) {
    return Status::NotFound("input path " + Quote(path) + " does not exist");
  }
  InputFiles input;
  if (fs::is_directory(st)) {
    MLPIPE_ASSIGN_OR_RETURN(input.files, ListDataFiles(path));
  } else if (fs::is_regular_file(st)) {
    input.files.push_back(path);
  } else {
    return Status::DataError("input path " + Quote(path) + " is " +
                             std::string(FileTypeName(st.type())) +
                             ", not a data file or a directory of data files");
  }
  MLPIPE_ASSIGN_OR_RETURN(input.format, FormatOf(input.files, path, format));
  return input;
}

Result<InputFiles> SelectInputFiles(const fs::path& path,
                                    const std::optional<std::vector<ListedEntry>>& directory,
                                    const std::string& format) {
  MLPIPE_RETURN_NOT_OK(CheckFormatName(format));
  InputFiles input;
  if (!directory) {
    input.files.push_back(path);
  } else {
    for (const ListedEntry& e : *directory) {
      if (e.is_file && IsDataFileName(e.name)) input.files.push_back(path / e.name);
    }
    std::sort(input.files.begin(), input.files.end());
  }
  MLPIPE_ASSIGN_OR_RETURN(input.format, FormatOf(input.files, path, format));
  return input;
}

Status CheckColumnNames(const arrow::Schema& schema, const fs::path& path) {
  std::map<std::string, std::vector<int>> positions;
  for (int i = 0; i < schema.num_fields(); ++i) positions[schema.field(i)->name()].push_back(i + 1);
  std::vector<std::string> problems;
  for (const auto& [name, at] : positions) {
    if (name.empty()) problems.push_back("column " + std::to_string(at[0]) + " has no name");
    if (!name.empty() && at.size() > 1) {
      std::vector<std::string> numbers;
      for (int n : at) numbers.push_back(std::to_string(n));
      problems.push_back("'" + name + "' names columns " + Join(numbers, " and "));
    }
  }
  if (problems.empty()) return Status::OK();
  return Status::DataError("input " + Quote(path) + ": " + Join(problems, "; ") +
                           "; give every column a name of its own in the header");
}

CsvOptions MakeCsvOptions(const ReadOptions& opts, int64_t block_size) {
  CsvOptions o;
  o.read.block_size = static_cast<int32_t>(block_size);
  o.convert.null_values = opts.na_values;
  o.convert.strings_can_be_null = true;
  for (const auto& [name, type] : opts.column_types) o.convert.column_types[name] = type;
  return o;
}

Result<std::shared_ptr<arrow::io::ReadableFile>> OpenLocalFile(const fs::path& path) {
  return FromArrow(arrow::io::ReadableFile::Open(path.string()), "cannot open " + Quote(path));
}

Result<std::shared_ptr<arrow::Schema>> InferCsvSchema(const fs::path& path, const ReadOptions& opts,
                                                      int64_t prefix_bytes) {
  MLPIPE_ASSIGN_OR_RETURN(auto file, OpenLocalFile(path));
  const std::string context = "cannot read CSV file " + Quote(path);
  MLPIPE_ARROW_ASSIGN_OR_RETURN(const int64_t size, file->GetSize(), context);
  MLPIPE_ARROW_ASSIGN_OR_RETURN(auto prefix, file->ReadAt(0, std::min(size, prefix_bytes)),
                                context);
  if (prefix->size() < size) {
    const std::string_view text(reinterpret_cast<const char*>(prefix->data()),
                                static_cast<size_t>(prefix->size()));
    const size_t end = text.rfind('\n');
    if (end != std::string_view::npos) {
      prefix = arrow::SliceBuffer(prefix, 0, static_cast<int64_t>(end) + 1);
    }
  }
  CsvOptions csv = MakeCsvOptions(opts, prefix->size() + 1);
  csv.read.use_threads = false;
  auto input = std::make_shared<arrow::io::BufferReader>(prefix);
  MLPIPE_ARROW_ASSIGN_OR_RETURN(
      auto reader,
      arrow::csv::TableReader::Make(arrow::io::default_io_context(), input, csv.read, csv.parse,
                                    csv.convert),
      context);
  MLPIPE_ARROW_ASSIGN_OR_RETURN(auto table, reader->Read(), context);
  return table->schema();
}

Result<std::unique_ptr<parquet::arrow::FileReader>> OpenParquetFile(const fs::path& path,
                                                                    int64_t batch_size) {
  MLPIPE_ASSIGN_OR_RETURN(auto file, OpenLocalFile(path));
  parquet::ArrowReaderProperties props;
  props.set_batch_size(batch_size);
  // Column chunks are read through a small buffer instead of whole (pre-buffered): memory follows
  // batch_size, not the row-group size the file was written with.
  props.set_pre_buffer(false);
  parquet::ReaderProperties file_props;
  file_props.enable_buffered_stream();
  file_props.set_buffer_size(kReadBufferBytes);
  try {
    parquet::arrow::FileReaderBuilder builder;
    MLPIPE_ARROW_RETURN_NOT_OK(builder.Open(file, file_props),
                               Quote(path) + " is not a valid Parquet file");
    std::unique_ptr<parquet::arrow::FileReader> reader;
    MLPIPE_ARROW_RETURN_NOT_OK(builder.properties(props)->Build(&reader),
                               Quote(path) + " is not a valid Parquet file");
    MLPIPE_RETURN_NOT_OK(CheckRowCounts(*reader->parquet_reader()->metadata(), path));
    return reader;
  } catch (const parquet::ParquetException& e) {
    return Status::DataError(Quote(path) + " is not a valid Parquet file: " + e.what());
  }
}

}  // namespace mlpipe::engine
