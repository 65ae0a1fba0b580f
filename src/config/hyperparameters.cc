#include "config/hyperparameters.h"

#include <cmath>
#include <cstdint>
#include <limits>
#include <sstream>

#include "util/strings.h"

namespace mlpipe::config {
namespace {

using Type = HyperparameterSpec::Type;

HyperparameterSpec Int(std::string name, std::optional<double> min, std::string doc,
                       bool nullable = false) {
  // Every integer hyperparameter reaches the model libraries as a 32-bit int.
  constexpr double kMaxInt = std::numeric_limits<int32_t>::max();
  return {std::move(name), Type::kInt, min, false, kMaxInt, nullable, {}, std::move(doc)};
}

HyperparameterSpec Float(std::string name, double min, bool min_exclusive,
                         std::optional<double> max, std::string doc) {
  return {std::move(name), Type::kFloat, min, min_exclusive, max, false, {}, std::move(doc)};
}

HyperparameterSpec RandomState() {
  return Int("random_state", 0, "seed of the model's randomness; null = model_config.seed", true);
}
HyperparameterSpec NJobs() { return Int("n_jobs", -1, "threads; -1 = all cores", true); }
HyperparameterSpec NEstimators() {
  return Int("n_estimators", 1, "number of trees (boosting rounds)");
}
HyperparameterSpec MaxDepth() {
  return Int("max_depth", 1, "maximum tree depth; null = unlimited", true);
}
HyperparameterSpec MinSamplesLeaf() { return Int("min_samples_leaf", 1, "minimum rows in a leaf"); }
HyperparameterSpec MinChildWeight() {
  return Float("min_child_weight", 0, false, std::nullopt, "minimum hessian sum in a leaf");
}
HyperparameterSpec MaxFeatures() {
  HyperparameterSpec s = Float("max_features", 0, true, 1.0,
                               "fraction of features tried per split; sqrt, log2 or null = all");
  s.nullable = true;
  s.choices = {"sqrt", "log2"};
  return s;
}

std::vector<HyperparameterSpec> RandomForestTable() {
  HyperparameterSpec max_samples =
      Float("max_samples", 0, true, 1.0, "row fraction per tree; null = all");
  max_samples.nullable = true;
  return {NEstimators(), MaxDepth(),       MaxFeatures(), MinSamplesLeaf(),
          max_samples,   MinChildWeight(), RandomState(), NJobs()};
}

std::vector<HyperparameterSpec> GradientBoostingTable() {
  HyperparameterSpec max_leaf_nodes =
      Int("max_leaf_nodes", 2, "maximum leaves per tree; null = no limit", true);
  return {
      NEstimators(),
      MaxDepth(),
      Float("learning_rate", 0, true, std::nullopt, "shrinkage per boosting round"),
      Float("subsample", 0, true, 1.0, "row fraction per round"),
      Float("l2_regularization", 0, false, std::nullopt, "L2 penalty on leaf weights (reg_lambda)"),
      Float("reg_lambda", 0, false, std::nullopt, "L2 penalty on leaf weights"),
      Float("reg_alpha", 0, false, std::nullopt, "L1 penalty on leaf weights"),
      max_leaf_nodes,
      MinSamplesLeaf(),
      MinChildWeight(),
      Float("gamma", 0, false, std::nullopt, "minimum loss reduction to split"),
      MaxFeatures(),
      RandomState(),
      NJobs()};
}

std::vector<HyperparameterSpec> LogisticRegressionTable() {
  HyperparameterSpec penalty{"penalty",
                             Type::kString,
                             std::nullopt,
                             false,
                             std::nullopt,
                             false,
                             {"l2", "l1", "elasticnet"},
                             "regularization kind"};
  return {Float("C", 0, true, std::nullopt, "inverse regularization strength"),
          Int("max_iter", 1, "maximum optimizer iterations"),
          penalty,
          Float("l1_ratio", 0, false, 1.0, "elasticnet mix: 0 = l2, 1 = l1"),
          Float("tol", 0, true, std::nullopt, "stopping tolerance"),
          RandomState(),
          NJobs()};
}

std::vector<HyperparameterSpec> LinearRegressionTable() {
  return {Float("alpha", 0, false, std::nullopt,
                "L2 regularization strength; 0 = ordinary least squares"),
          Int("max_iter", 1, "maximum optimizer iterations"), NJobs()};
}

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

const std::vector<HyperparameterSpec>& HyperparametersFor(Algorithm a) {
  static const std::vector<HyperparameterSpec> kRandomForest = RandomForestTable();
  static const std::vector<HyperparameterSpec> kGradientBoosting = GradientBoostingTable();
  static const std::vector<HyperparameterSpec> kLogistic = LogisticRegressionTable();
  static const std::vector<HyperparameterSpec> kLinear = LinearRegressionTable();
  switch (a) {
    case Algorithm::kRandomForest:
      return kRandomForest;
    case Algorithm::kGradientBoosting:
      return kGradientBoosting;
    case Algorithm::kLogisticRegression:
      return kLogistic;
    case Algorithm::kLinearRegression:
      return kLinear;
  }
  return kRandomForest;
}

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
    options.push_back(number);
  }
  if (s.nullable) options.push_back("null");
  std::string out = options.front();
  for (size_t i = 1; i < options.size(); ++i)
    out += (i + 1 == options.size() ? " or " : ", ") + options[i];
  return out;
}

Status CheckHyperparameter(Algorithm a, const std::string& name, const HyperValue& value) {
  const std::vector<HyperparameterSpec>& table = HyperparametersFor(a);
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
