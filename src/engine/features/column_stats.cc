#include "engine/features/column_stats.h"

#include <arrow/compute/api.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "engine/io/arrow_status.h"

namespace mlpipe::engine {

namespace {

Result<std::shared_ptr<arrow::Array>> CastTo(const std::shared_ptr<arrow::Array>& array,
                                             const std::shared_ptr<arrow::DataType>& type) {
  if (array->type()->Equals(*type)) return array;
  MLPIPE_RETURN_NOT_OK(EnsureArrowCompute());
  return FromArrow(arrow::compute::Cast(*array, type, arrow::compute::CastOptions::Unsafe()),
                   "cannot convert " + array->type()->ToString() + " values to " +
                       type->ToString());
}

}  // namespace

void NumericStats::Add(double x) {
  if (count == 0) {
    min = max = x;
  } else {
    min = std::min(min, x);
    max = std::max(max, x);
  }
  ++count;
  const double delta = x - mean;
  mean += delta / static_cast<double>(count);
  m2 += delta * (x - mean);
}

void NumericStats::Merge(const NumericStats& other) {
  if (other.count == 0) return;
  if (count == 0) {
    *this = other;
    return;
  }
  const double n = static_cast<double>(count + other.count);
  const double delta = other.mean - mean;
  mean += delta * static_cast<double>(other.count) / n;
  m2 += other.m2 + delta * delta * static_cast<double>(count) * static_cast<double>(other.count) / n;
  count += other.count;
  min = std::min(min, other.min);
  max = std::max(max, other.max);
}

Status NumericStats::AddArray(const arrow::Array& array) {
  MLPIPE_ASSIGN_OR_RETURN(auto doubles, ToDoubleArray(arrow::MakeArray(array.data())));
  for (int64_t i = 0; i < doubles->length(); ++i) {
    if (doubles->IsValid(i)) Add(doubles->Value(i));
  }
  return Status::OK();
}

double NumericStats::PopulationStddev() const {
  return count == 0 ? 0.0 : std::sqrt(m2 / static_cast<double>(count));
}

Status CategoryCounts::AddArray(const arrow::Array& array) {
  MLPIPE_ASSIGN_OR_RETURN(auto text, ToStringArray(arrow::MakeArray(array.data())));
  for (int64_t i = 0; i < text->length(); ++i) {
    if (text->IsValid(i)) ++counts[text->GetString(i)];
  }
  return Status::OK();
}

void CategoryCounts::Merge(const CategoryCounts& other) {
  for (const auto& [value, n] : other.counts) counts[value] += n;
}

std::vector<std::string> CategoryCounts::ByFrequency() const {
  std::vector<std::pair<std::string, int64_t>> items(counts.begin(), counts.end());
  std::sort(items.begin(), items.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  std::vector<std::string> out;
  out.reserve(items.size());
  for (auto& item : items) out.push_back(std::move(item.first));
  return out;
}

Result<double> Median(const arrow::Array& array) {
  MLPIPE_ASSIGN_OR_RETURN(auto doubles, ToDoubleArray(arrow::MakeArray(array.data())));
  std::vector<double> values;
  values.reserve(static_cast<size_t>(doubles->length() - doubles->null_count()));
  for (int64_t i = 0; i < doubles->length(); ++i) {
    if (doubles->IsValid(i) && !std::isnan(doubles->Value(i))) values.push_back(doubles->Value(i));
  }
  if (values.empty()) return std::numeric_limits<double>::quiet_NaN();
  const size_t mid = values.size() / 2;
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(mid), values.end());
  const double upper = values[mid];
  if (values.size() % 2 == 1) return upper;
  const double lower = *std::max_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(mid));
  return (lower + upper) / 2;
}

Result<std::shared_ptr<arrow::DoubleArray>> ToDoubleArray(const std::shared_ptr<arrow::Array>& array) {
  MLPIPE_ASSIGN_OR_RETURN(auto out, CastTo(array, arrow::float64()));
  return std::static_pointer_cast<arrow::DoubleArray>(out);
}

Result<std::shared_ptr<arrow::StringArray>> ToStringArray(const std::shared_ptr<arrow::Array>& array) {
  MLPIPE_ASSIGN_OR_RETURN(auto out, CastTo(array, arrow::utf8()));
  return std::static_pointer_cast<arrow::StringArray>(out);
}

}  // namespace mlpipe::engine
