#include "engine/models/cross_validation.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/models/test_data.h"

namespace mlpipe::engine {
namespace {

std::vector<float> Imbalanced() {
  std::vector<float> y(100, 0.0f);
  for (int i = 0; i < 20; ++i) y[static_cast<size_t>(i * 5)] = 1.0f;
  return y;
}

TEST(StratifiedFoldsTest, EachFoldGetsItsShareOfEveryClass) {
  std::vector<float> y = Imbalanced();
  std::vector<int> folds = StratifiedFolds(y, 5, 42, true);
  for (int f = 0; f < 5; ++f) {
    int size = 0, positives = 0;
    for (size_t i = 0; i < y.size(); ++i) {
      if (folds[i] != f) continue;
      ++size;
      positives += y[i] > 0 ? 1 : 0;
    }
    EXPECT_EQ(size, 20) << "fold " << f;
    EXPECT_EQ(positives, 4) << "fold " << f;
  }
}

TEST(StratifiedFoldsTest, DeterministicPerSeed) {
  std::vector<float> y = Imbalanced();
  EXPECT_EQ(StratifiedFolds(y, 5, 42, true), StratifiedFolds(y, 5, 42, true));
  EXPECT_NE(StratifiedFolds(y, 5, 42, true), StratifiedFolds(y, 5, 43, true));
  std::vector<int> plain = StratifiedFolds(y, 3, 1, false);
  EXPECT_EQ(std::count(plain.begin(), plain.end(), 0), 34);
  EXPECT_EQ(std::count(plain.begin(), plain.end(), 2), 33);
}

TEST(HoldoutMaskTest, StratifiedFractionPerClass) {
  std::vector<float> y = Imbalanced();
  std::vector<bool> mask = HoldoutMask(y, 0.25, 9, true);
  int test = 0, test_pos = 0;
  for (size_t i = 0; i < y.size(); ++i) {
    test += mask[i] ? 1 : 0;
    test_pos += mask[i] && y[i] > 0 ? 1 : 0;
  }
  EXPECT_EQ(test, 25);
  EXPECT_EQ(test_pos, 5);
  EXPECT_EQ(mask, HoldoutMask(y, 0.25, 9, true));
  std::vector<bool> none = HoldoutMask(y, 0.0, 9, true);
  EXPECT_EQ(std::count(none.begin(), none.end(), true), 0);
}

TEST(SelectRowsTest, CopiesRowsInOrder) {
  FeatureMatrix x{3, 2, {1, 2, 3, 4, 5, 6}, {"a", "b"}};
  FeatureMatrix s = SelectRows(x, {2, 0});
  EXPECT_EQ(s.rows, 2);
  EXPECT_EQ(s.values, (std::vector<float>{5, 6, 1, 2}));
  EXPECT_EQ(s.names, x.names);
  EXPECT_EQ(SelectRows(std::vector<float>{7, 8, 9}, {1}), std::vector<float>{8});
  EXPECT_EQ(RowsWhere({true, false, true}, true), (std::vector<int64_t>{0, 2}));
}

TEST(CrossValidateTest, ReportsEveryFoldWithMeanAndStd) {
  testing::Dataset d = testing::Synthetic(400, 0);
  config::ModelConfig m;
  m.algorithm = config::Algorithm::kGradientBoosting;
  m.hyperparameters = {{"n_estimators", int64_t{20}}, {"n_jobs", int64_t{1}}};
  Result<TrainParams> params = MapHyperparameters(m, Task::kBinary, 2, 4);
  ASSERT_TRUE(params.ok());
  int last_round = 0, last_total = 0;
  TrainCallbacks cb{[&](int round, int total) {
                      last_round = round;
                      last_total = total;
                    },
                    nullptr};
  Result<CvReport> cv =
      CrossValidate(d.x, d.y, StratifiedFolds(d.y, 3, 1, true), *params, Task::kBinary, 2, cb);
  ASSERT_TRUE(cv.ok()) << cv.status().ToString();
  ASSERT_EQ(cv->folds.size(), 3u);
  EXPECT_EQ(last_round, 60);
  EXPECT_EQ(last_total, 60);
  double sum = 0;
  for (const nlohmann::json& f : cv->folds) sum += f["accuracy"].get<double>();
  EXPECT_NEAR(cv->mean["accuracy"].get<double>(), sum / 3, 1e-12);
  EXPECT_GT(cv->mean["accuracy"].get<double>(), 0.9);
  EXPECT_GE(cv->std["accuracy"].get<double>(), 0.0);
  EXPECT_FALSE(cv->mean.contains("rows"));
  EXPECT_FALSE(cv->mean.contains("confusion_matrix"));
  EXPECT_TRUE(cv->ToJson().contains("folds"));
}

TEST(CrossValidateTest, NeedsTwoFolds) {
  testing::Dataset d = testing::Synthetic(10, 0);
  EXPECT_EQ(CrossValidate(d.x, d.y, std::vector<int>(10, 0), TrainParams{}, Task::kBinary, 2)
                .status()
                .code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace mlpipe::engine
