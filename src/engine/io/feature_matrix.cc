#include "engine/io/feature_matrix.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "util/strings.h"

namespace mlpipe::engine {

namespace {

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

bool IsFeatureType(const arrow::DataType& type) {
  return arrow::is_integer(type.id()) || type.id() == arrow::Type::FLOAT ||
         type.id() == arrow::Type::DOUBLE || type.id() == arrow::Type::BOOL;
}

// Writes `array` into column `col` of the row-major matrix starting at row `row0`.
template <typename ArrowType>
void CopyNumeric(const arrow::Array& array, int64_t row0, int64_t col, FeatureMatrix* m) {
  using ArrayType = typename arrow::TypeTraits<ArrowType>::ArrayType;
  const auto& typed = static_cast<const ArrayType&>(array);
  const auto* raw = typed.raw_values();
  float* out = m->values.data() + row0 * m->cols + col;
  const int64_t n = array.length();
  if (array.null_count() == 0) {
    for (int64_t i = 0; i < n; ++i) out[i * m->cols] = static_cast<float>(raw[i]);
  } else {
    for (int64_t i = 0; i < n; ++i) {
      out[i * m->cols] = array.IsNull(i) ? kNaN : static_cast<float>(raw[i]);
    }
  }
}

void CopyBool(const arrow::Array& array, int64_t row0, int64_t col, FeatureMatrix* m) {
  const auto& typed = static_cast<const arrow::BooleanArray&>(array);
  float* out = m->values.data() + row0 * m->cols + col;
  for (int64_t i = 0; i < array.length(); ++i) {
    out[i * m->cols] = typed.IsNull(i) ? kNaN : (typed.Value(i) ? 1.0f : 0.0f);
  }
}

void CopyChunk(const arrow::Array& array, int64_t row0, int64_t col, FeatureMatrix* m) {
  switch (array.type_id()) {
    case arrow::Type::INT8:
      return CopyNumeric<arrow::Int8Type>(array, row0, col, m);
    case arrow::Type::INT16:
      return CopyNumeric<arrow::Int16Type>(array, row0, col, m);
    case arrow::Type::INT32:
      return CopyNumeric<arrow::Int32Type>(array, row0, col, m);
    case arrow::Type::INT64:
      return CopyNumeric<arrow::Int64Type>(array, row0, col, m);
    case arrow::Type::UINT8:
      return CopyNumeric<arrow::UInt8Type>(array, row0, col, m);
    case arrow::Type::UINT16:
      return CopyNumeric<arrow::UInt16Type>(array, row0, col, m);
    case arrow::Type::UINT32:
      return CopyNumeric<arrow::UInt32Type>(array, row0, col, m);
    case arrow::Type::UINT64:
      return CopyNumeric<arrow::UInt64Type>(array, row0, col, m);
    case arrow::Type::FLOAT:
      return CopyNumeric<arrow::FloatType>(array, row0, col, m);
    case arrow::Type::DOUBLE:
      return CopyNumeric<arrow::DoubleType>(array, row0, col, m);
    case arrow::Type::BOOL:
      return CopyBool(array, row0, col, m);
    default:
      return;  // excluded by IsFeatureType
  }
}

// Collects the chunks of each requested column, or the DataError naming every bad column.
template <typename GetColumn>
Result<FeatureMatrix> Build(const arrow::Schema& schema, int64_t rows,
                            const std::vector<std::string>& columns, GetColumn get_chunks) {
  std::vector<std::string> missing;
  std::vector<std::string> mistyped;
  std::vector<std::string> empty;
  for (const auto& name : columns) {
    const auto field = schema.GetFieldByName(name);
    if (!field) {
      missing.push_back("'" + name + "'" + DidYouMeanSuffix(name, schema.field_names()));
    } else if (field->type()->id() == arrow::Type::NA) {
      empty.push_back("'" + name + "'");
    } else if (!IsFeatureType(*field->type())) {
      mistyped.push_back("'" + name + "' (" + field->type()->ToString() + ")");
    }
  }
  if (!empty.empty()) {
    return Status::DataError(
        "cannot build the feature matrix: " +
        (empty.size() > 1 ? "columns " + Join(empty, ", ") + " have"
                          : "column " + empty[0] + " has") +
        " no value in any of the " + std::to_string(rows) +
        " rows; give such columns values, or leave them out of data_config.feature_columns");
  }
  if (!missing.empty() || !mistyped.empty()) {
    std::string msg = "cannot build the feature matrix:";
    if (!missing.empty()) msg += " missing columns " + Join(missing, ", ") + ";";
    if (!mistyped.empty()) msg += " non-numeric columns " + Join(mistyped, ", ") + ";";
    msg +=
        " add an encode or cast step to data_config.feature_pipeline, or change "
        "data_config.feature_columns";
    return Status::DataError(std::move(msg));
  }
  FeatureMatrix m;
  m.rows = rows;
  m.cols = static_cast<int64_t>(columns.size());
  m.names = columns;
  m.values.assign(static_cast<size_t>(m.rows * m.cols), 0.0f);
  for (int64_t c = 0; c < m.cols; ++c) {
    int64_t row0 = 0;
    for (const auto& chunk : get_chunks(columns[static_cast<size_t>(c)])) {
      CopyChunk(*chunk, row0, c, &m);
      row0 += chunk->length();
    }
  }
  // Infinity (written as inf, or a number past float's range) would train and score silently wrong.
  const auto inf =
      std::find_if(m.values.begin(), m.values.end(), [](float v) { return std::isinf(v); });
  if (inf != m.values.end()) {
    const int64_t at = inf - m.values.begin();
    return Status::DataError("column '" + m.names[static_cast<size_t>(at % m.cols)] +
                             "' has an infinite value (inf, or beyond +-3.4e38) in row " +
                             std::to_string(at / m.cols + 1) + " of " + std::to_string(m.rows) +
                             "; replace it, or drop such rows with a filter step such as \"abs(" +
                             m.names[static_cast<size_t>(at % m.cols)] + ") < 1e30\"");
  }
  return m;
}

}  // namespace

Result<FeatureMatrix> BuildFeatureMatrix(const arrow::Table& table,
                                         const std::vector<std::string>& columns) {
  return Build(*table.schema(), table.num_rows(), columns,
               [&](const std::string& name) { return table.GetColumnByName(name)->chunks(); });
}

Result<FeatureMatrix> BuildFeatureMatrix(const arrow::RecordBatch& batch,
                                         const std::vector<std::string>& columns) {
  return Build(*batch.schema(), batch.num_rows(), columns, [&](const std::string& name) {
    return arrow::ArrayVector{batch.GetColumnByName(name)};
  });
}

}  // namespace mlpipe::engine
