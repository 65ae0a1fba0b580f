#include "backends/yarn/cluster_outputs.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "mlpipe_testing/fake_http.h"

namespace mlpipe::backends::yarn {
namespace {

using testing::Answer;
using testing::FakeHttpClient;
using ::testing::HasSubstr;
using testing::RemoteError;

constexpr char kFs[] = "hdfs://nn:8020";

std::string FileStatus(const std::string& name, bool dir) {
  return R"({"pathSuffix":")" + name + R"(","type":")" + (dir ? "DIRECTORY" : "FILE") +
         R"(","length":0,"owner":"u","group":"g","permission":"755","modificationTime":1,"replication":1})";
}

std::string Listing(const std::vector<std::pair<std::string, bool>>& entries) {
  std::string body = R"({"FileStatuses":{"FileStatus":[)";
  for (size_t i = 0; i < entries.size(); ++i)
    body += (i ? "," : "") + FileStatus(entries[i].first, entries[i].second);
  return body + "]}}";
}

config::JobConfig Prediction() {
  config::JobConfig c;
  c.data.predictions_output_path = std::string(kFs) + "/t/data/output/daily";
  c.data.prediction_input_path = std::string(kFs) + "/t/data/input/batch";
  return c;
}

class ClusterOutputsTest : public ::testing::Test {
 protected:
  FakeHttpClient http_;
  cluster::WebHdfsClient hdfs_{http_, {"http://nn:9870"}, "u"};
};

TEST_F(ClusterOutputsTest, AForeignDirectoryOnHdfsIsRefusedBeforeSubmitting) {
  http_.On("GET", "/t/data/output/daily?op=GETFILESTATUS",
           Answer(200, R"({"FileStatus":)" + FileStatus("", true) + "}"));
  http_.On("GET", "/t/data/output/daily?op=LISTSTATUS",
           Answer(200, Listing({{"report.csv", false}})));
  Status st = CheckClusterOutputs(config::JobType::kPrediction, Prediction(),
                                  ClusterTree{std::string(kFs) + "/t"}, kFs, "u", &hdfs_);
  EXPECT_EQ(st.code(), StatusCode::kConfigError);
  EXPECT_THAT(st.message(), HasSubstr("is not mlpipe's output"));
  // Offline (dry run): only the path rules, nothing is asked of HDFS.
  const size_t asked = http_.requests().size();
  EXPECT_TRUE(CheckClusterOutputs(config::JobType::kPrediction, Prediction(),
                                  ClusterTree{std::string(kFs) + "/t"}, kFs, "u", nullptr)
                  .ok());
  EXPECT_EQ(http_.requests().size(), asked);
}

TEST_F(ClusterOutputsTest, AnEndedRunsStagingGoesAndOnlyItsOwn) {
  http_.On("GET", "/t/data/output?op=LISTSTATUS",
           Answer(200, Listing({{".daily.tmp-mlpipe-7-ab", true},
                                {".daily.tmp-mlpipe-8-cd", true},
                                {"daily", true},
                                {".daily.old-mlpipe-7-ef", true}})));
  http_.On("GET", "/t/data/output/daily?op=GETFILESTATUS",
           Answer(200, R"({"FileStatus":)" + FileStatus("", true) + "}"));
  http_.On("GET", "/t/data/output/daily?op=LISTSTATUS",
           Answer(200, Listing({{".v3.tmp-mlpipe-7-12", true}})));
  http_.On("DELETE", "op=DELETE", Answer(200, R"({"boolean":true})"));
  RemoveRunStaging(hdfs_, config::JobType::kPrediction, Prediction(), kFs, "mlpipe-7");
  const auto deleted = http_.RequestsTo("op=DELETE");
  ASSERT_EQ(deleted.size(), 3u);  // not the staging of run mlpipe-8, which may still be running
  EXPECT_THAT(deleted[0].url, HasSubstr("/t/data/output/.daily.tmp-mlpipe-7-ab?"));
  EXPECT_THAT(deleted[1].url,
              HasSubstr("/t/data/output/.daily.old-mlpipe-7-ef?"));  // the new output is in place
  EXPECT_THAT(deleted[2].url, HasSubstr("/t/data/output/daily/.v3.tmp-mlpipe-7-12?"));
  EXPECT_TRUE(http_.RequestsTo("op=RENAME").empty());
}

TEST_F(ClusterOutputsTest, AnOldOutputSetAsideByAKilledCommitIsPutBack) {
  http_.On("GET", "/t/data/output?op=LISTSTATUS",
           Answer(200, Listing({{".daily.old-mlpipe-7-ef", true}})));
  http_.On("GET", "/t/data/output/daily?op=GETFILESTATUS",
           RemoteError(404, "FileNotFoundException", "no daily"));
  http_.On("GET", "/t/data/output/daily?op=LISTSTATUS",
           RemoteError(404, "FileNotFoundException", "no daily"));
  http_.On("PUT", "op=RENAME", Answer(200, R"({"boolean":true})"));
  RemoveRunStaging(hdfs_, config::JobType::kPrediction, Prediction(), kFs, "mlpipe-7");
  const auto renamed = http_.RequestsTo("op=RENAME");
  ASSERT_EQ(renamed.size(), 1u);
  EXPECT_THAT(
      renamed[0].url,
      HasSubstr(
          "/t/data/output/.daily.old-mlpipe-7-ef?op=RENAME&destination=/t/data/output/daily"));
}

TEST_F(ClusterOutputsTest, BeforeARunTheStagingOfEndedApplicationsGoes) {
  http_.On("GET", "/t/data/output?op=LISTSTATUS",
           Answer(200, Listing({{".daily.tmp-mlpipe-1-ab", true},
                                {".daily.tmp-mlpipe-2-cd", true},
                                {".daily.tmp-mlpipe-3-ef", true},
                                {"daily", true}})));
  http_.On("GET", "/t/data/output/daily?op=LISTSTATUS", Answer(200, Listing({})));
  http_.On(
      "GET", "applicationTags=mlpipe-1",
      Answer(
          200,
          R"({"apps":{"app":[{"id":"application_1_0001","state":"KILLED","applicationTags":"mlpipe-1"}]}})"));
  http_.On(
      "GET", "applicationTags=mlpipe-2",
      Answer(
          200,
          R"({"apps":{"app":[{"id":"application_1_0002","state":"RUNNING","applicationTags":"mlpipe-2"}]}})"));
  http_.On("GET", "applicationTags=mlpipe-3", Answer(200, R"({"apps":null})"));
  http_.On("DELETE", "op=DELETE", Answer(200, R"({"boolean":true})"));
  cluster::ResourceManagerClient rm(http_, {"http://rm:8088"}, "u");
  RemoveEndedRunsStaging(hdfs_, rm, config::JobType::kPrediction, Prediction(), kFs);
  const auto deleted = http_.RequestsTo("op=DELETE");
  ASSERT_EQ(deleted.size(), 2u);
  EXPECT_THAT(deleted[0].url, HasSubstr(".daily.tmp-mlpipe-1-ab?"));
  EXPECT_THAT(deleted[1].url, HasSubstr(".daily.tmp-mlpipe-3-ef?"));
}

}  // namespace
}  // namespace mlpipe::backends::yarn
