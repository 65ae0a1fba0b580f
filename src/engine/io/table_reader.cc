#include "engine/io/table_reader.h"

#include <algorithm>

#include "engine/io/arrow_status.h"
#include "engine/io/input_files.h"

namespace mlpipe::engine {

namespace {

constexpr int64_t kMinCsvBlock = int64_t{1} << 20;
constexpr int64_t kMaxCsvBlock = int64_t{64} << 20;

std::string Quote(const fs::path& p) { return "'" + p.string() + "'"; }

Result<std::shared_ptr<arrow::Table>> ReadCsvFile(const fs::path& path, const ReadOptions& opts) {
  std::error_code ec;
  const auto size = static_cast<int64_t>(fs::file_size(path, ec));
  // Type inference looks at the first block only, so files up to kMaxCsvBlock are inferred whole.
  const int64_t block = std::clamp(ec ? kMinCsvBlock : size + 1, kMinCsvBlock, kMaxCsvBlock);
  CsvOptions csv = MakeCsvOptions(opts, block);
  MLPIPE_ASSIGN_OR_RETURN(auto file, OpenLocalFile(path));
  const std::string context = "cannot read CSV file " + Quote(path);
  MLPIPE_ARROW_ASSIGN_OR_RETURN(auto reader,
                                arrow::csv::TableReader::Make(arrow::io::default_io_context(), file,
                                                              csv.read, csv.parse, csv.convert),
                                context);
  MLPIPE_ARROW_ASSIGN_OR_RETURN(auto table, reader->Read(), context);
  return table;
}

Result<std::shared_ptr<arrow::Table>> ReadParquetFile(const fs::path& path) {
  MLPIPE_ASSIGN_OR_RETURN(auto reader, OpenParquetFile(path, 64 * 1024));
  return FromArrow(reader->ReadTable(), "cannot read Parquet file " + Quote(path));
}

Result<std::shared_ptr<arrow::Table>> ConcatenateParts(
    const std::vector<std::shared_ptr<arrow::Table>>& parts, const InputFiles& input) {
  std::vector<std::shared_ptr<arrow::Schema>> schemas;
  for (const auto& t : parts) schemas.push_back(t->schema());
  auto unified = arrow::UnifySchemas(schemas);
  const bool compatible = unified.ok() && (*unified)->num_fields() == parts[0]->num_columns();
  for (size_t i = 1; i < parts.size() && !compatible; ++i) {
    if (parts[i]->schema()->Equals(*parts[0]->schema(), /*check_metadata=*/false)) continue;
    return Status::DataError("part " + Quote(input.files[i]) + " has schema {" +
                             parts[i]->schema()->ToString() + "} but " + Quote(input.files[0]) +
                             " has {" + parts[0]->schema()->ToString() +
                             "}; all parts of a directory must share one schema");
  }
  arrow::ConcatenateTablesOptions options;
  options.unify_schemas = true;
  return FromArrow(arrow::ConcatenateTables(parts, options),
                   "cannot combine the parts of " + Quote(input.files[0].parent_path()));
}

}  // namespace

Result<std::shared_ptr<arrow::Table>> ReadTable(const fs::path& path, const ReadOptions& opts) {
  MLPIPE_ASSIGN_OR_RETURN(InputFiles input, ResolveInputFiles(path, opts.format));
  std::vector<std::shared_ptr<arrow::Table>> parts;
  for (const auto& file : input.files) {
    std::shared_ptr<arrow::Table> table;
    if (input.format == FileFormat::kCsv) {
      MLPIPE_ASSIGN_OR_RETURN(table, ReadCsvFile(file, opts));
    } else {
      MLPIPE_ASSIGN_OR_RETURN(table, ReadParquetFile(file));
    }
    MLPIPE_RETURN_NOT_OK(CheckColumnNames(*table->schema(), file));
    parts.push_back(std::move(table));
  }
  std::shared_ptr<arrow::Table> table = parts[0];
  if (parts.size() > 1) {
    MLPIPE_ASSIGN_OR_RETURN(table, ConcatenateParts(parts, input));
  }
  if (table->num_rows() == 0) {
    return Status::DataError("input " + Quote(path) +
                             " has no data rows (a header or schema only); point the job at data");
  }
  return table;
}

ReadOptions ReadOptionsFor(const config::DataConfig& data) {
  ReadOptions read;
  read.format = data.input_format;
  read.na_values = data.na_values;
  return read;
}

}  // namespace mlpipe::engine
