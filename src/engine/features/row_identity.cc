#include "engine/features/row_identity.h"

#include <arrow/compute/api.h>

#include <bit>
#include <cmath>
#include <cstring>
#include <functional>
#include <string_view>
#include <type_traits>

#include "engine/features/column_stats.h"
#include "engine/io/arrow_status.h"

namespace mlpipe::engine {

namespace {

constexpr uint64_t kNullHash = 0x6e756c6c6e756c6cULL;

// A 64-bit finalizer: every input bit affects every output bit.
uint64_t Scramble(uint64_t v) {
  v ^= v >> 31;
  v *= 0x7fb5d329728ea185ULL;
  v ^= v >> 27;
  v *= 0x81dadef4bc2dd44dULL;
  return v ^ (v >> 33);
}

// The bits that stand for a double: -0.0 as 0.0 and every NaN as one NaN.
uint64_t CanonicalBits(double v) {
  if (v == 0) return 0;
  if (std::isnan(v)) return 0x7ff8000000000000ULL;
  return std::bit_cast<uint64_t>(v);
}

// The 64 bits that stand for a fixed-width value (strings are handled apart).
uint64_t Word(const arrow::Int64Array& a, int64_t row) {
  return static_cast<uint64_t>(a.Value(row));
}
uint64_t Word(const arrow::DoubleArray& a, int64_t row) { return CanonicalBits(a.Value(row)); }

template <typename T>
constexpr bool kFixedWidth =
    std::is_same_v<T, arrow::Int64Array> || std::is_same_v<T, arrow::DoubleArray>;

void AppendWord(uint64_t v, std::string* key) {
  char bytes[sizeof v];
  std::memcpy(bytes, &v, sizeof v);
  key->append(bytes, sizeof v);
}

Result<std::shared_ptr<arrow::Array>> Canonical(const std::shared_ptr<arrow::Array>& array) {
  const auto id = array->type_id();
  if (arrow::is_integer(id) || id == arrow::Type::BOOL) {
    if (id == arrow::Type::INT64) return array;
    return FromArrow(arrow::compute::Cast(*array, arrow::int64()),
                     "cannot compare " + array->type()->ToString() + " values");
  }
  if (id == arrow::Type::FLOAT) {
    return FromArrow(arrow::compute::Cast(*array, arrow::float64()), "cannot compare float values");
  }
  if (id == arrow::Type::DOUBLE || id == arrow::Type::STRING || id == arrow::Type::BINARY ||
      id == arrow::Type::LARGE_STRING || id == arrow::Type::LARGE_BINARY) {
    return array;
  }
  MLPIPE_ASSIGN_OR_RETURN(auto text, ToStringArray(array));
  return std::static_pointer_cast<arrow::Array>(text);
}

}  // namespace

Result<RowIdentity> RowIdentity::Make(const std::vector<std::shared_ptr<arrow::Array>>& columns,
                                      int64_t num_rows) {
  MLPIPE_RETURN_NOT_OK(EnsureArrowCompute());
  std::vector<Column> out;
  for (const auto& column : columns) {
    MLPIPE_ASSIGN_OR_RETURN(auto array, Canonical(column));
    switch (array->type_id()) {
      case arrow::Type::INT64:
        out.emplace_back(std::static_pointer_cast<arrow::Int64Array>(array));
        break;
      case arrow::Type::DOUBLE:
        out.emplace_back(std::static_pointer_cast<arrow::DoubleArray>(array));
        break;
      case arrow::Type::LARGE_STRING:
      case arrow::Type::LARGE_BINARY:
        out.emplace_back(std::static_pointer_cast<arrow::LargeBinaryArray>(array));
        break;
      default:
        out.emplace_back(std::static_pointer_cast<arrow::BinaryArray>(array));
        break;
    }
  }
  return RowIdentity(std::move(out), num_rows);
}

std::vector<uint64_t> RowIdentity::Hashes() const {
  std::vector<uint64_t> hashes(num_rows_, 0);
  for (const auto& column : columns_) {
    std::visit(
        [&](const auto& array) {
          for (int64_t r = 0; r < num_rows_; ++r) {
            uint64_t v = kNullHash;
            if (array->IsValid(r)) {
              using T = std::decay_t<decltype(*array)>;
              if constexpr (kFixedWidth<T>) {
                v = Word(*array, r);
              } else {
                v = std::hash<std::string_view>{}(array->GetView(r));
              }
            }
            hashes[r] = Scramble(hashes[r] ^ Scramble(v + 1));
          }
        },
        column);
  }
  return hashes;
}

bool RowIdentity::Equal(int64_t a, int64_t b) const {
  for (const auto& column : columns_) {
    const bool same = std::visit(
        [&](const auto& array) {
          if (array->IsNull(a) || array->IsNull(b)) return array->IsNull(a) && array->IsNull(b);
          using T = std::decay_t<decltype(*array)>;
          if constexpr (kFixedWidth<T>) {
            return Word(*array, a) == Word(*array, b);
          } else {
            return array->GetView(a) == array->GetView(b);
          }
        },
        column);
    if (!same) return false;
  }
  return true;
}

std::vector<uint8_t> RowIdentity::KeepFirst() const {
  std::vector<uint8_t> keep(num_rows_, 0);
  if (num_rows_ == 0) return keep;
  const std::vector<uint64_t> hashes = Hashes();
  // Open addressing over row numbers; a slot holds the first row seen of its group.
  const uint64_t capacity = std::bit_ceil(static_cast<uint64_t>(num_rows_) * 2);
  std::vector<int64_t> slots(capacity, -1);
  for (int64_t r = 0; r < num_rows_; ++r) {
    for (uint64_t i = hashes[r] & (capacity - 1);; i = (i + 1) & (capacity - 1)) {
      const int64_t other = slots[i];
      if (other < 0) {
        slots[i] = r;
        keep[r] = 1;
        break;
      }
      if (hashes[other] == hashes[r] && Equal(other, r)) break;
    }
  }
  return keep;
}

void RowIdentity::AppendKey(int64_t row, std::string* key) const {
  for (const auto& column : columns_) {
    std::visit(
        [&](const auto& array) {
          if (array->IsNull(row)) {
            key->push_back('\0');
            return;
          }
          key->push_back('\1');
          using T = std::decay_t<decltype(*array)>;
          if constexpr (kFixedWidth<T>) {
            AppendWord(Word(*array, row), key);
          } else {
            const std::string_view v = array->GetView(row);
            AppendWord(v.size(), key);
            key->append(v);
          }
        },
        column);
  }
}

Result<std::shared_ptr<arrow::Array>> RowIdentity::EncodeKeys() const {
  arrow::BinaryBuilder keys;
  MLPIPE_ARROW_RETURN_NOT_OK(keys.Reserve(num_rows_), "row keys");
  std::string key;
  for (int64_t r = 0; r < num_rows_; ++r) {
    key.clear();
    AppendKey(r, &key);
    MLPIPE_ARROW_RETURN_NOT_OK(keys.Append(key), "row keys");
  }
  return FromArrow(keys.Finish(), "row keys");
}

}  // namespace mlpipe::engine
