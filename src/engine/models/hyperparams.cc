#include "engine/models/hyperparams.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <thread>

#include "config/hyperparameters.h"
#include "util/strings.h"

namespace mlpipe::engine {
namespace {

using config::HyperValue;

// Reads hyperparameters by name, remembering which were used so leftovers can be reported.
class HyperReader {
 public:
  HyperReader(const std::map<std::string, HyperValue>& values, std::string_view algorithm)
      : values_(values), algorithm_(algorithm) {}

  bool Written(const std::string& name) const { return values_.count(name) != 0; }

  // nullptr when absent or null (scikit-learn's None).
  const HyperValue* Raw(const std::string& name) {
    used_.insert(name);
    auto it = values_.find(name);
    if (it == values_.end() || std::holds_alternative<std::monostate>(it->second)) return nullptr;
    return &it->second;
  }

  Result<std::optional<double>> Number(const std::string& name) {
    const HyperValue* v = Raw(name);
    if (v == nullptr) return std::optional<double>();
    if (const auto* i = std::get_if<int64_t>(v))
      return std::optional<double>(static_cast<double>(*i));
    if (const auto* d = std::get_if<double>(v)) return std::optional<double>(*d);
    return TypeError(name, "a number");
  }

  Result<std::optional<int64_t>> Integer(const std::string& name) {
    const HyperValue* v = Raw(name);
    if (v == nullptr) return std::optional<int64_t>();
    if (const auto* i = std::get_if<int64_t>(v)) return std::optional<int64_t>(*i);
    return TypeError(name, "an integer");
  }

  Result<std::optional<std::string>> Text(const std::string& name) {
    const HyperValue* v = Raw(name);
    if (v == nullptr) return std::optional<std::string>();
    if (const auto* s = std::get_if<std::string>(v)) return std::optional<std::string>(*s);
    return TypeError(name, "a string");
  }

  Status Invalid(const std::string& name, std::string_view why) const {
    return Status::InvalidArgument(fmt::format(
        "hyperparameter '{}' of {} {}; fix model.hyperparameters", name, algorithm_, why));
  }

  // Fails naming the first hyperparameter that was not read, with the names config accepts.
  Status CheckAllUsed(config::Algorithm a) const {
    std::vector<std::string> supported;
    for (const config::HyperparameterSpec& spec : config::HyperparametersFor(a)) {
      supported.push_back(spec.name);
    }
    for (const auto& [name, value] : values_) {
      bool known = std::find(supported.begin(), supported.end(), name) != supported.end();
      if (known && used_.count(name) != 0) continue;
      return Status::InvalidArgument(
          fmt::format("hyperparameter '{}' is not supported for {}{}; supported: {}", name,
                      algorithm_, DidYouMeanSuffix(name, supported), Join(supported, ", ")));
    }
    return Status::OK();
  }

 private:
  Status TypeError(const std::string& name, std::string_view expected) const {
    return Invalid(name, fmt::format("must be {}", expected));
  }

  const std::map<std::string, HyperValue>& values_;
  std::string algorithm_;
  std::set<std::string> used_;
};

std::string Num(double v) { return fmt::format("{}", v); }

// Collects booster parameters in order.
struct Builder {
  TrainParams params;
  void Set(const std::string& name, const std::string& value) {
    params.booster.emplace_back(name, value);
  }
  void Set(const std::string& name, double value) { Set(name, Num(value)); }
};

// A fraction in (0, 1]: `fallback` when absent, 1 (everything) when written as null.
Result<double> Fraction(HyperReader& r, const std::string& name, double fallback) {
  bool written = r.Written(name);
  MLPIPE_ASSIGN_OR_RETURN(std::optional<double> v, r.Number(name));
  double f = v.value_or(written ? 1.0 : fallback);
  if (!(f > 0 && f <= 1)) return r.Invalid(name, fmt::format("must be in (0, 1], got {}", f));
  return f;
}

Result<int64_t> Positive(HyperReader& r, const std::string& name, int64_t fallback) {
  MLPIPE_ASSIGN_OR_RETURN(std::optional<int64_t> v, r.Integer(name));
  int64_t n = v.value_or(fallback);
  if (n < 1) return r.Invalid(name, fmt::format("must be >= 1, got {}", n));
  return n;
}

// max_features -> colsample_bynode: "sqrt" | "log2" (sklearn's max(1, floor(f(p))) features out of
// p) | a fraction | null (all); when absent, sqrt for random-forest classification, else all.
Result<double> FeatureFraction(HyperReader& r, int num_features, bool sqrt_by_default) {
  const HyperValue* v = r.Raw("max_features");
  double p = num_features;
  if (v == nullptr && !r.Written("max_features") && sqrt_by_default) {
    return std::max(1.0, std::floor(std::sqrt(p))) / p;
  }
  if (const auto* s = v == nullptr ? nullptr : std::get_if<std::string>(v)) {
    if (*s == "sqrt") return std::max(1.0, std::floor(std::sqrt(p))) / p;
    if (*s == "log2") return std::max(1.0, std::floor(std::log2(p))) / p;
    return r.Invalid("max_features",
                     fmt::format("must be sqrt, log2, a fraction or null, got '{}'", *s));
  }
  return Fraction(r, "max_features", 1.0);
}

// max_depth (written as null = unlimited) and max_leaf_nodes; unlimited depth or a leaf cap grows
// trees leaf-wise (grow_policy lossguide), which is how XGBoost's hist method allows max_depth 0.
Status MapTreeShape(HyperReader& r, Builder& b, int64_t default_depth) {
  bool written = r.Written("max_depth");
  MLPIPE_ASSIGN_OR_RETURN(std::optional<int64_t> depth, r.Integer("max_depth"));
  MLPIPE_ASSIGN_OR_RETURN(std::optional<int64_t> leaves, r.Integer("max_leaf_nodes"));
  if (depth && *depth < 1) return r.Invalid("max_depth", "must be >= 1 or null");
  if (leaves && *leaves < 2) return r.Invalid("max_leaf_nodes", "must be >= 2 or null");
  int64_t d = depth ? *depth : (written ? 0 : default_depth);
  b.Set("max_depth", std::to_string(d));
  if (leaves) b.Set("max_leaves", std::to_string(*leaves));
  if (d == 0 || leaves) b.Set("grow_policy", "lossguide");
  return Status::OK();
}

// min_samples_leaf -> min_child_weight: a row's hessian is 1 for squared error and at most 0.25
// for logistic losses, so classification scales the row count by 0.25. An explicit
// min_child_weight wins over the approximation.
Status MapMinLeaf(HyperReader& r, Builder& b, Task task, std::optional<int64_t> fallback) {
  MLPIPE_ASSIGN_OR_RETURN(std::optional<int64_t> leaf, r.Integer("min_samples_leaf"));
  MLPIPE_ASSIGN_OR_RETURN(std::optional<double> weight, r.Number("min_child_weight"));
  if (leaf && *leaf < 1) return r.Invalid("min_samples_leaf", "must be >= 1");
  if (weight && *weight < 0) return r.Invalid("min_child_weight", "must be >= 0");
  if (!leaf) leaf = fallback;
  if (weight) {
    b.Set("min_child_weight", *weight);
  } else if (leaf) {
    b.Set("min_child_weight", static_cast<double>(*leaf) * (IsClassification(task) ? 0.25 : 1.0));
  }
  return Status::OK();
}

Status MapRandomForest(HyperReader& r, Builder& b, Task task, int num_features) {
  MLPIPE_ASSIGN_OR_RETURN(int64_t trees, Positive(r, "n_estimators", 100));
  MLPIPE_ASSIGN_OR_RETURN(double samples, Fraction(r, "max_samples", 0.632));
  MLPIPE_ASSIGN_OR_RETURN(double features,
                          FeatureFraction(r, num_features, IsClassification(task)));
  b.params.num_rounds = 1;
  b.Set("booster", "gbtree");
  b.Set("tree_method", "hist");
  b.Set("num_parallel_tree", std::to_string(trees));
  b.Set("eta", "1");
  b.Set("subsample", samples);
  b.Set("colsample_bynode", features);
  b.Set("lambda", "1e-05");
  MLPIPE_RETURN_NOT_OK(MapTreeShape(r, b, 0));
  return MapMinLeaf(r, b, task, 1);
}

Status MapGradientBoosting(HyperReader& r, Builder& b, Task task, int num_features) {
  MLPIPE_ASSIGN_OR_RETURN(int64_t rounds, Positive(r, "n_estimators", 100));
  MLPIPE_ASSIGN_OR_RETURN(std::optional<double> eta, r.Number("learning_rate"));
  MLPIPE_ASSIGN_OR_RETURN(double subsample, Fraction(r, "subsample", 1.0));
  MLPIPE_ASSIGN_OR_RETURN(double features, FeatureFraction(r, num_features, false));
  if (eta && !(*eta > 0)) return r.Invalid("learning_rate", "must be > 0");
  b.params.num_rounds = static_cast<int>(rounds);
  b.Set("booster", "gbtree");
  b.Set("tree_method", "hist");
  b.Set("eta", eta.value_or(0.1));
  b.Set("subsample", subsample);
  b.Set("colsample_bynode", features);
  MLPIPE_RETURN_NOT_OK(MapTreeShape(r, b, 6));
  MLPIPE_RETURN_NOT_OK(MapMinLeaf(r, b, task, std::nullopt));
  for (const auto& [sk_name, xgb_name] :
       std::vector<std::pair<std::string, std::string>>{{"l2_regularization", "lambda"},
                                                        {"reg_lambda", "lambda"},
                                                        {"reg_alpha", "alpha"},
                                                        {"gamma", "gamma"}}) {
    MLPIPE_ASSIGN_OR_RETURN(std::optional<double> v, r.Number(sk_name));
    if (v && *v < 0) return r.Invalid(sk_name, "must be >= 0");
    if (v) b.Set(xgb_name, *v);
  }
  return Status::OK();
}

Status MapLinearBooster(HyperReader& r, Builder& b) {
  MLPIPE_ASSIGN_OR_RETURN(int64_t iters, Positive(r, "max_iter", 100));
  b.params.num_rounds = static_cast<int>(iters);
  b.params.penalties_per_dataset = true;
  b.Set("booster", "gblinear");
  b.Set("updater", "coord_descent");
  return Status::OK();
}

// Ridge-style: alpha -> XGBoost's L2 lambda.
Status MapLinearRegression(HyperReader& r, Builder& b) {
  MLPIPE_RETURN_NOT_OK(MapLinearBooster(r, b));
  MLPIPE_ASSIGN_OR_RETURN(std::optional<double> alpha, r.Number("alpha"));
  if (alpha && *alpha < 0) return r.Invalid("alpha", "must be >= 0");
  b.Set("lambda", alpha.value_or(0.0));
  b.Set("alpha", 0.0);
  return Status::OK();
}

// 1/C is the total penalty, split between L1 (alpha) and L2 (lambda) by penalty and l1_ratio.
Status MapLogisticRegression(HyperReader& r, Builder& b) {
  MLPIPE_RETURN_NOT_OK(MapLinearBooster(r, b));
  MLPIPE_ASSIGN_OR_RETURN(std::optional<double> c, r.Number("C"));
  MLPIPE_ASSIGN_OR_RETURN(std::optional<std::string> penalty, r.Text("penalty"));
  MLPIPE_ASSIGN_OR_RETURN(std::optional<double> l1_ratio, r.Number("l1_ratio"));
  MLPIPE_ASSIGN_OR_RETURN(std::optional<double> tol, r.Number("tol"));
  if (c && !(*c > 0)) return r.Invalid("C", "must be > 0");
  if (l1_ratio && !(*l1_ratio >= 0 && *l1_ratio <= 1))
    return r.Invalid("l1_ratio", "must be in [0, 1]");
  if (tol && !(*tol > 0)) return r.Invalid("tol", "must be > 0");
  std::string pen = penalty.value_or("l2");
  double l1_share;
  if (pen == "l2") {
    l1_share = 0.0;
  } else if (pen == "l1") {
    l1_share = 1.0;
  } else if (pen == "elasticnet") {
    l1_share = l1_ratio.value_or(0.5);
  } else {
    return r.Invalid("penalty", fmt::format("must be l2, l1 or elasticnet, got '{}'", pen));
  }
  double strength = 1.0 / c.value_or(1.0);
  b.Set("alpha", strength * l1_share);
  b.Set("lambda", strength * (1 - l1_share));
  if (tol) b.Set("tolerance", *tol);
  return Status::OK();
}

Status MapCommon(HyperReader& r, Builder& b, const config::ModelConfig& m, Task task,
                 int num_class) {
  MLPIPE_ASSIGN_OR_RETURN(std::optional<int64_t> seed, r.Integer("random_state"));
  MLPIPE_ASSIGN_OR_RETURN(std::optional<int64_t> jobs, r.Integer("n_jobs"));
  if (jobs && *jobs == 0) return r.Invalid("n_jobs", "must be -1 (all cores) or >= 1");
  int64_t cores = std::max<int64_t>(1, std::thread::hardware_concurrency());
  b.Set("nthread", std::to_string(jobs && *jobs > 0 ? *jobs : cores));
  b.Set("seed", std::to_string(seed ? static_cast<uint64_t>(*seed) : m.seed));
  b.Set("verbosity", "0");
  switch (task) {
    case Task::kBinary:
      b.Set("objective", "binary:logistic");
      break;
    case Task::kMulticlass:
      b.Set("objective", "multi:softprob");
      b.Set("num_class", std::to_string(num_class));
      break;
    case Task::kRegression:
      b.Set("objective", "reg:squarederror");
      break;
  }
  return Status::OK();
}

}  // namespace

std::string TrainParams::Get(const std::string& name) const {
  for (const auto& [k, v] : booster) {
    if (k == name) return v;
  }
  return "";
}

nlohmann::json TrainParams::ToJson() const {
  nlohmann::json params = nlohmann::json::object();
  for (const auto& [k, v] : booster) params[k] = v;
  return {{"num_rounds", num_rounds},
          {"penalties_per_dataset", penalties_per_dataset},
          {"params", params}};
}

Result<TrainParams> MapHyperparameters(const config::ModelConfig& model, Task task, int num_class,
                                       int num_features) {
  std::string algorithm(config::AlgorithmName(model.algorithm));
  bool classification = IsClassification(task);
  if ((model.algorithm == config::Algorithm::kLogisticRegression && !classification) ||
      (model.algorithm == config::Algorithm::kLinearRegression && classification)) {
    return Status::InvalidArgument(fmt::format(
        "algorithm {} cannot be trained for a {} task; use {} or set model.task", algorithm,
        TaskName(task), classification ? "logistic_regression" : "linear_regression"));
  }
  HyperReader r(model.hyperparameters, algorithm);
  Builder b;
  MLPIPE_RETURN_NOT_OK(MapCommon(r, b, model, task, num_class));
  int p = std::max(1, num_features);
  switch (model.algorithm) {
    case config::Algorithm::kRandomForest:
      MLPIPE_RETURN_NOT_OK(MapRandomForest(r, b, task, p));
      break;
    case config::Algorithm::kGradientBoosting:
      MLPIPE_RETURN_NOT_OK(MapGradientBoosting(r, b, task, p));
      break;
    case config::Algorithm::kLogisticRegression:
      MLPIPE_RETURN_NOT_OK(MapLogisticRegression(r, b));
      break;
    case config::Algorithm::kLinearRegression:
      MLPIPE_RETURN_NOT_OK(MapLinearRegression(r, b));
      break;
  }
  MLPIPE_RETURN_NOT_OK(r.CheckAllUsed(model.algorithm));
  return std::move(b.params);
}

}  // namespace mlpipe::engine
