#include "backends/yarn/spark_submit.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "config/loader.h"
#include "mlpipe_testing/temp_dir.h"

namespace mlpipe::backends::yarn {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Compares with tests/golden/<name>; MLPIPE_UPDATE_GOLDEN=1 rewrites the file instead.
void ExpectGolden(const std::string& name, const std::string& actual) {
  const std::string path = std::string(MLPIPE_SOURCE_DIR) + "/tests/golden/" + name;
  if (std::getenv("MLPIPE_UPDATE_GOLDEN") != nullptr) {
    std::ofstream(path) << actual;
    return;
  }
  EXPECT_EQ(actual, ReadFile(path))
      << "golden file " << path
      << " differs; rerun with MLPIPE_UPDATE_GOLDEN=1 if the change is intended";
}

class SparkSubmitTest : public ::testing::Test {
 protected:
  SubmitRequest Request(config::JobType type, std::vector<std::string> extra_files = {},
                        std::vector<std::string> overrides = {}) {
    std::vector<std::string> files = {std::string(MLPIPE_SOURCE_DIR) + "/examples/job_config.yaml"};
    files.insert(files.end(), extra_files.begin(), extra_files.end());
    auto cfg = config::LoadJobConfig(config::LoadOptions{files, std::move(overrides)});
    EXPECT_TRUE(cfg.ok()) << cfg.status().ToString();
    SubmitRequest r;
    r.type = type;
    r.name = "churn_model-" + std::string(config::JobTypeName(type));
    r.config = *cfg;
    return r;
  }
  static SparkLaunch Launch() {
    SparkLaunch l;
    l.spark_submit = "/opt/spark/bin/spark-submit";
    l.app_resource = "/opt/mlpipe/share/mlpipe/spark/drivers/training.py";
    l.app_arguments = {"--config", "job_config.yaml", "--run-id", "mlpipe-1-0001-abcdefgh"};
    l.files = {"/home/u/.mlpipe/yarn/mlpipe-1-0001-abcdefgh/job_config.yaml"};
    l.env_archive_uri =
        "hdfs://nn:8020/ml-pipeline/artifacts/mlpipe-env/mlpipe-spark-env-0123abcd.tar.gz";
    l.secrets_file = "/home/u/.mlpipe/yarn/mlpipe-1-0001-abcdefgh/secret.properties";
    l.tag = "mlpipe-1-0001-abcdefgh";
    return l;
  }
  mlpipe::testing::TempDir tmp_;
};

TEST_F(SparkSubmitTest, TrainingCommandMatchesGolden) {
  SparkSubmitCommand cmd = BuildSparkSubmit(Request(config::JobType::kTraining), Launch());
  EXPECT_TRUE(cmd.secret_conf.empty());
  ExpectGolden("spark_submit_training.txt", DisplaySparkSubmit(cmd));
}

TEST_F(SparkSubmitTest, SecuredPredictionKeepsSecretsOffTheCommandLine) {
  const std::string overlay = (tmp_.path() / "secure.yaml").string();
  std::ofstream(overlay) << R"(security_config:
  enable_kerberos: true
  principal: "ml-pipeline@EXAMPLE.COM"
  keytab: "/etc/security/keytabs/ml-pipeline.keytab"
  enable_ssl: true
  keystore_path: "/etc/ssl/keystore.jks"
  keystore_password: "ks-pass-123"
  truststore_path: "/etc/ssl/truststore.jks"
  truststore_password: "ts-pass-456"
spark_config:
  spark.yarn.tags: "team-ml"
job_specific_config:
  prediction:
    additional_jars: ["hdfs:///jars/a.jar", "hdfs:///jars/b.jar"]
    additional_py_files: ["hdfs:///py/helpers.zip"]
    custom_spark_conf:
      spark.sql.shuffle.partitions: "64"
)";
  SparkSubmitCommand cmd =
      BuildSparkSubmit(Request(config::JobType::kPrediction, {overlay}), Launch());
  const std::string shown = DisplaySparkSubmit(cmd);
  for (const auto& arg : cmd.argv) {
    EXPECT_EQ(arg.find("pass-"), std::string::npos) << "secret on the command line: " << arg;
  }
  EXPECT_EQ(shown.find("pass-"), std::string::npos);
  EXPECT_EQ(cmd.secret_conf.at("spark.ssl.keyStorePassword"), "ks-pass-123");
  EXPECT_EQ(cmd.secret_conf.at("spark.ssl.trustStorePassword"), "ts-pass-456");
  ExpectGolden("spark_submit_prediction_secured.txt", shown);
}

TEST_F(SparkSubmitTest, AValueSecretByItsContentTravelsInThePropertiesFileOnly) {
  SubmitRequest r = Request(config::JobType::kTraining, {},
                            {"spark.hadoop.db.url=jdbc:mysql://db/ml?user=ml&password=hunter2"});
  SparkSubmitCommand cmd = BuildSparkSubmit(r, Launch());
  for (const auto& arg : cmd.argv) {
    EXPECT_EQ(arg.find("hunter2"), std::string::npos) << "secret on the command line: " << arg;
  }
  EXPECT_EQ(cmd.secret_conf.at("spark.hadoop.db.url"),
            "jdbc:mysql://db/ml?user=ml&password=hunter2");
  const std::string shown = DisplaySparkSubmit(cmd);
  EXPECT_EQ(shown.find("hunter2"), std::string::npos);
  EXPECT_NE(shown.find("#   spark.hadoop.db.url=******"), std::string::npos) << shown;
}

TEST(PropertiesTextTest, EscapesWhatJavaWouldReadDifferently) {
  EXPECT_EQ(PropertiesText({{"spark.a", "p\\w=d:x"}, {"spark.b", " lead\nline"}}),
            "spark.a=p\\\\w=d:x\nspark.b=\\ lead\\nline\n");
}

TEST_F(SparkSubmitTest, CustomSparkConfWinsAndMlpipeSettingsAreForced) {
  SubmitRequest r =
      Request(config::JobType::kTraining, {},
              {"spark.yarn.submit.waitAppCompletion=true", "spark.sql.adaptive.enabled=false",
               "spark_config.executor_memory=3g"});
  SparkSubmitCommand cmd = BuildSparkSubmit(r, Launch());
  auto has = [&](const std::string& arg) {
    return std::find(cmd.argv.begin(), cmd.argv.end(), arg) != cmd.argv.end();
  };
  EXPECT_TRUE(has("spark.yarn.submit.waitAppCompletion=false"));
  EXPECT_FALSE(has("spark.yarn.submit.waitAppCompletion=true"));
  EXPECT_TRUE(has("spark.sql.adaptive.enabled=false"));
  EXPECT_TRUE(
      has("spark.sql.adaptive.advisoryPartitionSizeInBytes=128MB"));  // training's custom conf
  EXPECT_TRUE(has("spark.yarn.tags=mlpipe-1-0001-abcdefgh"));
  EXPECT_TRUE(has("3g"));
  EXPECT_EQ(cmd.argv.back(), "mlpipe-1-0001-abcdefgh");
}

TEST_F(SparkSubmitTest, OneAttemptUnlessTheUserSaysOtherwiseAndTheDriverGetsItsEnvironment) {
  auto has = [](const SparkSubmitCommand& cmd, const std::string& arg) {
    return std::find(cmd.argv.begin(), cmd.argv.end(), arg) != cmd.argv.end();
  };
  SparkLaunch launch = Launch();
  launch.driver_env["MLPIPE_TEST_DIE_AT"] = "published@job";
  SparkSubmitCommand cmd = BuildSparkSubmit(Request(config::JobType::kTraining), launch);
  EXPECT_TRUE(has(cmd, "spark.yarn.maxAppAttempts=1"));
  EXPECT_TRUE(has(cmd, "spark.yarn.appMasterEnv.MLPIPE_TEST_DIE_AT=published@job"));
  cmd = BuildSparkSubmit(Request(config::JobType::kTraining, {}, {"spark.yarn.maxAppAttempts=3"}),
                         Launch());
  EXPECT_TRUE(has(cmd, "spark.yarn.maxAppAttempts=3"));
  EXPECT_FALSE(has(cmd, "spark.yarn.maxAppAttempts=1"));
}

}  // namespace
}  // namespace mlpipe::backends::yarn
