#include "util/redact.h"

#include <gtest/gtest.h>

namespace mlpipe {
namespace {

TEST(IsSecretKeyTest, MatchesSecretWordsCaseInsensitively) {
  for (const char* key : {"keystore_password", "spark.ssl.keyStorePassword", "SECRET", "api_token",
                          "fs.s3a.access.key", "AccessKey", "aws_access_key_id", "credentials.file",
                          "spark.hadoop.fs.s3a.secret.key"}) {
    EXPECT_TRUE(IsSecretKey(key)) << key;
  }
  for (const char* key : {"spark.executor.memory", "keystore_path", "access_log", "accessor.keys.x",
                          "principal", "keytab"}) {
    EXPECT_FALSE(IsSecretKey(key)) << key;
  }
}

TEST(IsSecretSettingTest, ByKeyOrByContent) {
  EXPECT_TRUE(IsSecretSetting("truststore_password", "pw"));
  EXPECT_TRUE(IsSecretSetting("spark.hadoop.db.url", "jdbc:mysql://db/x?user=ml&password=hunter2"));
  EXPECT_TRUE(IsSecretSetting("spark.hadoop.api", "https://h/x?access_key=AKIA1"));
  EXPECT_FALSE(IsSecretSetting("queue", "ml"));
}

TEST(RedactorTest, ReplacesEveryOccurrenceLongestFirst) {
  Redactor r;
  r.Add("abc");
  r.Add("abcdef");
  r.Add("");
  r.Add("x");
  EXPECT_EQ(r.Redact("--pw=abcdef --k=abc;abcx"), "--pw=****** --k=******;************");
  EXPECT_EQ(r.Redact("nothing here"), "nothing here");
  EXPECT_EQ(Redactor().Redact("abc"), "abc");
}

}  // namespace
}  // namespace mlpipe
