// Merging several files, `extends:` chains and cycles, and command-line overrides.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config/config_test_util.h"
#include "config/loader.h"
#include "mlpipe_testing/temp_dir.h"

namespace mlpipe::config {
namespace {

using mlpipe::testing::TempDir;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::LoadOne;

TEST(OverlayTest, FilesDeepMergeMapsAndReplaceScalarsAndLists) {
  TempDir dir;
  const std::string base = dir.Write("base.yaml", R"(spark_config:
  num_executors: 10
  executor_memory: 8g
  spark.a: "1"
data_config:
  id_columns: [a, b]
model_config:
  hyperparameters: {n_estimators: 100, max_depth: 10}
)")
                               .string();
  const std::string overlay = dir.Write("over.yaml", R"(spark_config:
  num_executors: 3
  spark.b: "2"
data_config:
  id_columns: [c]
model_config:
  hyperparameters: {max_depth: 4}
)")
                                  .string();
  Result<JobConfig> c = LoadJobConfig({{base, overlay}, {}});
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->spark.num_executors, 3);
  EXPECT_EQ(c->spark.executor_memory, "8g");
  EXPECT_EQ(c->spark.spark_conf.size(), 2u);
  EXPECT_THAT(c->data.id_columns, ElementsAre("c"));
  EXPECT_EQ(c->model.hyperparameters.at("n_estimators"), HyperValue(int64_t{100}));
  EXPECT_EQ(c->model.hyperparameters.at("max_depth"), HyperValue(int64_t{4}));
  EXPECT_THAT(c->source_files, ElementsAre(base, overlay));
}

TEST(OverlayTest, ExtendsChainsRelativeToTheFile) {
  TempDir dir;
  dir.Write("root.yaml", "spark_config: {num_executors: 10, executor_cores: 4}\n");
  dir.Write("envs/mid.yaml", "extends: ../root.yaml\nspark_config: {executor_cores: 2}\n");
  const std::string top =
      dir.Write("envs/top.yaml", "extends: mid.yaml\nspark_config: {num_executors: 1}\n").string();
  Result<JobConfig> c = LoadOne(top);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->spark.num_executors, 1);
  EXPECT_EQ(c->spark.executor_cores, 2);
  EXPECT_EQ(c->source_files.size(), 3u);
  EXPECT_EQ(c->source_files.back(), top);
}

TEST(OverlayTest, ErrorsInAnOverlayPointAtTheirOwnFile) {
  TempDir dir;
  dir.Write("base.yaml", "spark_config:\n  num_executors: 2\n");
  const std::string top =
      dir.Write("top.yaml", "extends: base.yaml\n\nspark_config:\n  num_executors: x\n").string();
  EXPECT_THAT(LoadOne(top).status().message(),
              HasSubstr(top + ":4:18: spark_config.num_executors"));
}

TEST(OverlayTest, ExtendsCycleIsAnError) {
  TempDir dir;
  dir.Write("a.yaml", "extends: b.yaml\n");
  dir.Write("b.yaml", "extends: a.yaml\n");
  Result<JobConfig> c = LoadOne((dir.path() / "a.yaml").string());
  EXPECT_EQ(c.status().code(), StatusCode::kConfigError);
  EXPECT_THAT(c.status().message(), HasSubstr("extend each other in a cycle"));
  EXPECT_THAT(c.status().message(), HasSubstr("a.yaml -> "));
}

TEST(OverlayTest, ExtendsMissingFileNamesTheExtendsLine) {
  TempDir dir;
  const std::string top = dir.Write("top.yaml", "extends: gone.yaml\n").string();
  Result<JobConfig> c = LoadOne(top);
  EXPECT_EQ(c.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(c.status().message(), HasSubstr(top + ":1:10: extends: config file '"));
  EXPECT_THAT(c.status().message(), HasSubstr("gone.yaml' not found"));
}

TEST(OverrideTest, SparkKeysDottedPathsAndHyperparameters) {
  TempDir dir;
  const std::string file = dir.Write("c.yaml", "spark_config: {num_executors: 10}\n").string();
  Result<JobConfig> c =
      LoadOne(file, {"spark_config.num_executors=20", "spark.sql.shuffle.partitions=64",
                     "model_config.hyperparameters.max_depth=6", "environment_config.queue=ml",
                     "job_specific_config.training.custom_spark_conf.spark.x.y=on",
                     "data_config.target_column='churn'"});
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->spark.num_executors, 20);
  EXPECT_EQ(c->spark.spark_conf.at("spark.sql.shuffle.partitions"), "64");
  EXPECT_EQ(c->model.hyperparameters.at("max_depth"), HyperValue(int64_t{6}));
  EXPECT_EQ(c->environment.queue, "ml");
  EXPECT_EQ(c->ForJob(JobType::kTraining).custom_spark_conf.at("spark.x.y"), "on");
  EXPECT_EQ(c->data.target_column, "churn");
}

TEST(OverrideTest, OverridesAreValidatedAtTheCommandLine) {
  TempDir dir;
  const std::string file =
      dir.Write("c.yaml", "resource_limits: {max_executor_cores: 4}\n").string();
  Result<JobConfig> c =
      LoadOne(file, {"spark_config.executor_cores=8", "spark_config.num_executorz=1",
                     "model_config.hyperparameters.max_depth=0"});
  ASSERT_FALSE(c.ok());
  const std::string err = c.status().message();
  EXPECT_THAT(err, HasSubstr("<command line>: spark_config.executor_cores 8 exceeds "
                             "resource_limits.max_executor_cores 4"));
  EXPECT_THAT(err, HasSubstr("<command line>: unknown key 'num_executorz' in spark_config"));
  EXPECT_THAT(
      err, HasSubstr("<command line>: model_config.hyperparameters: hyperparameter 'max_depth'"));
}

TEST(OverrideTest, MalformedOverridesAreInvalidArgument) {
  TempDir dir;
  const std::string file = dir.Write("c.yaml", "spark_config: {num_executors: 10}\n").string();
  EXPECT_EQ(LoadOne(file, {"spark_config.num_executors"}).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(LoadOne(file, {"=3"}).status().code(), StatusCode::kInvalidArgument);
  Result<JobConfig> through_scalar = LoadOne(file, {"spark_config.num_executors.x=1"});
  EXPECT_EQ(through_scalar.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(through_scalar.status().message(),
              HasSubstr("spark_config.num_executors is not a map"));
}

}  // namespace
}  // namespace mlpipe::config
