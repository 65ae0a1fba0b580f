#include "engine/io/column_warnings.h"

#include <fmt/format.h>

#include <charconv>
#include <cstdint>
#include <optional>
#include <string_view>

namespace mlpipe::engine {

namespace {

bool IsNumber(std::string_view text) {
  double value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  return ec == std::errc() && ptr == end;
}

struct TextColumnCount {
  int64_t numbers = 0;
  int64_t others = 0;
  std::optional<std::string> first_other;
  int64_t first_other_row = 0;  // 1-based data row
};

template <typename ArrayType>
void CountValues(const arrow::ChunkedArray& column, TextColumnCount& count) {
  int64_t row = 0;
  for (const auto& chunk : column.chunks()) {
    const auto& values = static_cast<const ArrayType&>(*chunk);
    for (int64_t i = 0; i < values.length(); ++i, ++row) {
      if (values.IsNull(i)) continue;
      const std::string_view text = values.GetView(i);
      if (IsNumber(text)) {
        ++count.numbers;
      } else if (++count.others == 1) {
        count.first_other = std::string(text);
        count.first_other_row = row + 1;
      }
    }
  }
}

}  // namespace

std::vector<std::string> NumberColumnsReadAsText(const arrow::Table& table,
                                                 const std::string& source) {
  std::vector<std::string> out;
  for (int c = 0; c < table.num_columns(); ++c) {
    const auto& type = *table.schema()->field(c)->type();
    TextColumnCount count;
    if (type.id() == arrow::Type::STRING) {
      CountValues<arrow::StringArray>(*table.column(c), count);
    } else if (type.id() == arrow::Type::LARGE_STRING) {
      CountValues<arrow::LargeStringArray>(*table.column(c), count);
    } else {
      continue;
    }
    const int64_t total = count.numbers + count.others;
    if (count.others == 0 || total == 0 ||
        static_cast<double>(count.numbers) < kMostlyNumericShare * static_cast<double>(total)) {
      continue;
    }
    out.push_back(fmt::format(
        "column '{}' of {} is read as text, not numbers, because {} of its {} values {} not a "
        "number, the "
        "first '{}' in data row {}; fix or blank {} (an empty cell is a missing value) to keep the "
        "column numeric",
        table.schema()->field(c)->name(), source, count.others, total,
        count.others == 1 ? "is" : "are", *count.first_other, count.first_other_row,
        count.others == 1 ? "it" : "them"));
  }
  return out;
}

}  // namespace mlpipe::engine
