// Secrets: plain, ${env:NAME}, ${file:path}; errors never show a secret; rendering masks them.
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
using ::testing::Not;
using ::testing::UnorderedElementsAre;

TEST(SecretsTest, ResolvesPlainEnvAndFile) {
  TempDir dir;
  dir.Write("trust.pass", "tr-Secret-9\n");
  ::setenv("MLPIPE_TEST_KEYSTORE_PW", "ks-Secret-7", 1);
  const std::string file = dir.Write("c.yaml", R"(security_config:
  keystore_password: "${env:MLPIPE_TEST_KEYSTORE_PW}"
  truststore_password: "${file:trust.pass}"
)")
                               .string();
  Result<JobConfig> c = LoadOne(file);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->security.keystore_password.Reveal(), "ks-Secret-7");
  EXPECT_EQ(c->security.keystore_password.reference(), "${env:MLPIPE_TEST_KEYSTORE_PW}");
  EXPECT_EQ(c->security.truststore_password.Reveal(), "tr-Secret-9");

  Result<JobConfig> plain =
      LoadOne(dir.Write("p.yaml", "security_config: {keystore_password: hunter2}\n").string());
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->security.keystore_password.Reveal(), "hunter2");
  EXPECT_EQ(plain->security.keystore_password.reference(), "inline");
}

TEST(SecretsTest, UnsetVariableAndUnreadableFileAreNamed) {
  TempDir dir;
  ::unsetenv("MLPIPE_TEST_UNSET_VAR");
  const std::string file = dir.Write("c.yaml", R"(security_config:
  keystore_password: "${env:MLPIPE_TEST_UNSET_VAR}"
  truststore_password: "${file:/nonexistent/mlpipe/pw}"
)")
                               .string();
  const std::string err = LoadOne(file).status().message();
  EXPECT_THAT(err,
              HasSubstr(file + ":2:22: security_config.keystore_password: environment variable "
                               "MLPIPE_TEST_UNSET_VAR is not set"));
  EXPECT_THAT(err,
              HasSubstr(file + ":3:24: security_config.truststore_password: cannot read secret "
                               "file '/nonexistent/mlpipe/pw'"));
  EXPECT_THAT(
      LoadOne(dir.Write("d.yaml", "security_config: {keystore_password: '${vault:x}'}\n").string())
          .status()
          .message(),
      HasSubstr("unsupported secret reference"));
}

TEST(SecretsTest, ErrorsNeverContainSecretValues) {
  TempDir dir;
  ::setenv("MLPIPE_TEST_SECRET_2", "env-Secret-3", 1);
  const std::string file = dir.Write("c.yaml", R"(security_config:
  keystore_password: "${env:MLPIPE_TEST_SECRET_2}"
  truststore_password: "inline-Secret-4"
  enable_ssl: notabool
spark_config:
  spark.ssl.keyStorePassword: [x]
)")
                               .string();
  const std::string err = LoadOne(file).status().message();
  ASSERT_FALSE(err.empty());
  EXPECT_THAT(err, Not(HasSubstr("env-Secret-3")));
  EXPECT_THAT(err, Not(HasSubstr("inline-Secret-4")));
}

TEST(SecretsTest, RenderYamlMasksEverySecretAndReloads) {
  TempDir dir;
  ::setenv("MLPIPE_TEST_SECRET_3", "env-Secret-5", 1);
  const std::string file = dir.Write("c.yaml", R"(security_config:
  keystore_password: "${env:MLPIPE_TEST_SECRET_3}"
  truststore_password: "inline-Secret-6"
spark_config:
  spark.ssl.keyStorePassword: "spark-Secret-7"
  spark.hadoop.fs.s3a.access.key: "AKIA-Secret-8"
  spark.executor.extraJavaOptions: "-Dx=1"
job_specific_config:
  training:
    custom_spark_conf:
      spark.hadoop.fs.s3a.secret.key: "s3-Secret-9"
)")
                               .string();
  Result<JobConfig> c = LoadOne(file);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  const std::string yaml = RenderYaml(*c);
  for (const char* secret :
       {"env-Secret-5", "inline-Secret-6", "spark-Secret-7", "AKIA-Secret-8", "s3-Secret-9"}) {
    EXPECT_THAT(yaml, Not(HasSubstr(secret)));
  }
  EXPECT_THAT(yaml, HasSubstr("keystore_password: \"******\""));
  EXPECT_THAT(yaml, HasSubstr("spark.ssl.keyStorePassword: \"******\""));
  EXPECT_THAT(yaml, HasSubstr("spark.executor.extraJavaOptions: \"-Dx=1\""));
  EXPECT_THAT(SecretValues(*c),
              UnorderedElementsAre("env-Secret-5", "inline-Secret-6", "spark-Secret-7",
                                   "AKIA-Secret-8", "s3-Secret-9"));
}

}  // namespace
}  // namespace mlpipe::config
