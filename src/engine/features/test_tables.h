// Test-only helpers for the engine_features tests: tables from inline CSV text (parsed as
// ReadTable parses files) and typed column accessors.
#pragma once

#include <arrow/api.h>
#include <arrow/csv/api.h>
#include <arrow/io/memory.h>
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "engine/io/input_files.h"

namespace mlpipe::engine::testing {

inline std::shared_ptr<arrow::Table> TableFromCsv(const std::string& csv) {
  auto input = std::make_shared<arrow::io::BufferReader>(arrow::Buffer::FromString(csv));
  CsvOptions o = MakeCsvOptions(ReadOptions{}, 1 << 20);
  auto reader = arrow::csv::TableReader::Make(arrow::io::default_io_context(), input, o.read,
                                              o.parse, o.convert)
                    .ValueOrDie();
  return reader->Read().ValueOrDie();
}

inline std::shared_ptr<arrow::RecordBatch> BatchFromCsv(const std::string& csv) {
  return TableFromCsv(csv)->CombineChunksToBatch().ValueOrDie();
}

// Column `name` as doubles (nullopt = null); fails the test if it is missing or not float64.
inline std::vector<std::optional<double>> Doubles(const arrow::Table& t, const std::string& name) {
  std::vector<std::optional<double>> out;
  auto col = t.GetColumnByName(name);
  EXPECT_NE(col, nullptr) << "no column " << name;
  if (!col) return out;
  EXPECT_EQ(col->type()->id(), arrow::Type::DOUBLE) << name << " is " << col->type()->ToString();
  for (const auto& chunk : col->chunks()) {
    auto a = std::static_pointer_cast<arrow::DoubleArray>(chunk);
    for (int64_t i = 0; i < a->length(); ++i) {
      out.push_back(a->IsNull(i) ? std::nullopt : std::optional<double>(a->Value(i)));
    }
  }
  return out;
}

inline std::vector<std::optional<std::string>> Strings(const arrow::Table& t,
                                                       const std::string& name) {
  std::vector<std::optional<std::string>> out;
  auto col = t.GetColumnByName(name);
  EXPECT_NE(col, nullptr) << "no column " << name;
  if (!col) return out;
  for (const auto& chunk : col->chunks()) {
    auto a = std::static_pointer_cast<arrow::StringArray>(chunk);
    for (int64_t i = 0; i < a->length(); ++i) {
      out.push_back(a->IsNull(i) ? std::nullopt : std::optional<std::string>(a->GetString(i)));
    }
  }
  return out;
}

}  // namespace mlpipe::engine::testing
