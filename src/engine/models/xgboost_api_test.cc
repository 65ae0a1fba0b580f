#include "engine/models/xgboost_api.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/metrics/metrics.h"
#include "engine/models/test_data.h"
#include "mlpipe_testing/temp_dir.h"

namespace mlpipe::engine {
namespace {

using ::testing::HasSubstr;
using testing::Synthetic;

TrainParams Params(config::Algorithm a, Task task, int num_class,
                   std::map<std::string, config::HyperValue> h = {}) {
  config::ModelConfig m;
  m.algorithm = a;
  m.hyperparameters = std::move(h);
  m.hyperparameters.emplace("n_jobs", int64_t{1});  // OpenMP spin-waits crawl on shared CI cores
  Result<TrainParams> p = MapHyperparameters(m, task, num_class, 4);
  EXPECT_TRUE(p.ok()) << p.status().ToString();
  return *p;
}

double TrainAndScore(config::Algorithm a, Task task, int num_class, int kind, const char* metric) {
  testing::Dataset train = Synthetic(800, kind, 1), test = Synthetic(300, kind, 2);
  Result<Booster> b = Booster::Train(train.x, train.y, Params(a, task, num_class));
  EXPECT_TRUE(b.ok()) << b.status().ToString();
  Result<std::vector<float>> pred = b->Predict(test.x);
  EXPECT_TRUE(pred.ok()) << pred.status().ToString();
  EXPECT_EQ(pred->size(), test.y.size() * static_cast<size_t>(num_class > 2 ? num_class : 1));
  return ComputeMetrics(task, test.y, *pred, num_class)[metric].get<double>();
}

TEST(BoosterTest, RandomForestLearnsSeparableBinary) {
  EXPECT_GT(TrainAndScore(config::Algorithm::kRandomForest, Task::kBinary, 2, 0, "accuracy"), 0.9);
}

TEST(BoosterTest, GradientBoostingLearnsSeparableBinary) {
  EXPECT_GT(TrainAndScore(config::Algorithm::kGradientBoosting, Task::kBinary, 2, 0, "roc_auc"),
            0.97);
}

TEST(BoosterTest, LogisticRegressionLearnsLinearBoundary) {
  EXPECT_GT(TrainAndScore(config::Algorithm::kLogisticRegression, Task::kBinary, 2, 0, "accuracy"),
            0.85);
}

TEST(BoosterTest, MulticlassReturnsProbabilityRows) {
  EXPECT_GT(
      TrainAndScore(config::Algorithm::kGradientBoosting, Task::kMulticlass, 3, 1, "accuracy"),
      0.95);
}

TEST(BoosterTest, RegressionFitsLinearTarget) {
  EXPECT_GT(TrainAndScore(config::Algorithm::kGradientBoosting, Task::kRegression, 0, 2, "r2"),
            0.95);
  EXPECT_GT(TrainAndScore(config::Algorithm::kLinearRegression, Task::kRegression, 0, 2, "r2"),
            0.95);
  EXPECT_GT(TrainAndScore(config::Algorithm::kRandomForest, Task::kRegression, 0, 2, "r2"), 0.9);
}

TEST(BoosterTest, SaveLoadRoundTripGivesIdenticalPredictions) {
  mlpipe::testing::TempDir dir;
  testing::Dataset d = Synthetic(300, 1);
  Result<Booster> b =
      Booster::Train(d.x, d.y, Params(config::Algorithm::kRandomForest, Task::kMulticlass, 3));
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  ASSERT_TRUE(b->Save(dir.path() / "model.ubj").ok());
  Result<Booster> loaded = Booster::Load(dir.path() / "model.ubj");
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ(loaded->feature_names(), d.x.names);
  EXPECT_EQ(*loaded->Predict(d.x), *b->Predict(d.x));
}

TEST(BoosterTest, LoadReportsMissingAndCorruptFiles) {
  mlpipe::testing::TempDir dir;
  Result<Booster> missing = Booster::Load(dir.path() / "none.ubj");
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  Result<Booster> corrupt = Booster::Load(dir.Write("bad.ubj", "not a model"));
  EXPECT_EQ(corrupt.status().code(), StatusCode::kDataError);
  EXPECT_THAT(corrupt.status().message(), HasSubstr("bad.ubj"));
}

TEST(BoosterTest, ShouldStopCancelsAndProgressIsReported) {
  testing::Dataset d = Synthetic(200, 0);
  std::vector<std::pair<int, int>> progress;
  TrainCallbacks cb{[&](int round, int total) { progress.emplace_back(round, total); },
                    [&] { return progress.size() >= 3; }};
  Result<Booster> b = Booster::Train(d.x, d.y,
                                     Params(config::Algorithm::kGradientBoosting, Task::kBinary, 2,
                                            {{"n_estimators", int64_t{50}}}),
                                     cb);
  EXPECT_EQ(b.status().code(), StatusCode::kCancelled);
  EXPECT_THAT(b.status().message(), HasSubstr("after 3 of 50 rounds"));
  EXPECT_EQ(progress, (std::vector<std::pair<int, int>>{{1, 50}, {2, 50}, {3, 50}}));
}

TEST(BoosterTest, PredictRejectsDifferentColumns) {
  testing::Dataset d = Synthetic(100, 0);
  Result<Booster> b =
      Booster::Train(d.x, d.y, Params(config::Algorithm::kGradientBoosting, Task::kBinary, 2));
  ASSERT_TRUE(b.ok());
  FeatureMatrix other = d.x;
  other.names[2] = "extra";
  Result<std::vector<float>> pred = b->Predict(other);
  EXPECT_EQ(pred.status().code(), StatusCode::kDataError);
  EXPECT_THAT(pred.status().message(), HasSubstr("missing [noise], unexpected [extra]"));
}

TEST(BoosterTest, TrainRejectsLabelCountMismatch) {
  testing::Dataset d = Synthetic(10, 0);
  d.y.pop_back();
  EXPECT_EQ(Booster::Train(d.x, d.y, Params(config::Algorithm::kGradientBoosting, Task::kBinary, 2))
                .status()
                .code(),
            StatusCode::kInvalidArgument);
}

TEST(BoosterTest, FeatureImportanceUsesOriginalNames) {
  testing::Dataset d = Synthetic(500, 0);
  Result<Booster> b =
      Booster::Train(d.x, d.y, Params(config::Algorithm::kGradientBoosting, Task::kBinary, 2));
  ASSERT_TRUE(b.ok());
  Result<std::vector<std::pair<std::string, double>>> imp = b->FeatureImportance();
  ASSERT_TRUE(imp.ok()) << imp.status().ToString();
  ASSERT_EQ(imp->size(), 4u);
  std::vector<std::string> top{(*imp)[0].first, (*imp)[1].first};
  EXPECT_THAT(top, ::testing::UnorderedElementsAre("x0", "x1[a]"));
  EXPECT_GT((*imp)[1].second, (*imp)[2].second);
  Result<Booster> linear =
      Booster::Train(d.x, d.y, Params(config::Algorithm::kLogisticRegression, Task::kBinary, 2));
  ASSERT_TRUE(linear.ok());
  Result<std::vector<std::pair<std::string, double>>> coef = linear->FeatureImportance();
  ASSERT_TRUE(coef.ok()) << coef.status().ToString();
  EXPECT_EQ(coef->size(), 4u);
}

TEST(BoosterTest, XgbFeatureNamesSanitizeAndStayUnique) {
  EXPECT_EQ(XgbFeatureNames({"a[1]", "a(1)", "x<y", "plain"}),
            (std::vector<std::string>{"a(1)", "a(1)#1", "x(lt)y", "plain"}));
}

}  // namespace
}  // namespace mlpipe::engine
