#include "backends/yarn/cluster_settle.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "mlpipe_testing/fake_http.h"

namespace mlpipe::backends::yarn {
namespace {

using testing::Answer;
using testing::FakeHttpClient;
using testing::RedirectTo;
using testing::RemoteError;

constexpr char kFs[] = "hdfs://nn:8020";
constexpr char kDn[] = "http://dn:9864";

std::string Listing(const std::vector<std::string>& dirs) {
  std::string body = R"({"FileStatuses":{"FileStatus":[)";
  for (size_t i = 0; i < dirs.size(); ++i) {
    body += (i ? "," : "") + std::string(R"({"pathSuffix":")") + dirs[i] +
            R"(","type":"DIRECTORY","length":0,"owner":"u","group":"g","permission":"755",)"
            R"("modificationTime":1,"replication":1})";
  }
  return body + "]}}";
}

class ClusterSettleTest : public ::testing::Test {
 protected:
  ClusterRun Run(config::JobType type) {
    ClusterRun run;
    run.type = type;
    run.resolved.model.model_name = "churn";
    run.resolved.data.predictions_output_path = std::string(kFs) + "/t/data/output/daily";
    run.resolved.data.prediction_input_path = std::string(kFs) + "/t/data/input/batch";
    run.tree = ClusterTree{std::string(kFs) + "/t"};
    run.default_fs = kFs;
    run.app_id = "application_1_0007";
    run.tag = "mlpipe-7";
    return run;
  }
  // `path` on HDFS holds `body`, read through a datanode as WebHDFS does.
  void File(const std::string& path, const std::string& body) {
    http_.On("GET", kDn + std::string("/read") + path, Answer(200, body));
    http_.On("GET", path + "?op=OPEN", RedirectTo(kDn + std::string("/read") + path + "?dn=1"));
  }
  FakeHttpClient http_;
  cluster::WebHdfsClient hdfs_{http_, {"http://nn:9870"}, "u"};
};

TEST_F(ClusterSettleTest, APredictionWhoseOutputNamesAnotherRunPublishedNothing) {
  File(
      "/t/data/output/daily/_mlpipe_output.json",
      R"({"app_id":"application_1_0006","job_type":"prediction","role":"data_config.predictions_output_path",)"
      R"("config_digest":"x","files":["part-0.parquet"]})");
  http_.On("GET", "/t/data/output?op=LISTSTATUS",
           Answer(200, Listing({"daily", ".daily.tmp-mlpipe-7-ab"})));
  http_.On("GET", "/t/data/output/.daily.tmp-mlpipe-7-ab/_mlpipe_output.json?op=OPEN",
           RemoteError(404, "FileNotFoundException", "not marked yet"));
  auto published = PublishedAnything(hdfs_, Run(config::JobType::kPrediction));
  ASSERT_TRUE(published.ok()) << published.status().ToString();
  EXPECT_FALSE(*published);
  EXPECT_TRUE(http_.RequestsTo("op=CREATE").empty());
  EXPECT_TRUE(http_.RequestsTo("op=RENAME").empty());
}

TEST_F(ClusterSettleTest, AModelVersionWhoseMetadataNamesTheRunIsPublishedEvenBelowLatest) {
  http_.On("GET", "/t/models/churn?op=LISTSTATUS",
           Answer(200, Listing({"v1", "v2", ".staging-mlpipe-9-cd"})));
  File("/t/models/churn/v2/metadata.json", R"({"run_id":"mlpipe-8"})");
  File("/t/models/churn/v1/metadata.json", R"({"run_id":"mlpipe-7","metrics":{"auc":0.9}})");
  auto published = PublishedAnything(hdfs_, Run(config::JobType::kTraining));
  ASSERT_TRUE(published.ok()) << published.status().ToString();
  EXPECT_TRUE(*published);
}

TEST_F(ClusterSettleTest, AnErrorReadingHdfsIsReportedNotTakenForNothingPublished) {
  http_.On("GET", "/t/models/churn?op=LISTSTATUS", Answer(200, Listing({"v1"})));
  http_.On("GET", "/t/models/churn/v1/metadata.json?op=OPEN",
           RemoteError(403, "AccessControlException", "Permission denied: user=u"));
  auto published = PublishedAnything(hdfs_, Run(config::JobType::kTraining));
  ASSERT_FALSE(published.ok());
  EXPECT_THAT(published.status().message(), ::testing::HasSubstr("Permission denied"));
}

}  // namespace
}  // namespace mlpipe::backends::yarn
