#include "engine/io/csv_lines.h"

#include "engine/io/arrow_status.h"
#include "engine/io/input_files.h"

namespace mlpipe::engine {

Result<std::shared_ptr<arrow::RecordBatch>> ParseCsvLines(
    std::string_view header, const arrow::StringArray& lines, const arrow::Schema& schema,
    const std::vector<std::string>& na_values) {
  std::string text;
  text.reserve(header.size() + 1 +
               static_cast<size_t>(lines.total_values_length() + lines.length()));
  text.append(header).push_back('\n');
  for (int64_t i = 0; i < lines.length(); ++i) {
    if (lines.IsNull(i)) continue;
    text.append(lines.GetView(i)).push_back('\n');
  }
  ReadOptions read;
  read.na_values = na_values;
  for (const auto& field : schema.fields()) read.column_types[field->name()] = field->type();
  CsvOptions csv = MakeCsvOptions(read, static_cast<int64_t>(text.size()) + 1);
  csv.read.use_threads = false;
  csv.convert.include_columns = schema.field_names();
  auto input =
      std::make_shared<arrow::io::BufferReader>(arrow::Buffer::FromString(std::move(text)));
  const std::string context = "cannot parse CSV records";
  MLPIPE_ARROW_ASSIGN_OR_RETURN(
      auto reader,
      arrow::csv::TableReader::Make(arrow::io::default_io_context(), input, csv.read, csv.parse,
                                    csv.convert),
      context);
  MLPIPE_ARROW_ASSIGN_OR_RETURN(auto table, reader->Read(), context);
  if (!table->schema()->Equals(schema, /*check_metadata=*/false)) {
    return Status::DataError("CSV records have columns {" + table->schema()->ToString() +
                             "} but the file's are {" + schema.ToString() +
                             "}; all parts of a CSV input must share the first file's header");
  }
  return FromArrow(table->CombineChunksToBatch(), context);
}

}  // namespace mlpipe::engine
