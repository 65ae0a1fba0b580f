#include "engine/metrics/metrics.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

namespace mlpipe::engine {
namespace {

TEST(MetricsTest, RocAucMatchesSklearnExample) {
  EXPECT_NEAR(RocAuc({0, 0, 1, 1}, {0.1f, 0.4f, 0.35f, 0.8f}), 0.75, 1e-12);
}

TEST(MetricsTest, RocAucCountsTiesAsHalf) {
  // Pairs (pos, neg): (0.9, 0.5)=1, (0.9, 0.2)=1, (0.5, 0.5)=0.5, (0.5, 0.2)=1 -> 3.5 / 4.
  EXPECT_NEAR(RocAuc({0, 1, 0, 1}, {0.5f, 0.5f, 0.2f, 0.9f}), 0.875, 1e-12);
  EXPECT_NEAR(RocAuc({0, 1, 0, 1}, {0.5f, 0.5f, 0.5f, 0.5f}), 0.5, 1e-12);
}

TEST(MetricsTest, RocAucIsNanWithOneClass) {
  EXPECT_TRUE(std::isnan(RocAuc({1, 1}, {0.2f, 0.3f})));
}

TEST(MetricsTest, RocCurveHasOnePointPerDistinctScore) {
  std::vector<CurvePoint> roc = RocCurve({0, 1, 0, 1}, {0.5f, 0.5f, 0.2f, 0.9f});
  ASSERT_EQ(roc.size(), 4u);  // origin + thresholds 0.9, 0.5, 0.2
  EXPECT_DOUBLE_EQ(roc[1].x, 0.0);
  EXPECT_DOUBLE_EQ(roc[1].y, 0.5);
  EXPECT_DOUBLE_EQ(roc[2].x, 0.5);
  EXPECT_DOUBLE_EQ(roc[2].y, 1.0);
  EXPECT_DOUBLE_EQ(roc[3].x, 1.0);
}

TEST(MetricsTest, AveragePrecisionMatchesHandComputation) {
  // Descending: 0.8(+) P=1 R=.5; 0.4(-) P=.5; 0.35(+) P=2/3 R=1; 0.1(-). AP = .5*1 + .5*2/3.
  EXPECT_NEAR(AveragePrecision({0, 0, 1, 1}, {0.1f, 0.4f, 0.35f, 0.8f}), 0.5 + 1.0 / 3, 1e-12);
  // Tied scores form one threshold: both rows at 0.5 -> P=.5 R=1.
  EXPECT_NEAR(AveragePrecision({0, 1}, {0.5f, 0.5f}), 0.5, 1e-12);
}

TEST(MetricsTest, LogLossBinaryMulticlassAndClipping) {
  EXPECT_NEAR(LogLoss({1, 0}, {0.9f, 0.2f}, 2), -(std::log(0.9) + std::log(0.8)) / 2, 1e-6);
  EXPECT_NEAR(LogLoss({2, 0}, {0.1f, 0.2f, 0.7f, 0.5f, 0.25f, 0.25f}, 3),
              -(std::log(0.7) + std::log(0.5)) / 2, 1e-6);
  EXPECT_NEAR(LogLoss({1}, {0.0f}, 2), -std::log(1e-15), 1e-6);
}

TEST(MetricsTest, BinaryConfusionPrecisionRecallF1) {
  std::vector<float> y{1, 1, 1, 0, 0, 0, 0};
  std::vector<float> score{0.9f, 0.6f, 0.2f, 0.7f, 0.1f, 0.3f, 0.4f};
  std::vector<int> predicted = PredictedClasses(score, 2);
  EXPECT_THAT(predicted, ::testing::ElementsAre(1, 1, 0, 1, 0, 0, 0));
  ConfusionMatrix cm = Confusion(y, predicted, 2);
  EXPECT_EQ(cm, (ConfusionMatrix{{3, 1}, {1, 2}}));  // [[tn, fp], [fn, tp]]
  EXPECT_NEAR(Precision(cm, 1), 2.0 / 3, 1e-12);
  EXPECT_NEAR(Recall(cm, 1), 2.0 / 3, 1e-12);
  EXPECT_NEAR(F1(cm, 1), 2.0 / 3, 1e-12);
  EXPECT_NEAR(Accuracy(y, predicted), 5.0 / 7, 1e-12);
  EXPECT_EQ(Precision(ConfusionMatrix{{2, 0}, {1, 0}}, 1), 0.0);  // nothing predicted positive
}

TEST(MetricsTest, MulticlassF1MatchesSklearnDocExample) {
  std::vector<float> y{0, 1, 2, 0, 1, 2};
  std::vector<int> predicted{0, 2, 1, 0, 0, 1};
  ConfusionMatrix cm = Confusion(y, predicted, 3);
  EXPECT_EQ(cm, (ConfusionMatrix{{2, 0, 0}, {1, 0, 1}, {0, 2, 0}}));
  EXPECT_NEAR(MacroF1(cm), 0.8 / 3, 1e-12);  // F1s: 0.8, 0, 0
  EXPECT_NEAR(WeightedF1(cm), 0.8 / 3, 1e-12);
  EXPECT_NEAR(Accuracy(y, predicted), 1.0 / 3, 1e-12);
}

TEST(MetricsTest, WeightedF1UsesSupportAndMacroSkipsAbsentClasses) {
  // Class 2 never occurs and is never predicted: macro averages over classes 0 and 1 only.
  ConfusionMatrix cm = Confusion({0, 0, 0, 1}, {0, 0, 1, 1}, 3);
  double f0 = 2.0 * 2 / (2 * 2 + 1), f1 = 2.0 * 1 / (2 * 1 + 1);
  EXPECT_NEAR(MacroF1(cm), (f0 + f1) / 2, 1e-12);
  EXPECT_NEAR(WeightedF1(cm), (3 * f0 + f1) / 4, 1e-12);
}

TEST(MetricsTest, RegressionMatchesSklearnDocExample) {
  std::vector<float> y{3, -0.5f, 2, 7}, pred{2.5f, 0, 2, 8};
  EXPECT_NEAR(R2(y, pred), 0.9486081370449679, 1e-6);
  EXPECT_NEAR(Rmse(y, pred), std::sqrt(0.375), 1e-6);
  EXPECT_NEAR(Mae(y, pred), 0.5, 1e-6);
  EXPECT_EQ(R2({2, 2}, {2, 2}), 1.0);
  EXPECT_EQ(R2({2, 2}, {1, 2}), 0.0);
}

TEST(MetricsTest, CalibrationBinsAverageEachBin) {
  std::vector<CalibrationBin> bins = Calibration({0, 1, 1, 1}, {0.05f, 0.15f, 0.95f, 1.0f}, 10);
  ASSERT_EQ(bins.size(), 3u);
  EXPECT_EQ(bins[0].count, 1);
  EXPECT_DOUBLE_EQ(bins[0].observed_rate, 0.0);
  EXPECT_DOUBLE_EQ(bins[2].lower, 0.9);
  EXPECT_EQ(bins[2].count, 2);  // 1.0 falls in the last bin
  EXPECT_NEAR(bins[2].mean_predicted, 0.975, 1e-6);
  EXPECT_DOUBLE_EQ(bins[2].observed_rate, 1.0);
}

TEST(MetricsTest, ComputeMetricsHasEveryKeyPerTask) {
  nlohmann::json b = ComputeMetrics(Task::kBinary, {0, 0, 1, 1}, {0.1f, 0.4f, 0.35f, 0.8f}, 2);
  for (const char* key : {"accuracy", "precision", "recall", "f1", "roc_auc", "pr_auc", "log_loss",
                          "confusion_matrix", "rows"}) {
    EXPECT_TRUE(b.contains(key)) << key;
  }
  EXPECT_DOUBLE_EQ(b["roc_auc"].get<double>(), 0.75);
  EXPECT_EQ(b["confusion_matrix"], nlohmann::json::parse("[[2,0],[1,1]]"));
  nlohmann::json m =
      ComputeMetrics(Task::kMulticlass, {0, 1}, {0.8f, 0.1f, 0.1f, 0.2f, 0.7f, 0.1f}, 3);
  EXPECT_DOUBLE_EQ(m["accuracy"].get<double>(), 1.0);
  EXPECT_TRUE(m.contains("macro_f1") && m.contains("weighted_f1") && !m.contains("roc_auc"));
  nlohmann::json r = ComputeMetrics(Task::kRegression, {1, 2}, {1, 2}, 0);
  EXPECT_DOUBLE_EQ(r["rmse"].get<double>(), 0.0);
  EXPECT_EQ(r["rows"], 2);
}

}  // namespace
}  // namespace mlpipe::engine
