#include "backends/local_backend.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "mlpipe_testing/temp_dir.h"

namespace mlpipe::backends {
namespace {

using ::testing::HasSubstr;

// A data-processing job over <tmp>/warehouse/data/raw/churn.csv, submitted through a FakeLocalEnv:
// nothing starts and the config snapshot is written in memory.
class LocalBackendTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_.Write("warehouse/data/raw/churn.csv", "tenure,churn\n1,0\n2,1\n");
    auto registry = store::Registry::Open(dir_.path() / "registry.db", env_.wall_clock());
    ASSERT_TRUE(registry.ok()) << registry.status().ToString();
    registry_ = std::move(*registry);
    request_.type = config::JobType::kDataProcessing;
    request_.name = "churn-data";
    request_.user = "ana";
    request_.config.environment.warehouse_root = (dir_.path() / "warehouse").string();
    request_.redacted_config_yaml = "environment_config:\n  backend: local\n";
  }

  store::JobRecord OnlyJob() {
    auto jobs = registry_->List({});
    EXPECT_TRUE(jobs.ok() && jobs->size() == 1u);
    return jobs.ok() && !jobs->empty() ? jobs->front() : store::JobRecord{};
  }

  testing::TempDir dir_;
  FakeLocalEnv env_{1'700'000'000'000};
  std::unique_ptr<store::Registry> registry_;
  SubmitRequest request_;
};

TEST_F(LocalBackendTest, SubmitWritesTheRedactedSnapshotThenStartsTheWorker) {
  env_.spawn_result = 999'999'999;  // no such process: nothing to record as the supervisor
  LocalBackend backend(*registry_, env_);
  auto app_id = backend.Submit(request_);
  ASSERT_TRUE(app_id.ok()) << app_id.status().ToString();

  const store::JobRecord job = OnlyJob();
  EXPECT_EQ(job.app_id, *app_id);
  EXPECT_EQ(job.state, store::JobState::kSubmitted);
  EXPECT_EQ(env_.files().at(ConfigSnapshotPath(job)), request_.redacted_config_yaml);
  EXPECT_FALSE(fs::exists(ConfigSnapshotPath(job)));  // written through the env only
  ASSERT_EQ(env_.spawned().size(), 1u);
  EXPECT_EQ(env_.spawned()[0][1], "__worker");
  EXPECT_EQ(env_.spawned()[0][2], *app_id);
}

TEST_F(LocalBackendTest, ASnapshotThatCannotBeWrittenFailsTheJobAndStartsNothing) {
  env_.write_failure = Status::IOError("no space left on device");
  LocalBackend backend(*registry_, env_);
  auto app_id = backend.Submit(request_);
  ASSERT_FALSE(app_id.ok());
  EXPECT_THAT(app_id.status().message(), HasSubstr("no space left on device"));

  const store::JobRecord job = OnlyJob();
  EXPECT_EQ(job.state, store::JobState::kFailed);
  EXPECT_THAT(job.diagnostics, HasSubstr("cannot start the worker for " + job.app_id));
  EXPECT_THAT(job.diagnostics, HasSubstr("no space left on device"));
  EXPECT_TRUE(env_.spawned().empty());
  EXPECT_TRUE(env_.files().empty());
}

TEST_F(LocalBackendTest, LogsTailsTheJobLogOrSaysItIsGone) {
  LocalBackend backend(*registry_, env_);
  store::JobRecord job;
  job.app_id = "local_1_0001";
  job.log_path = "/logs/local_1_0001.log";
  ASSERT_TRUE(env_.WriteFileAtomic(job.log_path, "one\ntwo\nthree\n", 0644).ok());
  EXPECT_EQ(*backend.Logs(job, 2), "two\nthree\n");

  job.log_path = "/logs/gone.log";
  auto gone = backend.Logs(job, 2);
  ASSERT_EQ(gone.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(gone.status().message(), HasSubstr("the log of local_1_0001 is no longer available"));
}

}  // namespace
}  // namespace mlpipe::backends
