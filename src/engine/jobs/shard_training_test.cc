// The Spark-side engine pieces against the local jobs: training one shard holding every row gives
// the local training's CV and hold-out metrics; a bundle loaded from file contents predicts like
// the published one; PredictBatch and AccumulateEvaluation match the prediction and evaluation
// jobs.
#include "engine/jobs/shard_training.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

#include "engine/io/table_reader.h"
#include "engine/jobs/batch_scoring.h"
#include "engine/jobs/fold_plan.h"
#include "engine/jobs/jobs.h"
#include "engine/jobs/training_data.h"
#include "engine/jobs/training_output.h"
#include "engine/models/cross_validation.h"
#include "engine/models/hyperparams.h"
#include "mlpipe_testing/json_expect.h"
#include "mlpipe_testing/temp_dir.h"
#include "util/fs.h"

namespace mlpipe::engine {
namespace {

using mlpipe::testing::ExpectSameMetrics;

class ShardTrainingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dirs_ = {root_ / "models", root_ / "metrics", root_ / "artifacts"};
    auto& d = config_.data;
    d.training_data_path = (fs::path(MLPIPE_CHURN_DATA_DIR) / "wa_churn.csv").string();
    d.evaluation_data_path = d.training_data_path;
    d.target_column = "churn";
    config_.model.model_name = "churn";
    config_.model.algorithm = config::Algorithm::kGradientBoosting;
    config_.model.hyperparameters = {
        {"n_estimators", int64_t{15}}, {"max_depth", int64_t{3}}, {"n_jobs", int64_t{1}}};
    config_.model.cv_folds = 3;
    for (auto t : {config::JobType::kTraining, config::JobType::kPrediction,
                   config::JobType::kDataProcessing, config::JobType::kEvaluation}) {
      config_.job_specific[t] = {};
    }
  }

  mlpipe::testing::TempDir tmp_;
  const fs::path root_ = tmp_.path();
  JobDirs dirs_;
  config::JobConfig config_;
  FakeClock clock_{1'700'000'000'000};  // 2023-11-14T22:13:20Z
  JobContext ctx_{.clock = clock_};
};

TEST_F(ShardTrainingTest, OneShardGivesTheLocalTrainingMetrics) {
  auto local = RunJob(config::JobType::kTraining, config_, dirs_, ctx_);
  ASSERT_TRUE(local.ok()) << local.status().ToString();
  auto bundle = LoadModelBundle(dirs_.models, "churn", "");
  ASSERT_TRUE(bundle.ok()) << bundle.status().ToString();
  const nlohmann::json& local_metrics = bundle->metadata["metrics"];

  auto data = LoadTrainingData(config_, config_.data.training_data_path, "test-run");
  ASSERT_TRUE(data.ok());
  const auto& m = config_.model;
  const std::vector<int> assignment = PlanFolds(m, data->labels).Assignment();
  auto table = ReadTable(config_.data.training_data_path);
  ASSERT_TRUE(table.ok());
  auto rows =
      MakeShardRows(*(*table)->CombineChunksToBatch().ValueOrDie(), data->model_input,
                    data->x.names, "churn", data->labels.task, data->labels.classes, assignment);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();

  ShardPlan plan;
  plan.params = *MapHyperparameters(m, Task::kBinary, 2, static_cast<int>(data->x.cols));
  plan.task = Task::kBinary;
  plan.num_class = 2;
  plan.cv_folds = m.cv_folds;
  plan.rows_per_fold.assign(3, 0);
  for (int a : assignment) {
    if (a >= 0) {
      ++plan.train_rows;
      ++plan.rows_per_fold[static_cast<size_t>(a)];
    }
  }
  ShardPlan expired = plan;  // the job's timeout passed: the first fit stops before its first round
  expired.deadline_unix_seconds = 1.0;
  auto stopped = TrainShard(*rows, expired);
  ASSERT_FALSE(stopped.ok());
  EXPECT_EQ(stopped.status().code(), StatusCode::kCancelled) << stopped.status().ToString();
  EXPECT_THAT(stopped.status().message(), ::testing::HasSubstr("fold 1 of 3"));

  auto shard = TrainShard(*rows, plan);
  ASSERT_TRUE(shard.ok()) << shard.status().ToString();
  ASSERT_EQ(shard->folds.size(), 3u);
  for (int f = 0; f < 3; ++f)
    ExpectSameMetrics(shard->folds[static_cast<size_t>(f)].Metrics(),
                      local_metrics["cv"]["folds"][f]);
  ExpectSameMetrics(shard->holdout.Metrics(), local_metrics["holdout"]);

  auto model = ReadFile(bundle->dir / kModelFile);
  auto pipeline = ReadFile(bundle->dir / kPipelineFile);
  auto metadata = ReadFile(bundle->dir / kMetadataFile);
  auto shipped =
      ModelBundleFromContents("churn", 1, bundle->dir, shard->model, *pipeline, *metadata);
  ASSERT_TRUE(shipped.ok()) << shipped.status().ToString();
  auto batch = (*table)->CombineChunksToBatch().ValueOrDie();
  auto a = PredictBatch(*bundle, *batch, "", {}, 0);
  auto b = PredictBatch(*shipped, *batch, "", {}, 0);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_TRUE((*a)->Equals(**b));  // the shard's model is the published model
  EXPECT_EQ(
      (*a)->schema()->field_names(),
      (std::vector<std::string>{"row_number", "prediction", "probability_No", "probability_Yes"}));

  auto evaluation = RunJob(config::JobType::kEvaluation, config_, dirs_, ctx_);
  ASSERT_TRUE(evaluation.ok()) << evaluation.status().ToString();
  MetricsAccumulator acc = EvaluationAccumulator(*bundle);
  for (int64_t offset = 0; offset < batch->num_rows(); offset += 1000) {
    ASSERT_TRUE(AccumulateEvaluation(*bundle, *batch->Slice(offset, 1000), "", &acc).ok());
  }
  EXPECT_NEAR(acc.Metrics()["roc_auc"].get<double>(), (*evaluation)["roc_auc"].get<double>(),
              1e-12);
  EXPECT_EQ(acc.rows(), 7043);
}

}  // namespace
}  // namespace mlpipe::engine
