// The yarn backend's submission flow against a scripted ResourceManager/WebHDFS and a fake
// spark-submit. The real thing is exercised by tests/e2e/cluster on the dev cluster.
#include "backends/yarn/yarn_backend.h"

#include <gtest/gtest.h>

#include <fstream>

#include "config/loader.h"
#include "mlpipe_testing/fake_http.h"
#include "mlpipe_testing/temp_dir.h"
#include "util/fs.h"

namespace mlpipe::backends::yarn {
namespace {

using mlpipe::testing::Answer;
using mlpipe::testing::FakeHttpClient;
using mlpipe::testing::RedirectTo;
using mlpipe::testing::RemoteError;

constexpr std::string_view kAppId = "application_1700000000000_0007";

class FakeRunner : public CommandRunner {
 public:
  Result<int> Run(const std::vector<std::string>& argv, const fs::path& log_file,
                  const std::map<std::string, std::string>& env,
                  std::chrono::milliseconds) override {
    argv_ = argv;
    env_ = env;
    secrets_seen_ = PathExists(fs::path(log_file).parent_path() / "secret.properties");
    std::ofstream(log_file, std::ios::app) << output_;
    return exit_code_ << 8;  // a wait status: exited with exit_code_
  }
  std::string output_ = std::string("INFO Client: Submitting application ") + std::string(kAppId) +
                        " to ResourceManager\n";
  int exit_code_ = 0;
  std::vector<std::string> argv_;
  std::map<std::string, std::string> env_;
  bool secrets_seen_ = false;
};

class YarnBackendTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ::unsetenv("HADOOP_CONF_DIR");
    ::unsetenv("YARN_CONF_DIR");
    ::unsetenv("HADOOP_HOME");
    auto reg = store::Registry::Open(tmp_.path() / "registry.db", clock_);
    ASSERT_TRUE(reg.ok());
    registry_ = std::move(*reg);
    const fs::path share = tmp_.path() / "share";
    fs::create_directories(share / "spark" / "drivers");
    std::ofstream(share / "spark" / "drivers" / "training.py") << "# driver\n";
    std::ofstream(share / "mlpipe-spark-env.tar.gz") << "archive bytes";
    std::ofstream(share / "mlpipe-spark-env.tar.gz.sha256") << "4bf751ffe7965bea0123456789abcdef\n";
    http_ = std::make_shared<FakeHttpClient>();
    runner_ = std::make_shared<FakeRunner>();
    YarnDeps deps{http_, runner_, share, tmp_.path() / "work", &env_};
    backend_ = std::make_unique<YarnBackend>(*registry_, deps);
    const std::string cfg_path = (tmp_.path() / "job.yaml").string();
    std::ofstream(cfg_path) << R"(environment_config:
  backend: yarn
  namenode_url: "hdfs://nn:8020"
  webhdfs_url: "http://nn:9870"
  resourcemanager_url: "http://rm:8088"
security_config:
  enable_ssl: true
  keystore_path: /etc/ks.jks
  keystore_password: "hunter2-secret"
data_config:
  training_data_path: "data/training/churn"
  target_column: churn
)";
    auto cfg = config::LoadJobConfig(config::LoadOptions{{cfg_path}, {}});
    ASSERT_TRUE(cfg.ok()) << cfg.status().ToString();
    request_.type = config::JobType::kTraining;
    request_.name = "churn-training";
    request_.config = *cfg;
    request_.user = "alice";
  }
  void ScriptHdfs() {
    http_->On("GET", "/webhdfs/v1/ml-pipeline/data/training/churn?op=GETFILESTATUS",
              Answer(200, R"({"FileStatus":{"type":"DIRECTORY","length":0}})"));
    // The archive is not there the first time, then it is.
    http_->On("GET", "/mlpipe-env/mlpipe-spark-env-",
              RemoteError(404, "FileNotFoundException", "no such file"), 1);
    http_->On("GET", "/mlpipe-env/mlpipe-spark-env-",
              Answer(200, R"({"FileStatus":{"type":"FILE","length":13}})"));
    http_->On("PUT", "op=MKDIRS", Answer(200, R"({"boolean":true})"));
    http_->On("PUT", "http://dn:9864/", Answer(201));  // the DataNode step of CREATE
    http_->On("PUT", "op=CREATE", RedirectTo("http://dn:9864/webhdfs/v1/x?op=CREATE"));
    http_->On("PUT", "op=RENAME", Answer(200, R"({"boolean":true})"));
  }
  void ScriptRm(const std::string& state) {
    http_->On("GET", "/ws/v1/cluster/apps/" + std::string(kAppId),
              Answer(200, R"({"app":{"id":")" + std::string(kAppId) + R"(","state":")" + state +
                              R"(","finalStatus":"UNDEFINED","progress":10,"queue":"default",
                                "trackingUrl":"http://rm:8088/proxy/x/"}})"));
  }

  mlpipe::testing::TempDir tmp_;
  FakeClock clock_{1700000000000};
  FakeLocalEnv env_;  // the backend's waits pass on fake time
  std::unique_ptr<store::Registry> registry_;
  std::shared_ptr<FakeHttpClient> http_;
  std::shared_ptr<FakeRunner> runner_;
  std::unique_ptr<YarnBackend> backend_;
  SubmitRequest request_;
};

TEST_F(YarnBackendTest, SubmitRecordsUploadsOnceSubmitsAndAdoptsTheApplicationId) {
  ScriptHdfs();
  ScriptRm("ACCEPTED");
  auto id = backend_->Submit(request_);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  EXPECT_EQ(*id, kAppId);
  store::JobRecord job = *registry_->Get(std::string(kAppId));
  EXPECT_EQ(job.backend, "yarn");
  EXPECT_EQ(job.state, store::JobState::kAccepted);
  EXPECT_EQ(job.warehouse_root, "hdfs://nn:8020/ml-pipeline");
  EXPECT_NE(job.cluster_json.find("http://rm:8088/proxy/x/"), std::string::npos);
  // spark-submit got the job's tag, the archive on HDFS and the resolved driver arguments.
  const auto& argv = runner_->argv_;
  auto has = [&](const std::string& a) {
    return std::find(argv.begin(), argv.end(), a) != argv.end();
  };
  EXPECT_TRUE(has("spark.yarn.tags=" + job.tag));
  EXPECT_TRUE(has("hdfs://nn:8020/ml-pipeline/artifacts"));
  EXPECT_TRUE(has("hdfs://nn:8020/ml-pipeline/logs/" + job.tag + "/result.json"));
  EXPECT_NE(argv[std::find(argv.begin(), argv.end(), "--archives") - argv.begin() + 1].find(
                "#mlpipe_env"),
            std::string::npos);
  // The password went to a private properties file that is gone after submission, never to argv.
  EXPECT_TRUE(runner_->secrets_seen_);
  EXPECT_FALSE(PathExists(tmp_.path() / "work" / job.tag / "secret.properties"));
  for (const auto& a : argv) EXPECT_EQ(a.find("hunter2"), std::string::npos) << a;
  auto snapshot = ReadFile(job.config_path);
  ASSERT_TRUE(snapshot.ok());
  EXPECT_EQ(snapshot->find("hunter2"), std::string::npos);
  EXPECT_NE(snapshot->find("hdfs://nn:8020/ml-pipeline/data/training/churn"), std::string::npos);
  EXPECT_EQ(http_->RequestsTo("http://dn:9864/").size(), 1u);  // the archive's bytes went up once
  // uploaded under a staging name, then published
  EXPECT_EQ(http_->RequestsTo("op=RENAME").size(), 1u);
}

TEST_F(YarnBackendTest, AnArchiveAlreadyOnHdfsIsReused) {
  http_->On("GET", "/mlpipe-env/mlpipe-spark-env-",
            Answer(200, R"({"FileStatus":{"type":"FILE","length":13}})"));
  ScriptHdfs();
  ScriptRm("RUNNING");
  auto id = backend_->Submit(request_);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  EXPECT_TRUE(http_->RequestsTo("http://dn:9864/").empty());
  EXPECT_EQ(registry_->Get(*id)->state, store::JobState::kRunning);
}

TEST_F(YarnBackendTest, ASubmissionWithoutApplicationIdFailsTheJobWithSparkSubmitsOutput) {
  ScriptHdfs();
  runner_->output_ = "Exception in thread \"main\" org.apache.spark.SparkException: bad queue\n";
  runner_->exit_code_ = 1;
  auto id = backend_->Submit(request_);
  ASSERT_EQ(id.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(id.status().message().find("bad queue"), std::string::npos);
  EXPECT_NE(id.status().message().find("exited with code 1"), std::string::npos);
  auto jobs = registry_->List({});
  ASSERT_EQ(jobs->size(), 1u);
  EXPECT_EQ(jobs->front().state, store::JobState::kFailed);
  EXPECT_NE(jobs->front().diagnostics.find("bad queue"), std::string::npos);
}

// spark-submit exited 0 but printed no application id: the backend looks for the job's tag in the
// ResourceManager for 10 s (of the env's time: no real wait) before failing the job.
TEST_F(YarnBackendTest, AnApplicationIdNeitherPrintedNorTaggedFailsTheJobAfterTenSeconds) {
  ScriptHdfs();
  runner_->output_ = "spark-submit said nothing useful\n";
  runner_->exit_code_ = 0;
  http_->On("GET", "applicationTags=", Answer(200, R"({"apps":null})"));
  const auto start = env_.SteadyNow();
  auto id = backend_->Submit(request_);
  ASSERT_EQ(id.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(id.status().message().find("none tagged mlpipe-"), std::string::npos)
      << id.status().message();
  EXPECT_EQ(env_.SteadyNow() - start, std::chrono::seconds(10));
  EXPECT_EQ(registry_->List({})->front().state, store::JobState::kFailed);
}

TEST_F(YarnBackendTest, MissingInputIsNotFoundBeforeAnythingIsRecorded) {
  http_->On("GET", "op=GETFILESTATUS",
            RemoteError(404, "FileNotFoundException", "File does not exist"));
  auto id = backend_->Submit(request_);
  ASSERT_EQ(id.status().code(), StatusCode::kNotFound);
  EXPECT_NE(id.status().message().find("data_config.training_data_path"), std::string::npos);
  EXPECT_TRUE(registry_->List({})->empty());
  EXPECT_TRUE(runner_->argv_.empty());
}

}  // namespace
}  // namespace mlpipe::backends::yarn

namespace mlpipe::backends::yarn {
namespace {

TEST_F(YarnBackendTest, DryRunAsksNothingOfTheClusterAndShowsNoSecret) {
  auto plan = backend_->DryRun(request_);  // the fake HTTP client fails the test on any request
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_TRUE(http_->requests().empty());
  EXPECT_NE(plan->find("--deploy-mode cluster"), std::string::npos);
  EXPECT_NE(plan->find("spark.ssl.keyStorePassword=******"), std::string::npos);
  EXPECT_EQ(plan->find("hunter2"), std::string::npos);
  EXPECT_TRUE(registry_->List({})->empty());
  EXPECT_TRUE(runner_->argv_.empty());
}

}  // namespace
}  // namespace mlpipe::backends::yarn
