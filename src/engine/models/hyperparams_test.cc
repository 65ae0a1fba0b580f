#include "engine/models/hyperparams.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config/algorithms.h"

namespace mlpipe::engine {
namespace {

using ::testing::HasSubstr;

config::ModelConfig Model(config::Algorithm a, std::map<std::string, config::HyperValue> h = {}) {
  config::ModelConfig m;
  m.algorithm = a;
  m.hyperparameters = std::move(h);
  m.seed = 42;
  return m;
}

TEST(HyperparamsTest, RandomForestDefaults) {
  Result<TrainParams> p =
      MapHyperparameters(Model(config::Algorithm::kRandomForest), Task::kBinary, 2, 16);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->num_rounds, 1);
  EXPECT_EQ(p->Get("num_parallel_tree"), "100");
  EXPECT_EQ(p->Get("eta"), "1");
  EXPECT_EQ(p->Get("subsample"), "0.632");
  EXPECT_EQ(p->Get("colsample_bynode"), "0.25");  // sqrt(16) / 16
  EXPECT_EQ(p->Get("max_depth"), "0");
  EXPECT_EQ(p->Get("grow_policy"), "lossguide");
  EXPECT_EQ(p->Get("base_score"), "0.5");          // a zero margin, not the fitted intercept
  EXPECT_EQ(p->Get("min_child_weight"), "0.125");  // half a row at the start's hessian of 0.25
  EXPECT_EQ(p->Get("tree_method"), "hist");
  EXPECT_FALSE(p->penalties_per_dataset);
  EXPECT_EQ(p->Get("objective"), "binary:logistic");
  EXPECT_EQ(p->Get("seed"), "42");
  EXPECT_NE(p->Get("nthread"), "");
}

TEST(HyperparamsTest, RandomForestMulticlassStartsUniformAndCountsRowsAtItsHessian) {
  Result<TrainParams> p = MapHyperparameters(
      Model(config::Algorithm::kRandomForest, {{"min_samples_leaf", int64_t{3}}}),
      Task::kMulticlass, 10, 64);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->Get("objective"), "multi:softprob");
  EXPECT_EQ(p->Get("base_score"), "0");  // every class starts at 1/10
  // Each row's hessian at p = 1/10 is 0.09: a leaf needs 2.5 rows' worth, so 3 rows and no fewer.
  EXPECT_DOUBLE_EQ(std::stod(p->Get("min_child_weight")), 2.5 * 0.1 * 0.9);
  Result<TrainParams> exact =
      MapHyperparameters(Model(config::Algorithm::kRandomForest, {{"min_child_weight", 0.7}}),
                         Task::kMulticlass, 10, 64);
  ASSERT_TRUE(exact.ok());
  EXPECT_EQ(exact->Get("min_child_weight"), "0.7");
}

TEST(HyperparamsTest, RandomForestRegressionUsesAllFeaturesAndRowCountWeights) {
  Result<TrainParams> p =
      MapHyperparameters(Model(config::Algorithm::kRandomForest, {{"n_estimators", int64_t{50}},
                                                                  {"max_depth", int64_t{8}},
                                                                  {"min_samples_leaf", int64_t{5}},
                                                                  {"max_samples", std::monostate{}},
                                                                  {"random_state", int64_t{7}},
                                                                  {"n_jobs", int64_t{1}}}),
                         Task::kRegression, 0, 10);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->Get("num_parallel_tree"), "50");
  EXPECT_EQ(p->Get("colsample_bynode"), "1");
  EXPECT_EQ(p->Get("subsample"), "1");
  EXPECT_EQ(p->Get("max_depth"), "8");
  EXPECT_EQ(p->Get("grow_policy"), "");
  EXPECT_EQ(p->Get("min_child_weight"), "4.5");  // 5 rows less half a row, hessian 1
  EXPECT_EQ(p->Get("base_score"), "0");
  EXPECT_EQ(p->Get("seed"), "7");
  EXPECT_EQ(p->Get("nthread"), "1");
  EXPECT_EQ(p->Get("objective"), "reg:squarederror");
}

TEST(HyperparamsTest, GradientBoostingMapping) {
  Result<TrainParams> p = MapHyperparameters(
      Model(config::Algorithm::kGradientBoosting, {{"n_estimators", int64_t{30}},
                                                   {"learning_rate", 0.05},
                                                   {"subsample", 0.8},
                                                   {"max_features", std::string("log2")},
                                                   {"l2_regularization", 2.0},
                                                   {"reg_alpha", 0.5},
                                                   {"gamma", 0.1},
                                                   {"max_leaf_nodes", int64_t{31}}}),
      Task::kMulticlass, 4, 8);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->num_rounds, 30);
  EXPECT_EQ(p->Get("eta"), "0.05");
  EXPECT_EQ(p->Get("max_depth"), "6");
  EXPECT_EQ(p->Get("subsample"), "0.8");
  EXPECT_EQ(p->Get("colsample_bynode"), "0.375");  // log2(8) = 3 of 8
  EXPECT_EQ(p->Get("lambda"), "2");
  EXPECT_EQ(p->Get("alpha"), "0.5");
  EXPECT_EQ(p->Get("gamma"), "0.1");
  EXPECT_EQ(p->Get("max_leaves"), "31");
  EXPECT_EQ(p->Get("grow_policy"), "lossguide");
  EXPECT_EQ(p->Get("objective"), "multi:softprob");
  EXPECT_EQ(p->Get("num_class"), "4");
  EXPECT_EQ(p->Get("min_child_weight"), "");  // XGBoost's default unless asked
}

TEST(HyperparamsTest, GradientBoostingSamplesRowsAndFeaturesByDefaultAndNullMeansAll) {
  Result<TrainParams> p =
      MapHyperparameters(Model(config::Algorithm::kGradientBoosting), Task::kBinary, 2, 10);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->Get("subsample"), "0.8");
  EXPECT_EQ(p->Get("colsample_bynode"), "0.5");
  EXPECT_EQ(p->Get("base_score"), "");  // boosting starts from XGBoost's fitted intercept
  Result<TrainParams> all =
      MapHyperparameters(Model(config::Algorithm::kGradientBoosting,
                               {{"max_features", std::monostate{}}, {"subsample", 1.0}}),
                         Task::kBinary, 2, 10);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->Get("subsample"), "1");
  EXPECT_EQ(all->Get("colsample_bynode"), "1");
}

TEST(HyperparamsTest, GradientBoostingNullDepthIsUnlimited) {
  Result<TrainParams> p = MapHyperparameters(
      Model(config::Algorithm::kGradientBoosting, {{"max_depth", std::monostate{}}}), Task::kBinary,
      2, 3);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->Get("max_depth"), "0");
  EXPECT_EQ(p->Get("grow_policy"), "lossguide");
}

TEST(HyperparamsTest, LogisticRegressionPenalties) {
  auto map = [](std::map<std::string, config::HyperValue> h) {
    return MapHyperparameters(Model(config::Algorithm::kLogisticRegression, std::move(h)),
                              Task::kBinary, 2, 5);
  };
  Result<TrainParams> l2 = map({{"C", 0.5}, {"max_iter", int64_t{200}}});
  ASSERT_TRUE(l2.ok());
  EXPECT_EQ(l2->Get("booster"), "gblinear");
  EXPECT_EQ(l2->Get("updater"), "coord_descent");
  EXPECT_TRUE(l2->penalties_per_dataset);
  EXPECT_EQ(l2->num_rounds, 200);
  EXPECT_EQ(l2->Get("lambda"), "2");
  EXPECT_EQ(l2->Get("alpha"), "0");
  Result<TrainParams> l1 = map({{"penalty", std::string("l1")}, {"tol", 0.001}});
  ASSERT_TRUE(l1.ok());
  EXPECT_EQ(l1->Get("alpha"), "1");
  EXPECT_EQ(l1->Get("lambda"), "0");
  EXPECT_EQ(l1->Get("tolerance"), "0.001");
  Result<TrainParams> en =
      map({{"penalty", std::string("elasticnet")}, {"l1_ratio", 0.25}, {"C", 0.5}});
  ASSERT_TRUE(en.ok());
  EXPECT_EQ(en->Get("alpha"), "0.5");
  EXPECT_EQ(en->Get("lambda"), "1.5");
}

TEST(HyperparamsTest, LinearRegressionAlphaIsL2) {
  Result<TrainParams> p = MapHyperparameters(
      Model(config::Algorithm::kLinearRegression, {{"alpha", 0.3}}), Task::kRegression, 0, 5);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->Get("lambda"), "0.3");
  EXPECT_EQ(p->Get("alpha"), "0");
  EXPECT_EQ(p->num_rounds, 100);
}

TEST(HyperparamsTest, AlgorithmMustFitTask) {
  Result<TrainParams> p =
      MapHyperparameters(Model(config::Algorithm::kLinearRegression), Task::kBinary, 2, 5);
  ASSERT_EQ(p.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(p.status().message(), HasSubstr("logistic_regression"));
  EXPECT_FALSE(
      MapHyperparameters(Model(config::Algorithm::kLogisticRegression), Task::kRegression, 0, 5)
          .ok());
}

TEST(HyperparamsTest, UnknownOrMistypedNamesAreRejected) {
  Result<TrainParams> p = MapHyperparameters(
      Model(config::Algorithm::kRandomForest, {{"n_estimator", int64_t{10}}}), Task::kBinary, 2, 5);
  ASSERT_EQ(p.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(p.status().message(), HasSubstr("did you mean 'n_estimators'"));
  // A gradient-boosting name is not accepted for a random forest.
  EXPECT_FALSE(MapHyperparameters(Model(config::Algorithm::kRandomForest, {{"learning_rate", 0.1}}),
                                  Task::kBinary, 2, 5)
                   .ok());
  Result<TrainParams> typed = MapHyperparameters(
      Model(config::Algorithm::kRandomForest, {{"n_estimators", std::string("many")}}),
      Task::kBinary, 2, 5);
  EXPECT_THAT(typed.status().message(), HasSubstr("must be an integer"));
}

// Every algorithm maps its defaults for each task it trains and refuses the others; values outside
// a range are refused by the one check config also uses.
TEST(HyperparamsTest, EveryAlgorithmMapsTheTasksItTrains) {
  for (const config::AlgorithmTraits& traits : config::AllAlgorithms()) {
    for (Task task : {Task::kBinary, Task::kMulticlass, Task::kRegression}) {
      Result<TrainParams> p = MapHyperparameters(Model(traits.algorithm), task, 3, 4);
      EXPECT_EQ(p.ok(), IsClassification(task) ? traits.classification : traits.regression)
          << traits.name << " " << TaskName(task) << ": " << p.status().ToString();
      if (p.ok()) {
        EXPECT_EQ(p->Get("booster"), traits.linear ? "gblinear" : "gbtree");
      }
    }
  }
  Result<TrainParams> zero_jobs = MapHyperparameters(
      Model(config::Algorithm::kRandomForest, {{"n_jobs", int64_t{0}}}), Task::kBinary, 2, 5);
  ASSERT_EQ(zero_jobs.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(zero_jobs.status().message(), HasSubstr("other than 0"));
}

// Every hyperparameter config accepts must be mapped: one sample value per spec type.
TEST(HyperparamsTest, EveryConfigHyperparameterIsMapped) {
  for (const config::AlgorithmTraits& traits : config::AllAlgorithms()) {
    const config::Algorithm a = traits.algorithm;
    Task task = traits.classification ? Task::kBinary : Task::kRegression;
    for (const config::HyperparameterSpec& spec : traits.hyperparameters) {
      config::HyperValue v;
      if (spec.type == config::HyperparameterSpec::Type::kString) {
        v = spec.choices.front();
      } else if (spec.type == config::HyperparameterSpec::Type::kInt) {
        v = static_cast<int64_t>(std::max(2.0, spec.min.value_or(2.0)));
      } else {
        v = 0.5;
      }
      Result<TrainParams> p = MapHyperparameters(Model(a, {{spec.name, v}}), task, 2, 5);
      EXPECT_TRUE(p.ok()) << config::AlgorithmName(a) << "." << spec.name << ": "
                          << p.status().ToString();
    }
  }
}

}  // namespace
}  // namespace mlpipe::engine
