#include "engine/models/labels.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "util/strings.h"

namespace mlpipe::engine {
namespace {

constexpr size_t kMaxIntegerClasses = 20;

// The target's values, as text (every kind) and as numbers (numeric and boolean kinds).
struct TargetValues {
  enum class Kind { kText, kBool, kInteger, kFloat };
  Kind kind = Kind::kText;
  std::vector<std::string> text;
  std::vector<double> numbers;
};

template <typename ArrowType>
Status ReadNumbers(const arrow::Array& array, TargetValues::Kind kind, TargetValues* out) {
  const auto& typed = static_cast<const typename arrow::TypeTraits<ArrowType>::ArrayType&>(array);
  out->kind = kind;
  for (int64_t i = 0; i < array.length(); ++i) {
    auto v = static_cast<double>(typed.Value(i));
    out->numbers.push_back(v);
    out->text.push_back(kind == TargetValues::Kind::kInteger
                            ? std::to_string(static_cast<int64_t>(typed.Value(i)))
                            : fmt::format("{}", v));
  }
  return Status::OK();
}

template <typename ArrayType>
Status ReadText(const arrow::Array& array, TargetValues* out) {
  const auto& typed = static_cast<const ArrayType&>(array);
  out->kind = TargetValues::Kind::kText;
  for (int64_t i = 0; i < array.length(); ++i) out->text.emplace_back(typed.GetView(i));
  return Status::OK();
}

Status ReadBool(const arrow::Array& array, TargetValues* out) {
  const auto& typed = static_cast<const arrow::BooleanArray&>(array);
  out->kind = TargetValues::Kind::kBool;
  for (int64_t i = 0; i < array.length(); ++i) {
    out->numbers.push_back(typed.Value(i) ? 1.0 : 0.0);
    out->text.push_back(typed.Value(i) ? "true" : "false");
  }
  return Status::OK();
}

Status ReadChunk(const arrow::Array& array, std::string_view column, TargetValues* out) {
  using K = TargetValues::Kind;
  switch (array.type_id()) {
    case arrow::Type::INT8:
      return ReadNumbers<arrow::Int8Type>(array, K::kInteger, out);
    case arrow::Type::INT16:
      return ReadNumbers<arrow::Int16Type>(array, K::kInteger, out);
    case arrow::Type::INT32:
      return ReadNumbers<arrow::Int32Type>(array, K::kInteger, out);
    case arrow::Type::INT64:
      return ReadNumbers<arrow::Int64Type>(array, K::kInteger, out);
    case arrow::Type::UINT8:
      return ReadNumbers<arrow::UInt8Type>(array, K::kInteger, out);
    case arrow::Type::UINT16:
      return ReadNumbers<arrow::UInt16Type>(array, K::kInteger, out);
    case arrow::Type::UINT32:
      return ReadNumbers<arrow::UInt32Type>(array, K::kInteger, out);
    case arrow::Type::UINT64:
      return ReadNumbers<arrow::UInt64Type>(array, K::kInteger, out);
    case arrow::Type::FLOAT:
      return ReadNumbers<arrow::FloatType>(array, K::kFloat, out);
    case arrow::Type::DOUBLE:
      return ReadNumbers<arrow::DoubleType>(array, K::kFloat, out);
    case arrow::Type::BOOL:
      return ReadBool(array, out);
    case arrow::Type::STRING:
      return ReadText<arrow::StringArray>(array, out);
    case arrow::Type::LARGE_STRING:
      return ReadText<arrow::LargeStringArray>(array, out);
    case arrow::Type::STRING_VIEW:
      return ReadText<arrow::StringViewArray>(array, out);
    default:
      return Status::DataError(
          fmt::format("target column '{}' has type {}, which cannot be a label; cast it to string, "
                      "int64, double "
                      "or bool with a cast step",
                      column, array.type()->ToString()));
  }
}

Result<TargetValues> ReadTarget(const arrow::ChunkedArray& target, std::string_view column) {
  TargetValues values;
  int64_t nulls = target.null_count();
  for (const std::shared_ptr<arrow::Array>& chunk : target.chunks()) {
    MLPIPE_RETURN_NOT_OK(ReadChunk(*chunk, column, &values));
  }
  for (double v : values.numbers) nulls += std::isnan(v) ? 1 : 0;
  if (nulls > 0) {
    return Status::DataError(fmt::format(
        "target column '{}' has {} missing value(s) out of {} rows; every row needs a label: drop "
        "those rows with a filter step or fix the data",
        column, nulls, target.length()));
  }
  return values;
}

bool LooksNegative(const std::string& label) {
  static const std::set<std::string> kNegative{"no", "false", "0", "n", "neg", "negative"};
  return kNegative.count(ToLower(Trim(label))) != 0;
}

// Distinct labels in class order: numeric order for numeric kinds, text order otherwise.
std::vector<std::string> DistinctClasses(const TargetValues& v) {
  if (v.kind == TargetValues::Kind::kText) {
    std::set<std::string> distinct(v.text.begin(), v.text.end());
    return {distinct.begin(), distinct.end()};
  }
  std::map<double, std::string> distinct;
  for (size_t i = 0; i < v.numbers.size(); ++i) distinct.emplace(v.numbers[i], v.text[i]);
  std::vector<std::string> out;
  for (const auto& [number, text] : distinct) out.push_back(text);
  return out;
}

Result<std::vector<float>> IndexRows(const TargetValues& v, std::string_view column,
                                     const std::vector<std::string>& classes) {
  std::map<std::string, float> index;
  for (size_t i = 0; i < classes.size(); ++i) index[classes[i]] = static_cast<float>(i);
  std::vector<float> y;
  y.reserve(v.text.size());
  for (size_t row = 0; row < v.text.size(); ++row) {
    auto it = index.find(v.text[row]);
    if (it == index.end()) {
      return Status::DataError(fmt::format(
          "target column '{}' row {} has label '{}', which the model was not trained on; known "
          "classes: {}",
          column, row + 1, v.text[row], Join(classes, ", ")));
    }
    y.push_back(it->second);
  }
  return y;
}

// `classes` with the positive class last: `positive_class` when given (it must be one of the two),
// else the default rule.
Status OrderBinaryClasses(std::string_view column, const std::string& positive_class,
                          std::vector<std::string>& classes) {
  if (positive_class.empty()) {
    if (LooksNegative(classes[1]) && !LooksNegative(classes[0])) std::swap(classes[0], classes[1]);
    return Status::OK();
  }
  if (classes[0] != positive_class && classes[1] != positive_class) {
    return Status::DataError(fmt::format(
        "model_config.positive_class '{}' is not a value of target column '{}' (its values: "
        "{}){}; set it to one of them",
        positive_class, column, Join(classes, ", "), DidYouMeanSuffix(positive_class, classes)));
  }
  if (classes[0] == positive_class) std::swap(classes[0], classes[1]);
  return Status::OK();
}

}  // namespace

Result<Labels> EncodeLabels(const arrow::ChunkedArray& target, std::string_view column,
                            config::Task requested, const std::string& positive_class) {
  MLPIPE_ASSIGN_OR_RETURN(TargetValues values, ReadTarget(target, column));
  using K = TargetValues::Kind;
  Labels labels;
  const auto not_binary = [&](std::string_view kind) {
    return Status::ConfigError(fmt::format(
        "model_config.positive_class '{}' applies to binary targets, but target column '{}' is a "
        "{} target; remove positive_class or choose another target",
        positive_class, column, kind));
  };
  if (requested == config::Task::kRegression) {
    if (!positive_class.empty()) return not_binary("regression");
    if (values.kind == K::kText) {
      return Status::DataError(fmt::format(
          "target column '{}' holds text, so it cannot be a regression target; set model.task to "
          "binary, multiclass or auto, or cast the column to double",
          column));
    }
    labels.task = Task::kRegression;
    labels.y.assign(values.numbers.begin(), values.numbers.end());
    return labels;
  }
  std::vector<std::string> classes = DistinctClasses(values);
  bool auto_regression = values.kind == K::kFloat ||
                         (values.kind == K::kInteger && classes.size() > kMaxIntegerClasses);
  if (requested == config::Task::kAuto && auto_regression) {
    if (!positive_class.empty()) return not_binary("regression");
    labels.task = Task::kRegression;
    labels.y.assign(values.numbers.begin(), values.numbers.end());
    return labels;
  }
  if (classes.size() < 2) {
    return Status::DataError(fmt::format(
        "target column '{}' has a single value '{}'; classification needs at least two classes",
        column, classes.empty() ? "" : classes.front()));
  }
  if (requested == config::Task::kBinary && classes.size() > 2) {
    return Status::DataError(fmt::format(
        "model.task is binary but target column '{}' has {} classes ({}); use multiclass or auto",
        column, classes.size(), Join(classes, ", ")));
  }
  if (classes.size() == 2) {
    labels.task = Task::kBinary;
    MLPIPE_RETURN_NOT_OK(OrderBinaryClasses(column, positive_class, classes));
  } else if (!positive_class.empty()) {
    return not_binary(std::to_string(classes.size()) + "-class");
  } else {
    labels.task = Task::kMulticlass;
  }
  MLPIPE_ASSIGN_OR_RETURN(labels.y, IndexRows(values, column, classes));
  labels.classes = std::move(classes);
  return labels;
}

Result<std::vector<float>> EncodeWithClasses(const arrow::ChunkedArray& target,
                                             std::string_view column,
                                             const std::vector<std::string>& classes) {
  MLPIPE_ASSIGN_OR_RETURN(TargetValues values, ReadTarget(target, column));
  return IndexRows(values, column, classes);
}

Result<std::vector<float>> EncodeRegressionTarget(const arrow::ChunkedArray& target,
                                                  std::string_view column) {
  MLPIPE_ASSIGN_OR_RETURN(TargetValues values, ReadTarget(target, column));
  if (values.kind == TargetValues::Kind::kText) {
    return Status::DataError(fmt::format(
        "target column '{}' holds text but the model is a regression model; cast it to double",
        column));
  }
  return std::vector<float>(values.numbers.begin(), values.numbers.end());
}

Result<std::vector<float>> EncodeTarget(const arrow::ChunkedArray& target, std::string_view column,
                                        Task task, const std::vector<std::string>& classes) {
  if (task == Task::kRegression) return EncodeRegressionTarget(target, column);
  return EncodeWithClasses(target, column, classes);
}

}  // namespace mlpipe::engine
