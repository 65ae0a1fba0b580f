#include "backends/worker_supervisor.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <sstream>
#include <thread>

#include "mlpipe_testing/temp_dir.h"
#include "util/process.h"

namespace mlpipe::backends {
namespace {

using store::FinalStatus;
using store::JobRecord;
using store::JobState;

class WorkerSupervisorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto reg = store::Registry::Open(dir_.path() / "registry.db", SystemClock::Instance());
    ASSERT_TRUE(reg.ok()) << reg.status().ToString();
    registry_ = std::move(*reg);
    JobRecord draft;
    draft.name = "fake";
    draft.job_type = "training";
    draft.log_path = (dir_.path() / "job.log").string();
    app_id_ = registry_->Create(draft)->app_id;
  }

  int Supervise(const JobFunction& job, std::optional<int64_t> timeout = std::nullopt,
                LocalEnv& env = SystemEnv()) {
    SupervisorOptions options;
    options.timeout_seconds = timeout;
    options.kill_grace = std::chrono::milliseconds(500);
    options.poll_interval = std::chrono::milliseconds(20);
    options.logger = &logger_;
    return SuperviseJob(*registry_, app_id_, job, options, env);
  }
  JobRecord Record() { return *registry_->Get(app_id_); }

  mlpipe::testing::TempDir dir_;  // the forked workers _exit: only this process removes it
  std::unique_ptr<store::Registry> registry_;
  std::string app_id_;
  std::ostringstream log_;
  Logger logger_{log_};
};

TEST_F(WorkerSupervisorTest, SuccessfulJobFinishesSucceeded) {
  const pid_t self = ::getpid();
  const int code = Supervise([self](ProgressReporter& progress) {
    if (::getpid() == self) return Status::Internal("the job must run in a forked worker");
    progress.Report(0.5, "halfway");
    return Status::OK();
  });
  EXPECT_EQ(code, 0) << log_.str();
  JobRecord r = Record();
  EXPECT_EQ(r.state, JobState::kFinished);
  EXPECT_EQ(r.final_status, FinalStatus::kSucceeded);
  EXPECT_DOUBLE_EQ(r.progress, 1.0);
  EXPECT_EQ(r.progress_message, "halfway");
  EXPECT_EQ(r.supervisor_pid, self);
  EXPECT_GT(r.worker_pid, 0);
  EXPECT_NE(r.worker_pid, self);
  EXPECT_GT(r.started_ms, 0);
  EXPECT_GE(r.finished_ms, r.started_ms);
  EXPECT_NE(log_.str().find("-> ACCEPTED"), std::string::npos) << log_.str();
  // The worker's own lines go to its copy of the logger (in production: the shared log file).
  EXPECT_NE(
      log_.str().find("worker process " + std::to_string(r.worker_pid) + " exited with code 0"),
      std::string::npos)
      << log_.str();
}

TEST_F(WorkerSupervisorTest, FailingJobRecordsItsMessage) {
  const int code = Supervise([](ProgressReporter&) {
    return Status::DataError("column 'churn' not found in data/training/part-0.csv");
  });
  EXPECT_EQ(code, 1);
  JobRecord r = Record();
  EXPECT_EQ(r.state, JobState::kFailed);
  EXPECT_EQ(r.final_status, FinalStatus::kFailed);
  EXPECT_EQ(r.diagnostics, "column 'churn' not found in data/training/part-0.csv");
}

TEST_F(WorkerSupervisorTest, CancelledJobIsKilled) {
  EXPECT_EQ(Supervise([](ProgressReporter&) { return Status::Cancelled("stopped at fold 2"); }), 1);
  EXPECT_EQ(Record().state, JobState::kKilled);
  EXPECT_EQ(Record().final_status, FinalStatus::kKilled);
}

TEST_F(WorkerSupervisorTest, ThrowingJobFails) {
  EXPECT_EQ(Supervise([](ProgressReporter&) -> Status { throw std::runtime_error("boom"); }), 1);
  EXPECT_EQ(Record().diagnostics, "the job threw an exception: boom");
}

TEST_F(WorkerSupervisorTest, WorkerKilledBySigkillIsFailedWithSignalDiagnostics) {
  const int code = Supervise([](ProgressReporter&) {
    ::kill(::getpid(), SIGKILL);  // what the OOM killer does
    return Status::OK();
  });
  EXPECT_EQ(code, 1);
  JobRecord r = Record();
  EXPECT_EQ(r.state, JobState::kFailed);
  EXPECT_EQ(r.diagnostics, "worker process " + std::to_string(r.worker_pid) +
                               " killed by signal 9 (SIGKILL); possibly out of memory (check "
                               "`dmesg` for the OOM killer) or killed outside mlpipe; see the job "
                               "log " +
                               (dir_.path() / "job.log").string());
}

TEST_F(WorkerSupervisorTest, WorkerExitingWithoutAFinalStateIsFailed) {
  EXPECT_EQ(Supervise([](ProgressReporter&) -> Status { ::_exit(3); }), 1);
  JobRecord r = Record();
  EXPECT_EQ(r.state, JobState::kFailed);
  EXPECT_NE(r.diagnostics.find(" exited with code 3 without recording a final state"),
            std::string::npos)
      << r.diagnostics;
}

// The timeout runs on the supervisor's LocalEnv: an hour of fake time passes in the polls' sleeps,
// while the worker really sleeps until it is stopped.
TEST_F(WorkerSupervisorTest, TimeoutStopsTheWorkerGroupAndFails) {
  FakeLocalEnv env;
  const auto start = std::chrono::steady_clock::now();
  const int code = Supervise(
      [](ProgressReporter&) {
        std::this_thread::sleep_for(std::chrono::seconds(30));
        return Status::OK();
      },
      3600, env);
  EXPECT_EQ(code, 1);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
  EXPECT_GE(env.SteadyNow().time_since_epoch(), std::chrono::hours(1));
  JobRecord r = Record();
  EXPECT_EQ(r.state, JobState::kFailed);
  EXPECT_EQ(r.diagnostics, "timeout 1h exceeded; worker process " + std::to_string(r.worker_pid) +
                               " and its children were stopped");
  EXPECT_TRUE(ProcessGroupMembers(static_cast<pid_t>(r.worker_pid)).empty());
}

TEST_F(WorkerSupervisorTest, JobAlreadyKilledBeforeStartIsNotRun) {
  ASSERT_TRUE(*registry_->Transition(app_id_, JobState::kKilled, FinalStatus::kKilled, "early"));
  bool ran = false;
  EXPECT_EQ(Supervise([&ran](ProgressReporter&) {
              ran = true;
              return Status::OK();
            }),
            1);
  EXPECT_FALSE(ran);
  EXPECT_EQ(Record().state, JobState::kKilled);
  EXPECT_EQ(Record().diagnostics, "early");
}

TEST_F(WorkerSupervisorTest, KilledInTheRegistryStopsTheWorker) {
  // The job kills itself through the registry, as `mlpipe kill` would from outside, and ignores
  // StopRequested: the supervisor notices the KILLED state and stops the worker group.
  const auto start = std::chrono::steady_clock::now();
  const int code = Supervise([this](ProgressReporter&) {
    auto own = store::Registry::Open(registry_->path(), SystemClock::Instance());
    if (!own.ok()) return own.status();
    (void)(*own)->Transition(app_id_, JobState::kKilled, FinalStatus::kKilled, "by test");
    std::this_thread::sleep_for(std::chrono::seconds(30));
    return Status::OK();
  });
  EXPECT_EQ(code, 1);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
  EXPECT_EQ(Record().state, JobState::kKilled);
  EXPECT_EQ(Record().diagnostics, "by test");
}

TEST_F(WorkerSupervisorTest, ReporterThrottlesWritesAndSeesStops) {
  ASSERT_TRUE(*registry_->Transition(app_id_, JobState::kRunning, FinalStatus::kUndefined, ""));
  FakeClock clock(1000);
  auto reg = store::Registry::Open(registry_->path(), clock);
  ASSERT_TRUE(reg.ok());
  RegistryProgressReporter reporter(**reg, app_id_, logger_);
  reporter.Report(0.1, "a");  // first report: written
  EXPECT_DOUBLE_EQ(Record().progress, 0.1);
  clock.Advance(100);
  reporter.Report(0.2, "b");  // within 250 ms: held back
  EXPECT_DOUBLE_EQ(Record().progress, 0.1);
  clock.Advance(150);
  reporter.Report(0.3, "c");  // 250 ms after the last write
  EXPECT_DOUBLE_EQ(Record().progress, 0.3);
  reporter.Report(0.4, "d");
  EXPECT_DOUBLE_EQ(Record().progress, 0.3);
  reporter.Flush();
  EXPECT_EQ(Record().progress_message, "d");
  reporter.Report(1.0, "done");  // always written
  EXPECT_DOUBLE_EQ(Record().progress, 1.0);

  EXPECT_FALSE(reporter.StopRequested());
  ASSERT_TRUE(*registry_->Transition(app_id_, JobState::kKilled, FinalStatus::kKilled, ""));
  EXPECT_FALSE(reporter.StopRequested());  // checked at most every 250 ms
  clock.Advance(250);
  EXPECT_TRUE(reporter.StopRequested());
}

}  // namespace
}  // namespace mlpipe::backends
