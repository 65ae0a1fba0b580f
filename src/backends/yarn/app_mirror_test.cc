#include "backends/yarn/app_mirror.h"

#include <gtest/gtest.h>

#include "mlpipe_testing/temp_dir.h"

namespace mlpipe::backends::yarn {
namespace {

using store::FinalStatus;
using store::JobState;

cluster::YarnApp App(std::string state, std::string final_status, double progress = 0) {
  cluster::YarnApp a;
  a.id = "application_1_0001";
  a.state = std::move(state);
  a.final_status = std::move(final_status);
  a.progress = progress;
  a.tracking_url = "http://rm:8088/proxy/application_1_0001/";
  a.allocated_mb = 2048;
  a.allocated_vcores = 2;
  return a;
}

TEST(MirrorOfTest, MapsYarnStatesAndFinalStatuses) {
  EXPECT_EQ(MirrorOf(App("NEW_SAVING", "UNDEFINED")).state, JobState::kSubmitted);
  EXPECT_EQ(MirrorOf(App("ACCEPTED", "UNDEFINED")).state, JobState::kAccepted);
  MirroredState running = MirrorOf(App("RUNNING", "UNDEFINED", 42));
  EXPECT_EQ(running.state, JobState::kRunning);
  EXPECT_DOUBLE_EQ(running.progress, 0.42);
  EXPECT_NE(running.cluster_json.find("\"allocated_mb\":2048"), std::string::npos);
  MirroredState ok = MirrorOf(App("FINISHED", "SUCCEEDED", 100));
  EXPECT_EQ(ok.state, JobState::kFinished);
  EXPECT_EQ(ok.final_status, FinalStatus::kSucceeded);
  EXPECT_EQ(MirrorOf(App("FINISHED", "FAILED")).final_status, FinalStatus::kFailed);
  EXPECT_EQ(MirrorOf(App("FINISHED", "UNDEFINED")).final_status, FinalStatus::kFailed);
  EXPECT_EQ(MirrorOf(App("FAILED", "FAILED")).state, JobState::kFailed);
  EXPECT_EQ(MirrorOf(App("KILLED", "KILLED")).final_status, FinalStatus::kKilled);
}

class MirrorAppTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto r = store::Registry::Open(tmp_.path() / "registry.db", clock_);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    registry_ = std::move(*r);
    store::JobRecord d;
    d.name = "j";
    d.job_type = "training";
    d.backend = "yarn";
    id_ = registry_->Create(d)->app_id;
  }
  mlpipe::testing::TempDir tmp_;
  FakeClock clock_{1700000000000};
  std::unique_ptr<store::Registry> registry_;
  std::string id_;
};

TEST_F(MirrorAppTest, AFinishedAppSeenBeforeRunningStillEndsFinished) {
  cluster::YarnApp app = App("FINISHED", "SUCCEEDED", 100);
  auto rec = MirrorApp(*registry_, id_, app);
  ASSERT_TRUE(rec.ok()) << rec.status().ToString();
  EXPECT_EQ(rec->state, JobState::kFinished);
  EXPECT_EQ(rec->final_status, FinalStatus::kSucceeded);
  EXPECT_GT(rec->started_ms, 0);
  EXPECT_NE(rec->cluster_json.find("tracking_url"), std::string::npos);
}

TEST_F(MirrorAppTest, FailureKeepsYarnDiagnosticsAndAKilledRecordStaysKilled) {
  cluster::YarnApp failed = App("FAILED", "FAILED");
  failed.diagnostics = "User application exited with status 1";
  auto rec = MirrorApp(*registry_, id_, failed);
  ASSERT_TRUE(rec.ok());
  EXPECT_EQ(rec->state, JobState::kFailed);
  EXPECT_EQ(rec->diagnostics, "User application exited with status 1");
  // A later, different report does not move a terminal record.
  rec = MirrorApp(*registry_, id_, App("KILLED", "KILLED"));
  ASSERT_TRUE(rec.ok());
  EXPECT_EQ(rec->state, JobState::kFailed);
}

TEST_F(MirrorAppTest, RunningUpdatesProgress) {
  auto rec = MirrorApp(*registry_, id_, App("RUNNING", "UNDEFINED", 50));
  ASSERT_TRUE(rec.ok());
  EXPECT_EQ(rec->state, JobState::kRunning);
  EXPECT_DOUBLE_EQ(rec->progress, 0.5);
}

}  // namespace
}  // namespace mlpipe::backends::yarn
