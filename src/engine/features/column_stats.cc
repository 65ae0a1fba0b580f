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
  return FromArrow(
      arrow::compute::Cast(*array, type, arrow::compute::CastOptions::Unsafe()),
      "cannot convert " + array->type()->ToString() + " values to " + type->ToString());
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
  m2 +=
      other.m2 + delta * delta * static_cast<double>(count) * static_cast<double>(other.count) / n;
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

Status ValueCounts::AddArray(const arrow::Array& array) {
  MLPIPE_ASSIGN_OR_RETURN(auto doubles, ToDoubleArray(arrow::MakeArray(array.data())));
  std::vector<double> values;
  values.reserve(static_cast<size_t>(doubles->length() - doubles->null_count()));
  for (int64_t i = 0; i < doubles->length(); ++i) {
    if (doubles->IsValid(i) && !std::isnan(doubles->Value(i))) values.push_back(doubles->Value(i));
  }
  std::sort(values.begin(), values.end());
  ValueCounts part;
  for (double v : values) {
    if (part.counts.empty() || part.counts.back().first != v) {
      part.counts.emplace_back(v, 1);
    } else {
      ++part.counts.back().second;
    }
  }
  Merge(part);
  return Status::OK();
}

void ValueCounts::Merge(const ValueCounts& other) {
  std::vector<std::pair<double, int64_t>> merged;
  merged.reserve(counts.size() + other.counts.size());
  auto a = counts.begin();
  auto b = other.counts.begin();
  while (a != counts.end() || b != other.counts.end()) {
    if (b == other.counts.end() || (a != counts.end() && a->first < b->first)) {
      merged.push_back(*a++);
    } else if (a == counts.end() || b->first < a->first) {
      merged.push_back(*b++);
    } else {
      merged.emplace_back(a->first, a->second + b->second);
      ++a;
      ++b;
    }
  }
  counts = std::move(merged);
}

double ValueCounts::Median() const {
  int64_t total = 0;
  for (const auto& [value, n] : counts) total += n;
  if (total == 0) return std::numeric_limits<double>::quiet_NaN();
  // The values at sorted positions lower_pos and upper_pos (equal for an odd count).
  const int64_t upper_pos = total / 2;
  const int64_t lower_pos = total % 2 == 1 ? upper_pos : upper_pos - 1;
  double lower = 0;
  double upper = 0;
  int64_t seen = 0;
  for (const auto& [value, n] : counts) {
    if (lower_pos >= seen && lower_pos < seen + n) lower = value;
    if (upper_pos >= seen && upper_pos < seen + n) {
      upper = value;
      break;
    }
    seen += n;
  }
  return total % 2 == 1 ? upper : (lower + upper) / 2;
}

Result<std::shared_ptr<arrow::DoubleArray>> ToDoubleArray(
    const std::shared_ptr<arrow::Array>& array) {
  MLPIPE_ASSIGN_OR_RETURN(auto out, CastTo(array, arrow::float64()));
  return std::static_pointer_cast<arrow::DoubleArray>(out);
}

Result<std::shared_ptr<arrow::StringArray>> ToStringArray(
    const std::shared_ptr<arrow::Array>& array) {
  MLPIPE_ASSIGN_OR_RETURN(auto out, CastTo(array, arrow::utf8()));
  return std::static_pointer_cast<arrow::StringArray>(out);
}

}  // namespace mlpipe::engine
