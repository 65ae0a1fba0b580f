#include "config/algorithms.h"

#include <cstdint>
#include <limits>

namespace mlpipe::config {
namespace {

using Type = HyperparameterSpec::Type;

HyperparameterSpec Spec(std::string name, Type type, std::string doc) {
  HyperparameterSpec s;
  s.name = std::move(name);
  s.type = type;
  s.doc = std::move(doc);
  return s;
}

HyperparameterSpec Int(std::string name, std::optional<double> min, std::string doc,
                       bool nullable = false) {
  // Every integer hyperparameter reaches the model libraries as a 32-bit int.
  constexpr double kMaxInt = std::numeric_limits<int32_t>::max();
  HyperparameterSpec s = Spec(std::move(name), Type::kInt, std::move(doc));
  s.min = min;
  s.max = kMaxInt;
  s.nullable = nullable;
  return s;
}

HyperparameterSpec Float(std::string name, double min, bool min_exclusive,
                         std::optional<double> max, std::string doc) {
  HyperparameterSpec s = Spec(std::move(name), Type::kFloat, std::move(doc));
  s.min = min;
  s.min_exclusive = min_exclusive;
  s.max = max;
  return s;
}

HyperparameterSpec RandomState() {
  return Int("random_state", 0, "seed of the model's randomness; null = model_config.seed", true);
}
HyperparameterSpec NJobs() {
  HyperparameterSpec s = Int("n_jobs", -1, "threads; -1 = all cores", true);
  s.excluded = 0;
  return s;
}
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
  HyperparameterSpec penalty = Spec("penalty", Type::kString, "regularization kind");
  penalty.choices = {"l2", "l1", "elasticnet"};
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

std::vector<AlgorithmTraits> Table() {
  std::vector<AlgorithmTraits> rows = {
      {Algorithm::kRandomForest, "random_forest", true, true, false, RandomForestTable()},
      {Algorithm::kGradientBoosting, "gradient_boosting", true, true, false,
       GradientBoostingTable()},
      {Algorithm::kLogisticRegression, "logistic_regression", true, false, true,
       LogisticRegressionTable()},
      {Algorithm::kLinearRegression, "linear_regression", false, true, true,
       LinearRegressionTable()},
  };
  return rows;
}

}  // namespace

const std::vector<AlgorithmTraits>& AllAlgorithms() {
  static const std::vector<AlgorithmTraits> kTable = Table();
  return kTable;
}

const AlgorithmTraits& TraitsOf(Algorithm a) {
  for (const AlgorithmTraits& t : AllAlgorithms()) {
    if (t.algorithm == a) return t;
  }
  return AllAlgorithms().front();  // unreachable: every Algorithm has a row (algorithms_test.cc)
}

bool TrainsTask(const AlgorithmTraits& a, Task task) {
  switch (task) {
    case Task::kAuto:
      return true;
    case Task::kBinary:
    case Task::kMulticlass:
      return a.classification;
    case Task::kRegression:
      return a.regression;
  }
  return false;
}

}  // namespace mlpipe::config
