#include "engine/models/hyperparams.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <thread>

#include "config/algorithms.h"
#include "util/strings.h"

namespace mlpipe::engine {
namespace {

using config::HyperValue;

// Reads hyperparameters by name, remembering which were used so leftovers can be reported. Every
// value has passed config::CheckHyperparameter, so types and ranges hold here.
class HyperReader {
 public:
  explicit HyperReader(const std::map<std::string, HyperValue>& values) : values_(values) {}

  bool Written(const std::string& name) const { return values_.count(name) != 0; }

  // nullptr when absent or null (scikit-learn's None).
  const HyperValue* Raw(const std::string& name) {
    used_.insert(name);
    auto it = values_.find(name);
    if (it == values_.end() || std::holds_alternative<std::monostate>(it->second)) return nullptr;
    return &it->second;
  }

  std::optional<double> Number(const std::string& name) {
    const HyperValue* v = Raw(name);
    if (const auto* i = v ? std::get_if<int64_t>(v) : nullptr) return static_cast<double>(*i);
    if (const auto* d = v ? std::get_if<double>(v) : nullptr) return *d;
    return std::nullopt;
  }

  std::optional<int64_t> Integer(const std::string& name) {
    const HyperValue* v = Raw(name);
    if (const auto* i = v ? std::get_if<int64_t>(v) : nullptr) return *i;
    return std::nullopt;
  }

  std::optional<std::string> Text(const std::string& name) {
    const HyperValue* v = Raw(name);
    if (const auto* s = v ? std::get_if<std::string>(v) : nullptr) return *s;
    return std::nullopt;
  }

  // Internal naming the first hyperparameter the algorithm's table accepts but its mapping never
  // read (a table row without a mapping; hyperparams_test.cc covers every row).
  Status CheckAllUsed(std::string_view algorithm) const {
    for (const auto& [name, value] : values_) {
      if (used_.count(name) == 0) {
        return Status::Internal(fmt::format(
            "hyperparameter '{}' of {} is accepted but not mapped onto XGBoost", name, algorithm));
      }
    }
    return Status::OK();
  }

 private:
  const std::map<std::string, HyperValue>& values_;
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
double Fraction(HyperReader& r, const std::string& name, double fallback) {
  const bool written = r.Written(name);
  return r.Number(name).value_or(written ? 1.0 : fallback);
}

// sklearn's "sqrt" share of p features: max(1, floor(sqrt(p))) out of p.
double SqrtShare(double p) { return std::max(1.0, std::floor(std::sqrt(p))) / p; }

// max_features -> colsample_bynode: "sqrt" | "log2" (sklearn's max(1, floor(f(p))) features out of
// p) | a fraction | null (all); `when_absent` when not written.
double FeatureFraction(HyperReader& r, int num_features, double when_absent) {
  const HyperValue* v = r.Raw("max_features");
  const double p = num_features;
  if (const auto* s = v == nullptr ? nullptr : std::get_if<std::string>(v)) {
    if (*s == "log2") return std::max(1.0, std::floor(std::log2(p))) / p;
    return SqrtShare(p);  // the only other word
  }
  return Fraction(r, "max_features", when_absent);
}

// max_depth (written as null = unlimited) and max_leaf_nodes; unlimited depth or a leaf cap grows
// trees leaf-wise (grow_policy lossguide), which is how XGBoost's hist method allows max_depth 0.
void MapTreeShape(HyperReader& r, Builder& b, int64_t default_depth) {
  const bool written = r.Written("max_depth");
  const std::optional<int64_t> depth = r.Integer("max_depth");
  const std::optional<int64_t> leaves = r.Integer("max_leaf_nodes");
  int64_t d = depth ? *depth : (written ? 0 : default_depth);
  b.Set("max_depth", std::to_string(d));
  if (leaves) b.Set("max_leaves", std::to_string(*leaves));
  if (d == 0 || leaves) b.Set("grow_policy", "lossguide");
}

// Gradient boosting's min_samples_leaf -> min_child_weight: a row's hessian is 1 for squared
// error and at most 0.25 for logistic losses, so classification scales the row count by 0.25. An
// explicit min_child_weight wins over the approximation.
void MapMinLeaf(HyperReader& r, Builder& b, Task task) {
  const std::optional<int64_t> leaf = r.Integer("min_samples_leaf");
  const std::optional<double> weight = r.Number("min_child_weight");
  if (weight) {
    b.Set("min_child_weight", *weight);
  } else if (leaf) {
    b.Set("min_child_weight", static_cast<double>(*leaf) * (IsClassification(task) ? 0.25 : 1.0));
  }
}

// A forest starts every tree from a zero margin (p = 0.5 for binary, 1/K per class), not from
// XGBoost's fitted intercept. From a uniform start with eta = 1 and almost no lambda, a leaf's
// value is a linear function of its class frequencies (for class k: K/(K-1) * (K*f_k - 1)), so
// averaging the trees ranks classes as scikit-learn's averaged leaf frequencies do. From the
// intercept a rare class has a tiny hessian and any leaf holding one of its rows votes for it with
// a value near 1/prior: on a 620:1 table that cost 2 points of accuracy (docs/MODELS.md). Each
// row's hessian at that start is the same, so min_samples_leaf is an exact row count here.
void MapRandomForest(HyperReader& r, Builder& b, Task task, int num_class, int num_features) {
  b.params.num_rounds = 1;
  b.Set("booster", "gbtree");
  b.Set("tree_method", "hist");
  b.Set("num_parallel_tree", std::to_string(r.Integer("n_estimators").value_or(100)));
  b.Set("eta", "1");
  b.Set("subsample", Fraction(r, "max_samples", 0.632));
  b.Set("colsample_bynode",
        FeatureFraction(r, num_features, IsClassification(task) ? SqrtShare(num_features) : 1.0));
  b.Set("lambda", "1e-05");
  b.Set("base_score", task == Task::kBinary ? "0.5" : "0");
  MapTreeShape(r, b, 0);
  const double classes = task == Task::kMulticlass ? std::max(2, num_class) : 2.0;
  const double row_hessian = IsClassification(task) ? (1 / classes) * (1 - 1 / classes) : 1.0;
  const int64_t leaf = r.Integer("min_samples_leaf").value_or(1);
  // Half a row less than the count, so float rounding of the sums never refuses a full leaf.
  const std::optional<double> weight = r.Number("min_child_weight");
  b.Set("min_child_weight", weight ? *weight : (static_cast<double>(leaf) - 0.5) * row_hessian);
}

void MapGradientBoosting(HyperReader& r, Builder& b, Task task, int /*num_class*/,
                         int num_features) {
  b.params.num_rounds = static_cast<int>(r.Integer("n_estimators").value_or(100));
  b.Set("booster", "gbtree");
  b.Set("tree_method", "hist");
  b.Set("eta", r.Number("learning_rate").value_or(0.1));
  // Row and feature sampling by default: without them mlpipe lost 1-2 points of accuracy to
  // scikit-learn's HistGradientBoosting on small multiclass tables and 5% RMSE on diabetes; with
  // them every table of bench/quality.py is within target on two fold seeds (docs/BENCHMARKS.md).
  b.Set("subsample", Fraction(r, "subsample", 0.8));
  b.Set("colsample_bynode", FeatureFraction(r, num_features, 0.5));
  MapTreeShape(r, b, 6);
  MapMinLeaf(r, b, task);
  for (const auto& [sk_name, xgb_name] :
       std::vector<std::pair<std::string, std::string>>{{"l2_regularization", "lambda"},
                                                        {"reg_lambda", "lambda"},
                                                        {"reg_alpha", "alpha"},
                                                        {"gamma", "gamma"}}) {
    if (std::optional<double> v = r.Number(sk_name)) b.Set(xgb_name, *v);
  }
}

void MapLinearBooster(HyperReader& r, Builder& b) {
  b.params.num_rounds = static_cast<int>(r.Integer("max_iter").value_or(100));
  b.params.penalties_per_dataset = true;
  b.Set("booster", "gblinear");
  b.Set("updater", "coord_descent");
}

// Ridge-style: alpha -> XGBoost's L2 lambda.
void MapLinearRegression(HyperReader& r, Builder& b, Task /*task*/, int /*num_class*/,
                         int /*num_features*/) {
  MapLinearBooster(r, b);
  b.Set("lambda", r.Number("alpha").value_or(0.0));
  b.Set("alpha", 0.0);
}

// 1/C is the total penalty, split between L1 (alpha) and L2 (lambda) by penalty and l1_ratio.
void MapLogisticRegression(HyperReader& r, Builder& b, Task /*task*/, int /*num_class*/,
                           int /*num_features*/) {
  MapLinearBooster(r, b);
  const std::string penalty = r.Text("penalty").value_or("l2");
  const std::optional<double> l1_ratio = r.Number("l1_ratio");
  const double l1_share = penalty == "l2" ? 0.0 : penalty == "l1" ? 1.0 : l1_ratio.value_or(0.5);
  const double strength = 1.0 / r.Number("C").value_or(1.0);
  b.Set("alpha", strength * l1_share);
  b.Set("lambda", strength * (1 - l1_share));
  if (std::optional<double> tol = r.Number("tol")) b.Set("tolerance", *tol);
}

void MapCommon(HyperReader& r, Builder& b, const config::ModelConfig& m, Task task, int num_class) {
  const std::optional<int64_t> seed = r.Integer("random_state");
  const std::optional<int64_t> jobs = r.Integer("n_jobs");
  const int64_t cores = std::max<int64_t>(1, std::thread::hardware_concurrency());
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
}

bool Trains(const config::AlgorithmTraits& a, Task task) {
  return IsClassification(task) ? a.classification : a.regression;
}

// The XGBoost mapping of each algorithm (config/algorithms.h holds everything else about it).
using MapFn = void (*)(HyperReader&, Builder&, Task, int num_class, int num_features);
constexpr std::array<std::pair<config::Algorithm, MapFn>, 4> kMappings = {{
    {config::Algorithm::kRandomForest, MapRandomForest},
    {config::Algorithm::kGradientBoosting, MapGradientBoosting},
    {config::Algorithm::kLogisticRegression, MapLogisticRegression},
    {config::Algorithm::kLinearRegression, MapLinearRegression},
}};

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
  const config::AlgorithmTraits& traits = config::TraitsOf(model.algorithm);
  if (!Trains(traits, task)) {
    std::vector<std::string> fitting;
    for (const config::AlgorithmTraits& a : config::AllAlgorithms()) {
      if (Trains(a, task)) fitting.push_back(a.name);
    }
    return Status::InvalidArgument(
        fmt::format("algorithm {} cannot be trained for a {} task; use {} or set model.task",
                    traits.name, TaskName(task), Join(fitting, ", ")));
  }
  for (const auto& [name, value] : model.hyperparameters) {
    const Status valid = config::CheckHyperparameter(model.algorithm, name, value);
    if (!valid.ok()) {
      return Status::InvalidArgument(valid.message() + "; fix model.hyperparameters");
    }
  }
  const auto mapping = std::find_if(kMappings.begin(), kMappings.end(),
                                    [&](const auto& m) { return m.first == model.algorithm; });
  if (mapping == kMappings.end()) {
    return Status::Internal("algorithm " + traits.name + " has no XGBoost mapping");
  }
  HyperReader r(model.hyperparameters);
  Builder b;
  MapCommon(r, b, model, task, num_class);
  mapping->second(r, b, task, num_class, std::max(1, num_features));
  MLPIPE_RETURN_NOT_OK(r.CheckAllUsed(traits.name));
  return std::move(b.params);
}

}  // namespace mlpipe::engine
