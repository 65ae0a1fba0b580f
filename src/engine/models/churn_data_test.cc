// End-to-end check on the shared churn data: labels from a real CSV column, hold-out split,
// training and metrics. Reads through engine_io's ReadTable/BuildFeatureMatrix.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/io/table_reader.h"
#include "engine/metrics/metrics.h"
#include "engine/models/cross_validation.h"
#include "engine/models/labels.h"

namespace mlpipe::engine {
namespace {

TEST(ChurnDataTest, GradientBoostingOnMlcChurnBeatsChance) {
  Result<std::shared_ptr<arrow::Table>> table =
      ReadTable(fs::path(MLPIPE_CHURN_DATA_DIR) / "mlc_churn.csv");
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  std::shared_ptr<arrow::ChunkedArray> target = (*table)->GetColumnByName("churn");
  ASSERT_NE(target, nullptr);
  Result<Labels> labels = EncodeLabels(*target, "churn", config::Task::kAuto);
  ASSERT_TRUE(labels.ok()) << labels.status().ToString();
  EXPECT_EQ(labels->task, Task::kBinary);
  EXPECT_THAT(labels->classes, ::testing::ElementsAre("no", "yes"));

  std::vector<std::string> columns;
  for (const auto& field : (*table)->schema()->fields()) {
    if (field->type()->id() == arrow::Type::INT64 || field->type()->id() == arrow::Type::DOUBLE) {
      columns.push_back(field->name());
    }
  }
  Result<FeatureMatrix> x = BuildFeatureMatrix(**table, columns);
  ASSERT_TRUE(x.ok()) << x.status().ToString();

  std::vector<bool> test_mask = HoldoutMask(labels->y, 0.2, 42, true);
  std::vector<int64_t> train_rows = RowsWhere(test_mask, false),
                       test_rows = RowsWhere(test_mask, true);
  config::ModelConfig model;
  model.algorithm = config::Algorithm::kGradientBoosting;
  model.hyperparameters = {{"n_jobs", int64_t{1}}};
  Result<TrainParams> params =
      MapHyperparameters(model, labels->task, 2, static_cast<int>(columns.size()));
  ASSERT_TRUE(params.ok());
  Result<Booster> booster =
      Booster::Train(SelectRows(*x, train_rows), SelectRows(labels->y, train_rows), *params);
  ASSERT_TRUE(booster.ok()) << booster.status().ToString();
  Result<std::vector<float>> pred = booster->Predict(SelectRows(*x, test_rows));
  ASSERT_TRUE(pred.ok());
  nlohmann::json m = ComputeMetrics(Task::kBinary, SelectRows(labels->y, test_rows), *pred, 2);
  EXPECT_EQ(m["rows"], 1000);
  EXPECT_GT(m["roc_auc"].get<double>(), 0.85) << m.dump();
  EXPECT_GT(m["accuracy"].get<double>(), 0.9) << m.dump();
}

}  // namespace
}  // namespace mlpipe::engine
