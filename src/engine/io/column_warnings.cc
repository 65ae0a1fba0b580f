#include "engine/io/column_warnings.h"

#include <fmt/format.h>

#include <charconv>
#include <nlohmann/json.hpp>

namespace mlpipe::engine {

namespace {

bool IsNumber(std::string_view text) {
  double value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  return ec == std::errc() && ptr == end;
}

struct Counted {
  int64_t numbers = 0;
  int64_t others = 0;
  std::optional<std::string> first_other;
  int64_t first_other_row = 0;
};

template <typename ArrayType>
Counted CountValues(const arrow::ChunkedArray& column, int64_t first_row) {
  Counted count;
  int64_t row = first_row;
  for (const auto& chunk : column.chunks()) {
    const auto& values = static_cast<const ArrayType&>(*chunk);
    for (int64_t i = 0; i < values.length(); ++i, ++row) {
      if (values.IsNull(i)) continue;
      const std::string_view text = values.GetView(i);
      if (IsNumber(text)) {
        ++count.numbers;
      } else if (++count.others == 1) {
        count.first_other = std::string(text);
        count.first_other_row = row;
      }
    }
  }
  return count;
}

}  // namespace

TextColumnCensus::Column& TextColumnCensus::ColumnNamed(const std::string& name) {
  for (Column& c : columns_) {
    if (c.name == name) return c;
  }
  Column& added = columns_.emplace_back();
  added.name = name;
  return added;
}

void TextColumnCensus::Add(const arrow::Table& rows, int64_t first_row) {
  TextColumnCensus part;
  for (int c = 0; c < rows.num_columns(); ++c) {
    const arrow::Type::type type = rows.schema()->field(c)->type()->id();
    Counted count;
    if (type == arrow::Type::STRING) {
      count = CountValues<arrow::StringArray>(*rows.column(c), first_row);
    } else if (type == arrow::Type::LARGE_STRING) {
      count = CountValues<arrow::LargeStringArray>(*rows.column(c), first_row);
    } else {
      continue;
    }
    part.columns_.push_back(Column{rows.schema()->field(c)->name(), count.numbers, count.others,
                                   std::move(count.first_other), count.first_other_row});
  }
  Merge(part);
}

void TextColumnCensus::Merge(const TextColumnCensus& other) {
  for (const Column& theirs : other.columns_) {
    Column& ours = ColumnNamed(theirs.name);
    ours.numbers += theirs.numbers;
    ours.others += theirs.others;
    if (theirs.first_other &&
        (!ours.first_other || theirs.first_other_row < ours.first_other_row)) {
      ours.first_other = theirs.first_other;
      ours.first_other_row = theirs.first_other_row;
    }
  }
}

std::vector<std::string> TextColumnCensus::Warnings(const std::string& source) const {
  std::vector<std::string> out;
  for (const Column& c : columns_) {
    const int64_t total = c.numbers + c.others;
    if (c.others == 0 || total == 0 ||
        static_cast<double>(c.numbers) < kMostlyNumericShare * static_cast<double>(total)) {
      continue;
    }
    out.push_back(fmt::format(
        "column '{}' of {} is read as text, not numbers, because {} of its {} values {} not a "
        "number, the first '{}' in data row {}; fix or blank {} (an empty cell or a "
        "data_config.na_values token is a missing value) to keep the column numeric",
        c.name, source, c.others, total, c.others == 1 ? "is" : "are", c.first_other.value_or(""),
        c.first_other_row + 1, c.others == 1 ? "it" : "them"));
  }
  return out;
}

std::string TextColumnCensus::Serialize() const {
  nlohmann::json out = nlohmann::json::array();
  for (const Column& c : columns_) {
    out.push_back({{"name", c.name},
                   {"numbers", c.numbers},
                   {"others", c.others},
                   {"first_other", c.first_other ? nlohmann::json(*c.first_other) : nullptr},
                   {"first_other_row", c.first_other_row}});
  }
  return out.dump();
}

Result<TextColumnCensus> TextColumnCensus::Deserialize(std::string_view text) {
  const auto j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_array()) return Status::Internal("malformed text column census: not a JSON array");
  TextColumnCensus out;
  try {
    for (const auto& c : j) {
      Column column;
      column.name = c.at("name").get<std::string>();
      column.numbers = c.at("numbers").get<int64_t>();
      column.others = c.at("others").get<int64_t>();
      if (!c.at("first_other").is_null()) column.first_other = c["first_other"].get<std::string>();
      column.first_other_row = c.at("first_other_row").get<int64_t>();
      out.columns_.push_back(std::move(column));
    }
  } catch (const nlohmann::json::exception& e) {
    return Status::Internal(std::string("malformed text column census: ") + e.what());
  }
  return out;
}

std::vector<std::string> NumberColumnsReadAsText(const arrow::Table& table,
                                                 const std::string& source) {
  TextColumnCensus census;
  census.Add(table, 0);
  return census.Warnings(source);
}

}  // namespace mlpipe::engine
