// The shipped examples/*.yaml load as documented, and RenderYaml output loads back unchanged.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>

#include "config/config_test_util.h"
#include "config/loader.h"
#include "mlpipe_testing/temp_dir.h"

namespace mlpipe::config {
namespace {

using mlpipe::testing::TempDir;
using ::testing::HasSubstr;
using testing::LoadOne;

std::string Example(const std::string& name) {
  return std::string(MLPIPE_SOURCE_DIR) + "/examples/" + name;
}

TEST(ExamplesTest, BaseConfigLoadsWithDocumentValues) {
  Result<JobConfig> c = LoadOne(Example("job_config.yaml"));
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->environment.backend, BackendKind::kLocal);
  EXPECT_EQ(c->environment.namenode_url, "hdfs://namenode:9000");
  EXPECT_EQ(c->spark.spark_conf.at("spark.dynamicAllocation.maxExecutors"), "50");
  EXPECT_EQ(c->model.model_name, "churn_model");
  EXPECT_EQ(c->model.hyperparameters.at("n_estimators"), HyperValue(int64_t{100}));
  EXPECT_EQ(c->model.cv_folds, 5);
  EXPECT_EQ(c->data.raw_data_path, "hdfs://namenode:9000/ml-pipeline/data/raw/wa_churn.csv");
  EXPECT_EQ(c->data.target_column, "churn");
  ASSERT_EQ(c->data.feature_pipeline.size(), 6u);
  EXPECT_EQ(c->data.feature_pipeline[0].method, "median");
  EXPECT_EQ(c->data.feature_pipeline[4].columns.size(), 10u);
  EXPECT_FALSE(c->security.enable_ssl);
  EXPECT_EQ(c->ForJob(JobType::kPrediction).timeout_seconds, 3600);
  for (const std::string& type : AllJobTypeNames()) {
    EXPECT_TRUE(ValidateForJob(*c, *ParseJobType(type)).ok()) << type;
  }
}

TEST(ExamplesTest, DevOverlayShrinksResources) {
  Result<JobConfig> c = LoadOne(Example("job_config_dev.yaml"));
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->spark.num_executors, 2);
  EXPECT_EQ(c->spark.executor_memory, "2g");
  EXPECT_EQ(c->model.hyperparameters.at("n_estimators"), HyperValue(int64_t{20}));
  EXPECT_EQ(c->model.hyperparameters.at("max_depth"), HyperValue(int64_t{10}));
  EXPECT_EQ(c->source_files.size(), 2u);
}

TEST(ExamplesTest, ProdOverlayNeedsItsSecretsFromTheEnvironment) {
  ::unsetenv("MLPIPE_KEYSTORE_PASSWORD");
  ::setenv("MLPIPE_TRUSTSTORE_PASSWORD", "trust-Pw-1", 1);
  EXPECT_THAT(LoadOne(Example("job_config_prod.yaml")).status().message(),
              HasSubstr("environment variable MLPIPE_KEYSTORE_PASSWORD is not set"));
  ::setenv("MLPIPE_KEYSTORE_PASSWORD", "key-Pw-2", 1);
  Result<JobConfig> c = LoadOne(Example("job_config_prod.yaml"));
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->environment.backend, BackendKind::kYarn);
  EXPECT_EQ(c->spark.num_executors * c->spark.executor_cores, 400);
  EXPECT_EQ(c->security.keystore_password.Reveal(), "key-Pw-2");
  EXPECT_EQ(c->ForJob(JobType::kPrediction).output_compression, "zstd");
}

TEST(ExamplesTest, RenderYamlRoundTrips) {
  Result<JobConfig> c = LoadOne(Example("job_config.yaml"));
  ASSERT_TRUE(c.ok());
  const std::string yaml = RenderYaml(*c);
  EXPECT_THAT(yaml, HasSubstr("keystore_password: \"******\""));
  EXPECT_THAT(yaml, ::testing::Not(HasSubstr("changeit")));
  TempDir dir;
  Result<JobConfig> again = LoadOne(dir.Write("rendered.yaml", yaml).string());
  ASSERT_TRUE(again.ok()) << again.status().ToString() << "\n" << yaml;
  JobConfig copy = *again;
  copy.source_files = c->source_files;
  copy.security = c->security;  // secrets come back as the literal mask
  for (auto& step : copy.data.feature_pipeline) step.where = {};
  JobConfig original = *c;
  for (auto& step : original.data.feature_pipeline) step.where = {};
  EXPECT_EQ(RenderYaml(copy), RenderYaml(original));
  EXPECT_EQ(again->security.keystore_password.Reveal(), "******");
}

}  // namespace
}  // namespace mlpipe::config
