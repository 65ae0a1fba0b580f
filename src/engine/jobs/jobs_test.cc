// The four jobs chained in-process on a small synthetic dataset: the engine API without the CLI.
#include "engine/jobs/jobs.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <random>

#include "engine/io/table_reader.h"
#include "engine/jobs/model_bundle.h"
#include "engine/jobs/training_data.h"
#include "engine/models/cross_validation.h"
#include "engine/models/labels.h"
#include "mlpipe_testing/temp_dir.h"
#include "util/fs.h"
#include "util/log.h"

namespace mlpipe::engine {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;

class JobsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dirs_ = {root_ / "models", root_ / "metrics", root_ / "artifacts"};
    // y = 1 when x1 + (color == red) is large: learnable signal in a numeric and a string column.
    std::ofstream csv((root_ / "raw.csv").string());
    csv << "id,x1,color,label\n";
    std::mt19937_64 rng(7);
    std::normal_distribution<double> noise(0, 0.3);
    for (int i = 0; i < 600; ++i) {
      const double x1 = (i % 100) / 50.0;
      const bool red = i % 3 == 0;
      const bool y = x1 + (red ? 0.8 : 0.0) + noise(rng) > 1.3;
      csv << i << "," << (i % 37 == 0 ? "" : std::to_string(x1)) << "," << (red ? "red" : "blue")
          << "," << (y ? "yes" : "no") << "\n";
    }
    csv.close();
    auto& d = config_.data;
    d.raw_data_path = (root_ / "raw.csv").string();
    d.training_data_path = (root_ / "training").string();
    d.validation_data_path = (root_ / "validation").string();
    d.evaluation_data_path = d.validation_data_path;
    d.prediction_input_path = (root_ / "raw.csv").string();
    d.predictions_output_path = (root_ / "predictions").string();
    d.target_column = "label";
    d.id_columns = {"id"};
    config::StepSpec impute;
    impute.kind = config::StepSpec::Kind::kImpute;
    impute.method = "median";
    impute.columns = {"x1"};
    d.feature_pipeline = {impute};
    config_.model.model_name = "synthetic";
    config_.model.hyperparameters = {{"n_estimators", int64_t{20}}, {"max_depth", int64_t{4}}};
    config_.model.cv_folds = 3;
    for (auto t : {config::JobType::kTraining, config::JobType::kPrediction,
                   config::JobType::kDataProcessing, config::JobType::kEvaluation}) {
      config_.job_specific[t] = {};
    }
    config_.job_specific[config::JobType::kPrediction].batch_size = 128;
  }

  mlpipe::testing::TempDir tmp_;
  const fs::path root_ = tmp_.path();
  JobDirs dirs_;
  config::JobConfig config_;
  FakeClock clock_{1'700'000'000'000};  // 2023-11-14T22:13:20Z
  JobContext ctx_{.clock = clock_};
};

TEST_F(JobsTest, ProcessTrainPredictEvaluate) {
  auto dp = RunJob(config::JobType::kDataProcessing, config_, dirs_, ctx_);
  ASSERT_TRUE(dp.ok()) << dp.status().ToString();
  EXPECT_EQ((*dp)["rows_training"].get<int64_t>() + (*dp)["rows_validation"].get<int64_t>(), 600);
  EXPECT_TRUE(PathExists(root_ / "training" / "_mlpipe_pipeline.json"));

  auto tr = RunJob(config::JobType::kTraining, config_, dirs_, ctx_);
  ASSERT_TRUE(tr.ok()) << tr.status().ToString();
  EXPECT_EQ((*tr)["model"], "synthetic@v1");
  EXPECT_GT((*tr)["cv_mean_roc_auc"].get<double>(), 0.85);
  // Outputs are stamped by the context's clock.
  const std::string stamp = FormatUtcMillis(clock_.NowMs());
  auto metadata = ReadFile(dirs_.models / "synthetic" / "v1" / "metadata.json");
  ASSERT_TRUE(metadata.ok()) << metadata.status().ToString();
  EXPECT_EQ(nlohmann::json::parse(*metadata)["created_at"], stamp);

  auto pr = RunJob(config::JobType::kPrediction, config_, dirs_, ctx_);
  ASSERT_TRUE(pr.ok()) << pr.status().ToString();
  EXPECT_EQ((*pr)["rows"], 600);
  EXPECT_EQ((*pr)["batches"], 5);  // 600 rows in batches of 128
  auto preds = ReadTable(root_ / "predictions");
  ASSERT_TRUE(preds.ok());
  EXPECT_EQ((*preds)->ColumnNames(),
            (std::vector<std::string>{"id", "prediction", "probability_no", "probability_yes"}));

  auto ev = RunJob(config::JobType::kEvaluation, config_, dirs_, ctx_);
  ASSERT_TRUE(ev.ok()) << ev.status().ToString();
  EXPECT_GT((*ev)["roc_auc"].get<double>(), 0.85);
  auto report = ReadFile((*ev)["report"].get<std::string>());
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_NE(report->find(stamp), std::string::npos);
}

// The daily pattern: data_processing re-run on the same input (a retry, the next day's schedule)
// gives data with the same pipeline identity, so the model trained before still reads it as
// processed. A different fit (another config) is refused naming both pipelines.
TEST_F(JobsTest, ReRunningDataProcessingKeepsEarlierModelsWorking) {
  config::StepSpec encode;
  encode.kind = config::StepSpec::Kind::kEncode;
  encode.method = "onehot";
  encode.columns = {"color"};  // the processed data has no `color` column
  config_.data.feature_pipeline.push_back(encode);
  ctx_.run_id = "run-1";
  ASSERT_TRUE(RunJob(config::JobType::kDataProcessing, config_, dirs_, ctx_).ok());
  ASSERT_TRUE(RunJob(config::JobType::kTraining, config_, dirs_, ctx_).ok());
  auto first = RunJob(config::JobType::kEvaluation, config_, dirs_, ctx_);
  ASSERT_TRUE(first.ok()) << first.status().ToString();

  ctx_.run_id = "run-2";
  ASSERT_TRUE(RunJob(config::JobType::kDataProcessing, config_, dirs_, ctx_).ok());
  auto again = RunJob(config::JobType::kEvaluation, config_, dirs_, ctx_);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ((*again)["roc_auc"], (*first)["roc_auc"]);

  ctx_.run_id = "run-3";
  config_.data.feature_pipeline[0].method = "mean";  // another fit of the pipeline
  ASSERT_TRUE(RunJob(config::JobType::kDataProcessing, config_, dirs_, ctx_).ok());
  auto other = RunJob(config::JobType::kEvaluation, config_, dirs_, ctx_);
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.status().code(), StatusCode::kDataError);
  EXPECT_THAT(
      other.status().message(),
      AllOf(HasSubstr("the input was processed by feature pipeline fnv1a64:"),
            HasSubstr("but model synthetic@v1 was trained on data processed by pipeline fnv1a64:"),
            HasSubstr("color"), HasSubstr("or retrain the model on this data")));
}

TEST_F(JobsTest, TrainingOnRawDataFitsThePipelineOnItsTrainingRowsOnly) {
  config_.data.training_data_path = config_.data.raw_data_path;  // no data_processing lineage
  config_.data.feature_pipeline[0].method = "mean";
  config::StepSpec derive;
  derive.kind = config::StepSpec::Kind::kDerive;
  derive.output = "x1_squared";
  derive.expression = "x1 * x1";
  config_.data.feature_pipeline.push_back(derive);
  ctx_.run_id = "application_1_0001";
  auto tr = RunJob(config::JobType::kTraining, config_, dirs_, ctx_);
  ASSERT_TRUE(tr.ok()) << tr.status().ToString();
  EXPECT_EQ((*tr)["feature_pipeline"],
            "2 steps fitted on the training rows of each fit (the input has no "
            "data_processing lineage)");
  EXPECT_GT((*tr)["cv_mean_roc_auc"].get<double>(), 0.85);

  auto bundle = LoadModelBundle(dirs_.models, "synthetic", "");
  ASSERT_TRUE(bundle.ok()) << bundle.status().ToString();
  ASSERT_TRUE(bundle->upstream.has_value());
  EXPECT_EQ(bundle->upstream->produced_by, "application_1_0001");
  EXPECT_EQ(bundle->upstream->pipeline_id,
            PipelineIdentity(bundle->upstream->pipeline, *bundle->upstream->input_schema));
  EXPECT_NE(std::find(bundle->feature_columns.begin(), bundle->feature_columns.end(), "x1_squared"),
            bundle->feature_columns.end());
  // The imputed mean is the mean of the non-hold-out rows, not of all rows.
  auto raw = ReadTable(config_.data.raw_data_path);
  ASSERT_TRUE(raw.ok());
  auto labels = EncodeLabels(*(*raw)->GetColumnByName("label"), "label", config::Task::kAuto);
  ASSERT_TRUE(labels.ok());
  const auto holdout = HoldoutMask(labels->y, config_.model.test_size, config_.model.seed, true);
  auto x1 = std::static_pointer_cast<arrow::DoubleArray>((*raw)->GetColumnByName("x1")->chunk(0));
  double train_sum = 0, all_sum = 0;
  int64_t train_n = 0, all_n = 0;
  for (int64_t i = 0; i < x1->length(); ++i) {
    if (x1->IsNull(i)) continue;
    all_sum += x1->Value(i), ++all_n;
    if (!holdout[static_cast<size_t>(i)]) train_sum += x1->Value(i), ++train_n;
  }
  const double fitted =
      bundle->upstream->pipeline.ToJson()["steps"][0]["fitted"]["x1"]["number"].get<double>();
  EXPECT_DOUBLE_EQ(fitted, train_sum / static_cast<double>(train_n));
  EXPECT_NE(fitted, all_sum / static_cast<double>(all_n));

  // Prediction on the raw rows applies the stored pipeline (x1_squared is derived again).
  auto pr = RunJob(config::JobType::kPrediction, config_, dirs_, ctx_);
  ASSERT_TRUE(pr.ok()) << pr.status().ToString();
  EXPECT_EQ((*pr)["rows"], 600);
}

TEST_F(JobsTest, EachFitOnRawDataSeesOnlyItsTrainingRows) {
  config_.data.feature_pipeline[0].method = "mean";
  auto data = LoadTrainingData(config_, config_.data.raw_data_path, "run-1");
  ASSERT_TRUE(data.ok()) << data.status().ToString();
  std::vector<RowRole> roles(600, RowRole::kUnused);  // like a CV fold: the rest sits out
  std::fill(roles.begin(), roles.begin() + 100, RowRole::kTrain);
  std::fill(roles.begin() + 100, roles.begin() + 150, RowRole::kTest);
  auto fit = data->Fit(roles);
  ASSERT_TRUE(fit.ok()) << fit.status().ToString();
  EXPECT_EQ(fit->rows.train_x.rows, 100);
  EXPECT_EQ(fit->rows.test_x.rows, 50);
  double sum = 0;
  int n = 0;
  for (int i = 0; i < 100; ++i) {
    if (i % 37 != 0) sum += (i % 100) / 50.0, ++n;  // the rows' x1 (every 37th is blank)
  }
  ASSERT_TRUE(fit->upstream.has_value());
  EXPECT_EQ(fit->upstream->produced_by, "run-1");
  EXPECT_NEAR(fit->upstream->pipeline.ToJson()["steps"][0]["fitted"]["x1"]["number"].get<double>(),
              sum / n, 1e-9);
}

TEST_F(JobsTest, StopRequestCancelsAndPublishesNothing) {
  config_.data.training_data_path = config_.data.raw_data_path;
  config_.data.feature_pipeline.clear();
  ctx_.stop_requested = [] { return true; };
  auto tr = RunJob(config::JobType::kTraining, config_, dirs_, ctx_);
  ASSERT_FALSE(tr.ok());
  EXPECT_EQ(tr.status().code(), StatusCode::kCancelled);
  EXPECT_FALSE(PathExists(dirs_.models / "synthetic" / "v1"));
}

TEST_F(JobsTest, PassedDeadlineFailsPredictionWithoutOutput) {
  config_.data.training_data_path = config_.data.raw_data_path;
  config_.data.feature_pipeline.clear();
  ASSERT_TRUE(RunJob(config::JobType::kTraining, config_, dirs_, ctx_).ok());
  ctx_.deadline = std::chrono::steady_clock::now();
  ctx_.deadline_name = "prediction_timeout 0s";
  auto pr = RunJob(config::JobType::kPrediction, config_, dirs_, ctx_);
  ASSERT_FALSE(pr.ok());
  EXPECT_EQ(pr.status().code(), StatusCode::kTimeout);
  EXPECT_NE(pr.status().message().find("prediction_timeout 0s exceeded"), std::string::npos);
  EXPECT_FALSE(PathExists(root_ / "predictions"));
  for (const auto& e : fs::directory_iterator(root_))
    EXPECT_NE(e.path().filename().string()[0], '.');
}

}  // namespace
}  // namespace mlpipe::engine
