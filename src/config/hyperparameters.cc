#include "config/hyperparameters.h"

#include <cmath>
#include <cstdint>
#include <sstream>

#include "config/algorithms.h"
#include "util/strings.h"

namespace mlpipe::config {
namespace {

using Type = HyperparameterSpec::Type;

std::string NumberText(double v) {
  std::ostringstream out;
  out << v;
  return out.str();
}

std::string ValueText(const HyperValue& v) {
  if (std::holds_alternative<std::monostate>(v)) return "null";
  if (const bool* b = std::get_if<bool>(&v)) return *b ? "true" : "false";
  if (const int64_t* i = std::get_if<int64_t>(&v)) return std::to_string(*i);
  if (const double* d = std::get_if<double>(&v)) return NumberText(*d);
  return "'" + std::get<std::string>(v) + "'";
}

bool InRange(const HyperparameterSpec& s, double v) {
  if (!std::isfinite(v)) return false;
  if (s.min && (s.min_exclusive ? v <= *s.min : v < *s.min)) return false;
  if (s.excluded && v == *s.excluded) return false;
  return !(s.max && v > *s.max);
}

bool Accepts(const HyperparameterSpec& s, const HyperValue& v) {
  if (std::holds_alternative<std::monostate>(v)) return s.nullable;
  if (const std::string* text = std::get_if<std::string>(&v)) {
    for (const std::string& c : s.choices) {
      if (c == *text) return true;
    }
    return false;
  }
  if (const int64_t* i = std::get_if<int64_t>(&v)) {
    return s.type != Type::kString && InRange(s, static_cast<double>(*i));
  }
  if (const double* d = std::get_if<double>(&v)) return s.type == Type::kFloat && InRange(s, *d);
  return false;  // booleans are never a hyperparameter here
}

}  // namespace

// Integral bounds in full (2147483647, not 2.14748e+09).
std::string BoundText(double v) {
  return v == std::trunc(v) && std::fabs(v) < 0x1p53 ? std::to_string(static_cast<int64_t>(v))
                                                     : NumberText(v);
}

std::string DescribeSpec(const HyperparameterSpec& s) {
  std::vector<std::string> options;
  for (const std::string& c : s.choices) options.push_back("'" + c + "'");
  if (s.type != Type::kString) {
    std::string number = s.type == Type::kInt ? "an integer" : "a number";
    if (s.min && s.max) {
      number += std::string(" in ") + (s.min_exclusive ? "(" : "[") + BoundText(*s.min) + ", " +
                BoundText(*s.max) + "]";
    } else if (s.min) {
      number += (s.min_exclusive ? " > " : " >= ") + BoundText(*s.min);
    }
    if (s.excluded) number += " other than " + BoundText(*s.excluded);
    options.push_back(number);
  }
  if (s.nullable) options.push_back("null");
  std::string out = options.front();
  for (size_t i = 1; i < options.size(); ++i)
    out += (i + 1 == options.size() ? " or " : ", ") + options[i];
  return out;
}

Status CheckHyperparameter(Algorithm a, const std::string& name, const HyperValue& value) {
  const std::vector<HyperparameterSpec>& table = TraitsOf(a).hyperparameters;
  std::vector<std::string> names;
  for (const HyperparameterSpec& s : table) {
    if (s.name != name) {
      names.push_back(s.name);
      continue;
    }
    if (Accepts(s, value)) return Status::OK();
    return Status::ConfigError("hyperparameter '" + name + "' of " + std::string(AlgorithmName(a)) +
                               " must be " + DescribeSpec(s) + ", got " + ValueText(value));
  }
  return Status::ConfigError("unknown hyperparameter '" + name + "' for " +
                             std::string(AlgorithmName(a)) + DidYouMeanSuffix(name, names) +
                             "; valid names: " + Join(names, ", "));
}

}  // namespace mlpipe::config
