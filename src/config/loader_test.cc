// LoadJobConfig: decoding, every validation rule with its message and location, all errors at once.
#include "config/loader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config/config_test_util.h"
#include "config/resources.h"
#include "mlpipe_testing/temp_dir.h"

namespace mlpipe::config {
namespace {

using mlpipe::testing::TempDir;
using ::testing::HasSubstr;
using testing::LoadOne;

class LoaderTest : public ::testing::Test {
 protected:
  // Loads `yaml` written to c.yaml; returns the error message ("" when it loaded).
  std::string ErrorOf(const std::string& yaml, std::vector<std::string> overrides = {}) {
    Result<JobConfig> r = LoadOne(dir_.Write("c.yaml", yaml).string(), std::move(overrides));
    if (r.ok()) return "";
    EXPECT_EQ(r.status().code(), StatusCode::kConfigError) << r.status().ToString();
    return r.status().message();
  }
  JobConfig Load(const std::string& yaml, std::vector<std::string> overrides = {}) {
    Result<JobConfig> r = LoadOne(dir_.Write("c.yaml", yaml).string(), std::move(overrides));
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : JobConfig{};
  }
  std::string At(int line, int col) const {
    return (dir_.path() / "c.yaml").string() + ":" + std::to_string(line) + ":" +
           std::to_string(col) + ": ";
  }
  TempDir dir_;
};

TEST_F(LoaderTest, EmptyFileGivesDefaultsForEveryJobType) {
  JobConfig c = Load("");
  EXPECT_EQ(c.environment.backend, BackendKind::kLocal);
  EXPECT_EQ(c.spark.num_executors, 2);
  EXPECT_EQ(c.job_specific.size(), 4u);
  EXPECT_EQ(c.ForJob(JobType::kPrediction).batch_size, 10000);
  EXPECT_EQ(c.model.algorithm, Algorithm::kRandomForest);
  EXPECT_EQ(c.source_files, std::vector<std::string>{(dir_.path() / "c.yaml").string()});
}

TEST_F(LoaderTest, DecodesTheDocumentSnippets) {
  JobConfig c = Load(R"(
environment_config:
  namenode_url: "hdfs://your-namenode:9000"
  resourcemanager_url: "your-resourcemanager:8032"
spark_config:
  num_executors: 50
  executor_cores: 8
  executor_memory: "32g"
  driver_memory: "16g"
  spark.serializer: "org.apache.spark.serializer.KryoSerializer"
  spark.kryo.unsafe: true
job_specific_config:
  training:
    additional_jars: []
    custom_spark_conf:
      spark.sql.adaptive.advisoryPartitionSizeInBytes: "128MB"
  prediction:
    batch_size: 10000
    prediction_timeout: "1h"
    output_compression: "snappy"
model_config:
  algorithm: "random_forest"
  hyperparameters: {n_estimators: 100, max_depth: 10, max_features: sqrt, max_samples: null}
  cv_folds: 5
  test_size: 0.2
security_config:
  enable_kerberos: true
  principal: "ml-pipeline@REALM.COM"
  keytab: "/etc/security/keytabs/ml-pipeline.keytab"
resource_limits:
  max_driver_memory: "16g"
  max_executor_memory: "32g"
  max_executor_cores: 8
  max_total_cores: 400
)");
  EXPECT_EQ(c.environment.namenode_url, "hdfs://your-namenode:9000");
  EXPECT_EQ(c.spark.num_executors, 50);
  EXPECT_EQ(c.spark.executor_memory, "32g");
  EXPECT_EQ(c.spark.spark_conf.at("spark.kryo.unsafe"), "true");
  EXPECT_EQ(c.ForJob(JobType::kTraining)
                .custom_spark_conf.at("spark.sql.adaptive.advisoryPartitionSizeInBytes"),
            "128MB");
  EXPECT_EQ(c.ForJob(JobType::kPrediction).timeout_seconds, 3600);
  EXPECT_EQ(c.model.hyperparameters.at("n_estimators"), HyperValue(int64_t{100}));
  EXPECT_EQ(c.model.hyperparameters.at("max_features"), HyperValue(std::string("sqrt")));
  EXPECT_EQ(c.model.hyperparameters.at("max_samples"), HyperValue(std::monostate{}));
  EXPECT_EQ(c.model.cv_folds, 5);
  EXPECT_DOUBLE_EQ(c.model.test_size, 0.2);
  EXPECT_TRUE(c.security.enable_kerberos);
  EXPECT_EQ(c.limits.max_executor_memory_bytes, 32LL << 30);
  EXPECT_EQ(c.limits.max_total_cores, 400);
}

TEST_F(LoaderTest, WrongTypesNameKeyValueAndLocation) {
  const std::string err = ErrorOf("spark_config:\n  num_executors: abc\n  executor_cores: [1]\n");
  EXPECT_THAT(err,
              HasSubstr(At(2, 18) + "spark_config.num_executors: expected an integer, got 'abc'"));
  EXPECT_THAT(
      err, HasSubstr(At(3, 19) + "spark_config.executor_cores: expected an integer, got a list"));
}

TEST_F(LoaderTest, UnknownKeysAtEveryLevelWithDidYouMean) {
  const std::string err = ErrorOf(R"(spark_confg: {}
spark_config:
  num_executor: 3
  custom: 1
job_specific_config:
  trainng: {}
  prediction:
    batchsize: 5
model_config:
  algoritm: random_forest
)");
  EXPECT_THAT(
      err, HasSubstr(At(1, 1) +
                     "unknown key 'spark_confg' in the top level (did you mean 'spark_config'?)"));
  EXPECT_THAT(
      err, HasSubstr(At(3, 3) +
                     "unknown key 'num_executor' in spark_config (did you mean 'num_executors'?)"));
  EXPECT_THAT(
      err,
      HasSubstr(
          At(4, 3) +
          "unknown key 'custom' in spark_config; Spark properties here must start with 'spark.'"));
  EXPECT_THAT(err,
              HasSubstr(At(6, 3) +
                        "unknown key 'trainng' in job_specific_config (did you mean 'training'?)"));
  EXPECT_THAT(err, HasSubstr(At(8, 5) + "unknown key 'batchsize' in job_specific_config.prediction "
                                        "(did you mean 'batch_size'?)"));
  EXPECT_THAT(err, HasSubstr(At(10, 3) +
                             "unknown key 'algoritm' in model_config (did you mean 'algorithm'?)"));
}

TEST_F(LoaderTest, AnAlgorithmThatDoesNotTrainTheTaskIsRefusedWhereTheTaskIsWritten) {
  const std::string err = ErrorOf(R"(model_config:
  algorithm: linear_regression
  task: binary
)");
  EXPECT_THAT(err, HasSubstr(At(3, 9) + "model_config.task: linear_regression does not train "
                                        "binary tasks; choose another algorithm or task"));
}

TEST_F(LoaderTest, PositiveClassIsReadFromTheFileOrConfAndRendered) {
  EXPECT_EQ(Load("model_config:\n  positive_class: bad\n").model.positive_class, "bad");
  const JobConfig c = Load("", {"model_config.positive_class=no"});
  EXPECT_EQ(c.model.positive_class, "no");
  EXPECT_THAT(RenderYaml(c), HasSubstr("positive_class: \"no\""));
  EXPECT_THAT(ErrorOf("model_config:\n  positve_class: bad\n"),
              HasSubstr("(did you mean 'positive_class'?)"));
}

TEST_F(LoaderTest, NaValuesDefaultToPandasListAndCanBeReplaced) {
  const std::vector<std::string> defaults = Load("").data.na_values;
  for (const char* token : {"", "NA", "N/A", "NaN", "null", "None"}) {
    EXPECT_NE(std::find(defaults.begin(), defaults.end(), token), defaults.end()) << token;
  }
  const JobConfig c = Load("data_config:\n  na_values: [\"?\", \"missing\"]\n");
  EXPECT_EQ(c.data.na_values, (std::vector<std::string>{"?", "missing"}));
  EXPECT_THAT(RenderYaml(c), HasSubstr("na_values: [\"?\", \"missing\"]"));
}

TEST_F(LoaderTest, OneLoadReportsEveryError) {
  const std::string err = ErrorOf(R"(spark_config:
  executor_memory: "8.5g"
  driver_memory: "g"
model_config:
  algorithm: logistic
  task: binarry
  test_size: 1.0
  cv_folds: 1
  model_name: "../etc"
job_specific_config:
  prediction:
    output_compression: lz4
    batch_size: 0
    prediction_timeout: "1.5h"
environment_config:
  backend: yarnn
)");
  EXPECT_THAT(err,
              HasSubstr(At(2, 20) + "spark_config.executor_memory: invalid memory size '8.5g'"));
  EXPECT_THAT(err, HasSubstr(At(3, 18) + "spark_config.driver_memory: invalid memory size 'g'"));
  EXPECT_THAT(
      err, HasSubstr(At(5, 14) + "model_config.algorithm: 'logistic' is not one of random_forest, "
                                 "gradient_boosting, logistic_regression, linear_regression"));
  EXPECT_THAT(err, HasSubstr(At(6, 9) + "model_config.task: 'binarry' is not one of auto, binary, "
                                        "multiclass, regression (did you mean 'binary'?)"));
  EXPECT_THAT(
      err, HasSubstr(At(7, 14) + "model_config.test_size: must be in [0, 1), e.g. 0.2, got 1.0"));
  EXPECT_THAT(err,
              HasSubstr(At(8, 13) +
                        "model_config.cv_folds: must be 0 (no cross-validation) or at least 2"));
  EXPECT_THAT(err,
              HasSubstr(At(9, 15) + "model_config.model_name: '../etc' is not a valid model name"));
  EXPECT_THAT(err, HasSubstr(At(12, 25) +
                             "job_specific_config.prediction.output_compression: 'lz4' is not one "
                             "of snappy, zstd, gzip, none"));
  EXPECT_THAT(err, HasSubstr(At(13, 17) +
                             "job_specific_config.prediction.batch_size: must be >= 1, got 0"));
  EXPECT_THAT(err,
              HasSubstr(At(14, 25) +
                        "job_specific_config.prediction.prediction_timeout: invalid duration"));
  EXPECT_THAT(
      err, HasSubstr(At(16, 12) + "environment_config.backend: 'yarnn' is not one of local, yarn"));
  EXPECT_EQ(std::count(err.begin(), err.end(), '\n'), 10);  // 11 errors, one per line
}

TEST_F(LoaderTest, ModelNameDotsAreRejected) {
  EXPECT_THAT(ErrorOf("model_config: {model_name: '..'}\n"),
              HasSubstr("'..' is not a valid model name"));
  EXPECT_THAT(ErrorOf("model_config: {model_name: '.'}\n"),
              HasSubstr("'.' is not a valid model name"));
  EXPECT_EQ(Load("model_config: {model_name: churn-model.v1_2}\n").model.model_name,
            "churn-model.v1_2");
}

TEST_F(LoaderTest, DataPathSchemesEitherBackendCannotReadAreRefused) {
  const std::string error = ErrorOf(
      "data_config:\n  training_data_path: s3://bucket/train.csv\n  prediction_input_path: "
      "file://rel/x\n");
  EXPECT_THAT(error,
              HasSubstr(At(2, 23) + "data_config.training_data_path: 's3://bucket/train.csv': "
                                    "unsupported scheme 's3://'"));
  EXPECT_THAT(error, HasSubstr(At(3, 26) +
                               "data_config.prediction_input_path: 'file://rel/x': a file URI must "
                               "be absolute"));
  EXPECT_THAT(
      ErrorOf("", {"data_config.raw_data_path=gs://b/raw"}),
      HasSubstr("<command line>: data_config.raw_data_path: 'gs://b/raw': unsupported scheme"));
  const JobConfig ok = Load(
      "data_config: {raw_data_path: 'hdfs://nn:8020/raw', training_data_path: "
      "'file:///data/t.csv', validation_data_path: rel/v}\n");
  EXPECT_EQ(ok.data.raw_data_path, "hdfs://nn:8020/raw");
}

TEST_F(LoaderTest, ResourceLimitsNameBothValues) {
  const std::string err = ErrorOf(R"(spark_config:
  num_executors: 60
  executor_cores: 16
  executor_memory: 64g
  driver_memory: 20g
resource_limits:
  max_driver_memory: 16g
  max_executor_memory: 32g
  max_executor_cores: 8
  max_total_cores: 400
)");
  EXPECT_THAT(err, HasSubstr(At(4, 20) + "spark_config.executor_memory 64g exceeds "
                                         "resource_limits.max_executor_memory 32g"));
  EXPECT_THAT(err, HasSubstr(At(5, 18) + "spark_config.driver_memory 20g exceeds "
                                         "resource_limits.max_driver_memory 16g"));
  EXPECT_THAT(err, HasSubstr(At(3, 19) + "spark_config.executor_cores 16 exceeds "
                                         "resource_limits.max_executor_cores 8"));
  EXPECT_THAT(err,
              HasSubstr(At(2, 18) + "spark_config.num_executors x spark_config.executor_cores = "
                                    "60 x 16 = 960 exceeds resource_limits.max_total_cores 400"));
}

// Limits hold on the effective value of a resource, whichever name set it.
TEST_F(LoaderTest, ASparkResourcePropertyOnTheCommandLineIsTheValueLimitsCheck) {
  const std::string limits = "resource_limits:\n  max_executor_memory: 32g\n";
  EXPECT_THAT(
      ErrorOf("spark_config:\n  executor_memory: 8g\n" + limits, {"spark.executor.memory=64g"}),
      HasSubstr("<command line>: spark_config.spark.executor.memory 64g exceeds "
                "resource_limits.max_executor_memory 32g"));
  // Below the limit it becomes the named value, and spark-submit gets that one value.
  const JobConfig c =
      Load("spark_config:\n  executor_memory: 8g\n" + limits, {"spark.executor.memory=16g"});
  EXPECT_EQ(c.spark.executor_memory, "16g");
  EXPECT_FALSE(c.spark.spark_conf.contains("spark.executor.memory"));
  // A named flag on the command line beats the property in the file.
  const JobConfig flag =
      Load("spark_config:\n  spark.executor.cores: 6\n", {"spark_config.executor_cores=3"});
  EXPECT_EQ(flag.spark.executor_cores, 3);
  EXPECT_FALSE(flag.spark.spark_conf.contains("spark.executor.cores"));
}

TEST_F(LoaderTest, ANamedResourceAndItsPropertyDisagreeingAtOneLevelAreAnError) {
  EXPECT_THAT(ErrorOf("spark_config:\n  executor_memory: 8g\n  spark.executor.memory: 16g\n"),
              HasSubstr(At(3, 26) +
                        "spark_config.spark.executor.memory 16g and "
                        "spark_config.executor_memory 8g (" +
                        At(2, 20).substr(0, At(2, 20).size() - 2) +
                        ") set the same resource differently; keep one of them"));
  EXPECT_THAT(ErrorOf("spark_config:\n  num_executors: 2\n",
                      {"spark.executor.instances=3", "spark_config.num_executors=4"}),
              HasSubstr("set the same resource differently"));
  const JobConfig same =
      Load("spark_config:\n  executor_memory: 8g\n  spark.executor.memory: 8192m\n");
  EXPECT_EQ(same.spark.executor_memory, "8g");
  EXPECT_THAT(
      ErrorOf("spark_config:\n  spark.executor.instances: many\n"),
      HasSubstr("spark_config.spark.executor.instances: 'many' is not a whole number >= 1"));
}

TEST_F(LoaderTest, AJobTypesResourcePropertyIsItsEffectiveValue) {
  const std::string yaml =
      "job_specific_config:\n  training:\n    custom_spark_conf:\n      spark.executor.memory: "
      "64g\n"
      "resource_limits:\n  max_executor_memory: 32g\n";
  EXPECT_THAT(ErrorOf(yaml), HasSubstr(At(4, 30) + "job_specific_config.training.custom_spark_conf."
                                                   "spark.executor.memory 64g exceeds "
                                                   "resource_limits.max_executor_memory 32g"));
  const JobConfig c = Load(
      "job_specific_config:\n  training:\n    custom_spark_conf:\n"
      "      spark.executor.memory: 16g\n");
  EXPECT_EQ(EffectiveSpark(c, JobType::kTraining).executor_memory, "16g");
  EXPECT_EQ(EffectiveSpark(c, JobType::kPrediction).executor_memory, "2g");
}

TEST_F(LoaderTest, DynamicAllocationIsBoundedByMaxExecutorsUnderACoresLimit) {
  const std::string limits = "resource_limits:\n  max_total_cores: 40\n";
  EXPECT_THAT(ErrorOf("spark_config:\n  spark.dynamicAllocation.enabled: true\n" + limits),
              HasSubstr("dynamic allocation is on without spark.dynamicAllocation.maxExecutors"));
  EXPECT_THAT(
      ErrorOf("spark_config:\n  spark.dynamicAllocation.enabled: true\n"
              "  spark.dynamicAllocation.maxExecutors: 50\n" +
              limits),
      HasSubstr("spark_config.spark.dynamicAllocation.maxExecutors x spark_config.executor_cores "
                "= 50 x 2 = 100 exceeds resource_limits.max_total_cores 40"));
}

TEST_F(LoaderTest, LimitViolatedByDefaultIsReportedAtTheLimit) {
  EXPECT_THAT(
      ErrorOf("resource_limits:\n  max_executor_memory: 1g\n"),
      HasSubstr(At(2, 24) +
                "spark_config.executor_memory 2g exceeds resource_limits.max_executor_memory 1g"));
}

TEST_F(LoaderTest, SparkSectionsRejectNonSparkKeys) {
  const std::string err = ErrorOf(R"(job_specific_config:
  training:
    custom_spark_conf:
      sql.shuffle.partitions: 10
      spark.sql.shuffle.partitions: 10
)");
  EXPECT_EQ(err, At(4, 7) +
                     "unknown key 'sql.shuffle.partitions' in "
                     "job_specific_config.training.custom_spark_conf (did you mean "
                     "'spark.sql.shuffle.partitions'?)");
}

TEST_F(LoaderTest, HyperparametersCheckedPerAlgorithm) {
  const std::string err = ErrorOf(R"(model_config:
  algorithm: logistic_regression
  hyperparameters:
    C: 0
    max_depth: 3
    penalty: l2
)");
  EXPECT_THAT(err, HasSubstr(At(4, 8) + "model_config.hyperparameters: hyperparameter 'C' of "
                                        "logistic_regression must be a number > 0, got 0"));
  EXPECT_THAT(
      err, HasSubstr(At(5, 5) + "model_config.hyperparameters: unknown hyperparameter 'max_depth' "
                                "for logistic_regression; valid names: C, max_iter, penalty"));
}

TEST_F(LoaderTest, KerberosNeedsPrincipalAndKeytab) {
  const std::string err = ErrorOf("security_config:\n  enable_kerberos: true\n");
  EXPECT_THAT(err, HasSubstr(At(2, 20) +
                             "security_config.enable_kerberos is true but principal is not set"));
  EXPECT_THAT(err, HasSubstr("keytab is not set"));
  EXPECT_THAT(
      ErrorOf("security_config:\n  enable_ssl: maybe\n"),
      HasSubstr(At(2, 15) + "security_config.enable_ssl: expected true or false, got 'maybe'"));
}

TEST_F(LoaderTest, MissingFileIsNotFound) {
  Result<JobConfig> r = LoadOne((dir_.path() / "job_config.yaml").string());
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(r.status().message(), HasSubstr((dir_.path() / "job_config.yaml").string() +
                                              "' not found; pass the right file with -c"));
  EXPECT_EQ(LoadJobConfig({}).status().code(), StatusCode::kInvalidArgument);
}

TEST_F(LoaderTest, ValidateForJobNamesKeysAndFile) {
  JobConfig c = Load("data_config:\n  prediction_input_path: ''\n");
  Status st = ValidateForJob(c, JobType::kTraining);
  EXPECT_EQ(st.code(), StatusCode::kConfigError);
  EXPECT_THAT(st.message(), HasSubstr("training jobs need data_config.target_column; add it under "
                                      "data_config: in " +
                                      (dir_.path() / "c.yaml").string()));
  EXPECT_THAT(ValidateForJob(c, JobType::kPrediction).message(),
              HasSubstr("prediction jobs need data_config.prediction_input_path"));
  EXPECT_TRUE(ValidateForJob(c, JobType::kDataProcessing).ok());
  EXPECT_THAT(ValidateForJob(c, JobType::kEvaluation).message(),
              HasSubstr("data_config.target_column"));

  JobConfig eval = Load("data_config: {target_column: churn, validation_data_path: ''}\n");
  EXPECT_THAT(ValidateForJob(eval, JobType::kEvaluation).message(),
              HasSubstr("evaluation jobs need data_config.evaluation_data_path"));
  eval.data.evaluation_data_path = "data/eval";
  EXPECT_TRUE(ValidateForJob(eval, JobType::kEvaluation).ok());
  JobConfig train = Load("data_config: {target_column: churn}\n");
  EXPECT_TRUE(ValidateForJob(train, JobType::kTraining).ok());
}

}  // namespace
}  // namespace mlpipe::config
