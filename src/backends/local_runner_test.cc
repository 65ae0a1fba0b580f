#include "backends/local_runner.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

#include "backends/worker_supervisor.h"
#include "mlpipe_testing/temp_dir.h"
#include "util/process.h"

namespace mlpipe::backends {
namespace {

using store::FinalStatus;
using store::JobRecord;
using store::JobState;

constexpr const char* kFakeJobEnv = "MLPIPE_TEST_FAKE_JOB";

// When this test binary is started by SubmitLocalJob as `<self> __worker <app_id> --registry
// <db>` with MLPIPE_TEST_FAKE_JOB set, it plays `mlpipe __worker`: it supervises a fake job
// ("succeed", or "sleep": starts a `sleep` child and waits to be stopped) and exits before gtest.
int RunAsWorkerIfAsked() {
  const char* mode = std::getenv(kFakeJobEnv);
  if (mode == nullptr) return 0;
  std::ifstream in("/proc/self/cmdline");
  std::vector<std::string> args;
  for (std::string arg; std::getline(in, arg, '\0');) args.push_back(arg);
  if (args.size() != 5 || args[1] != "__worker") std::_Exit(3);
  auto registry = store::Registry::Open(args[4], SystemClock::Instance());
  if (!registry.ok()) std::_Exit(2);
  const std::string job = mode;
  const JobFunction run = [job](ProgressReporter& progress) {
    progress.Report(0.5, "fake job " + job);
    if (job != "sleep") return Status::OK();
    if (std::system("sleep 60 &") != 0) return Status::Internal("cannot start sleep");
    for (int i = 0; i < 600 && !progress.StopRequested(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return Status::Cancelled("stop requested");
  };
  const int code = SuperviseJob(**registry, args[2], run, SupervisorOptions(), SystemEnv());
  std::_Exit(code);
}

[[maybe_unused]] const int kWorkerExitCode = RunAsWorkerIfAsked();

class LocalRunnerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto reg = store::Registry::Open(dir_.path() / "registry.db", clock_);
    ASSERT_TRUE(reg.ok()) << reg.status().ToString();
    registry_ = std::move(*reg);
  }
  void TearDown() override {
    const std::vector<JobRecord> jobs = *registry_->List({});
    for (const auto& r : jobs) {
      for (int64_t pid : {r.worker_pid, r.supervisor_pid}) {
        if (pid > 0) (void)TerminateProcessGroup(static_cast<pid_t>(pid), {});
      }
    }
  }

  Result<JobRecord> Submit(const std::string& fake_job, fs::path exe = "/proc/self/exe") {
    if (exe == "/proc/self/exe") exe = fs::read_symlink(exe);
    JobRecord draft;
    draft.name = "fake-" + fake_job;
    draft.job_type = "training";
    return SubmitLocalJob(*registry_, draft,
                          {exe, dir_.path() / "logs", {{kFakeJobEnv, fake_job}}, {}}, SystemEnv());
  }
  // Polls the registry for up to 15 s until `pred` holds for the job.
  template <typename Pred>
  JobRecord WaitFor(const std::string& app_id, Pred pred) {
    JobRecord r;
    for (int i = 0; i < 750; ++i) {
      r = *registry_->Get(app_id);
      if (pred(r)) return r;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ADD_FAILURE() << "timed out waiting; last state " << store::JobStateName(r.state) << " "
                  << r.diagnostics;
    return r;
  }
  static bool Ended(const JobRecord& r) { return store::IsTerminal(r.state); }
  static bool RunningWithChild(const JobRecord& r) {
    return r.state == JobState::kRunning && r.progress > 0 &&
           ProcessGroupMembers(static_cast<pid_t>(r.worker_pid)).size() >= 2;
  }
  static std::string ReadText(const fs::path& p) {
    std::ifstream in(p);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }

  mlpipe::testing::TempDir dir_;  // removed after TearDown stopped the detached processes
  SystemClock clock_;
  std::unique_ptr<store::Registry> registry_;
};

// The worker is started through the LocalEnv: the command is `mlpipe __worker <id> --registry
// <db>`, and a worker that cannot start leaves the job FAILED with the reason.
TEST_F(LocalRunnerTest, AWorkerThatCannotStartFailsTheJobWithTheReason) {
  FakeLocalEnv env;
  env.spawn_result = Status::IOError("fork: resource temporarily unavailable");
  JobRecord draft;
  draft.name = "never-started";
  draft.job_type = "training";
  LocalLaunch launch;
  launch.mlpipe_exe = "/opt/mlpipe/bin/mlpipe";
  launch.log_dir = dir_.path();
  auto submitted = SubmitLocalJob(*registry_, draft, launch, env);
  ASSERT_FALSE(submitted.ok());
  EXPECT_NE(submitted.status().message().find("fork: resource temporarily unavailable"),
            std::string::npos);
  const JobRecord r = registry_->List({})->front();
  EXPECT_EQ(r.state, JobState::kFailed);
  EXPECT_EQ(r.diagnostics,
            "cannot start the worker for " + r.app_id + ": fork: resource temporarily unavailable");
  EXPECT_EQ(r.supervisor_pid, 0);
  ASSERT_EQ(env.spawned().size(), 1u);
  EXPECT_EQ(env.spawned()[0], WorkerArgv("/opt/mlpipe/bin/mlpipe", r.app_id, registry_->path()));
}

TEST_F(LocalRunnerTest, WorkerArgvNamesTheRegistry) {
  EXPECT_EQ(WorkerArgv("/usr/bin/mlpipe", "application_1_0001", "/h/registry.db"),
            (std::vector<std::string>{"/usr/bin/mlpipe", "__worker", "application_1_0001",
                                      "--registry", "/h/registry.db"}));
}

TEST_F(LocalRunnerTest, SubmittedJobRunsDetachedToSuccess) {
  Result<JobRecord> submitted = Submit("succeed");
  ASSERT_TRUE(submitted.ok()) << submitted.status().ToString();
  EXPECT_EQ(submitted->backend, "local");
  EXPECT_GT(submitted->supervisor_pid, 0);
  EXPECT_EQ(submitted->log_path, (dir_.path() / "logs" / (submitted->app_id + ".log")).string());
  JobRecord r = WaitFor(submitted->app_id, Ended);
  EXPECT_EQ(r.state, JobState::kFinished) << r.diagnostics;
  EXPECT_EQ(r.final_status, FinalStatus::kSucceeded);
  EXPECT_EQ(r.progress_message, "fake job succeed");
  const std::string log = ReadText(r.log_path);
  EXPECT_NE(log.find(r.app_id + " -> ACCEPTED by supervisor process " +
                     std::to_string(submitted->supervisor_pid)),
            std::string::npos)
      << log;
  EXPECT_NE(log.find(r.app_id + " -> RUNNING in worker process"), std::string::npos) << log;
  EXPECT_NE(log.find(r.app_id + " -> FINISHED"), std::string::npos) << log;
}

TEST_F(LocalRunnerTest, SubmitWithAMissingBinaryFailsTheJob) {
  Result<JobRecord> submitted = Submit("succeed", dir_.path() / "no-such-mlpipe");
  ASSERT_FALSE(submitted.ok());
  EXPECT_NE(submitted.status().message().find("cannot execute '" +
                                              (dir_.path() / "no-such-mlpipe").string() + "'"),
            std::string::npos)
      << submitted.status().message();
  std::vector<JobRecord> all = *registry_->List({});
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].state, JobState::kFailed);
  EXPECT_NE(all[0].diagnostics.find("cannot start the worker for " + all[0].app_id),
            std::string::npos);
}

TEST_F(LocalRunnerTest, KillStopsEveryProcessAndRecordsKilled) {
  Result<JobRecord> submitted = Submit("sleep");
  ASSERT_TRUE(submitted.ok()) << submitted.status().ToString();
  JobRecord running = WaitFor(submitted->app_id, RunningWithChild);
  const std::vector<pid_t> job_group = ProcessGroupMembers(static_cast<pid_t>(running.worker_pid));

  Result<KillOutcome> killed =
      KillLocalJob(*registry_, running.app_id, "mlpipe kill", std::chrono::seconds(2));
  ASSERT_TRUE(killed.ok()) << killed.status().ToString();
  EXPECT_TRUE(killed->killed);
  EXPECT_EQ(killed->message, "killed application " + running.app_id);
  EXPECT_EQ(killed->record.state, JobState::kKilled);
  EXPECT_EQ(killed->record.final_status, FinalStatus::kKilled);
  EXPECT_EQ(killed->record.diagnostics, "killed by request (mlpipe kill)");
  EXPECT_TRUE(ProcessGroupMembers(static_cast<pid_t>(running.worker_pid)).empty());
  EXPECT_TRUE(ProcessGroupMembers(static_cast<pid_t>(running.supervisor_pid)).empty());
  for (pid_t p : job_group) EXPECT_FALSE(IsProcessAlive(p)) << p;
  EXPECT_FALSE(IsProcessAlive(static_cast<pid_t>(running.supervisor_pid)));

  Result<KillOutcome> again = KillLocalJob(*registry_, running.app_id, "mlpipe kill");
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->killed);
  EXPECT_EQ(again->message,
            "application " + running.app_id + " already finished with state KILLED");
  EXPECT_EQ(KillLocalJob(*registry_, "application_1_9999", "mlpipe kill").status().code(),
            StatusCode::kNotFound);
}

TEST_F(LocalRunnerTest, SigkilledWorkerIsRecordedAsFailedBySupervisor) {
  Result<JobRecord> submitted = Submit("sleep");
  ASSERT_TRUE(submitted.ok()) << submitted.status().ToString();
  JobRecord running = WaitFor(submitted->app_id, RunningWithChild);
  ASSERT_EQ(::kill(static_cast<pid_t>(running.worker_pid), SIGKILL), 0);
  JobRecord r = WaitFor(running.app_id, Ended);
  EXPECT_EQ(r.state, JobState::kFailed);
  EXPECT_NE(r.diagnostics.find("worker process " + std::to_string(running.worker_pid) +
                               " killed by signal 9 (SIGKILL); possibly out of memory"),
            std::string::npos)
      << r.diagnostics;
}

TEST_F(LocalRunnerTest, ReconcileFailsAJobWhoseProcessesAreGone) {
  Result<JobRecord> submitted = Submit("sleep");
  ASSERT_TRUE(submitted.ok()) << submitted.status().ToString();
  JobRecord running = WaitFor(submitted->app_id, RunningWithChild);
  Result<JobRecord> alive = ReconcileLocalJob(*registry_, running);
  ASSERT_TRUE(alive.ok());
  EXPECT_EQ(alive->state, JobState::kRunning);

  // kill -9 of the whole tree: nobody is left to record anything.
  ASSERT_EQ(::killpg(static_cast<pid_t>(running.supervisor_pid), SIGKILL), 0);
  ASSERT_EQ(::killpg(static_cast<pid_t>(running.worker_pid), SIGKILL), 0);
  for (int i = 0; i < 250 && (IsProcessAlive(static_cast<pid_t>(running.worker_pid)) ||
                              IsProcessAlive(static_cast<pid_t>(running.supervisor_pid)));
       ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  Result<JobRecord> r = ReconcileLocalJob(*registry_, running);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->state, JobState::kFailed);
  EXPECT_EQ(r->diagnostics, "worker process " + std::to_string(running.worker_pid) +
                                " is gone (killed or crashed) without recording a final state; "
                                "see the job log " +
                                running.log_path);
}

TEST_F(LocalRunnerTest, ReconcileFailsAJobThatNeverStartedAfterTheGrace) {
  JobRecord draft;
  draft.name = "orphan";
  JobRecord created = *registry_->Create(draft);
  Result<JobRecord> young = ReconcileLocalJob(*registry_, created, {}, std::chrono::seconds(60));
  ASSERT_TRUE(young.ok());
  EXPECT_EQ(young->state, JobState::kSubmitted);
  Result<JobRecord> old = ReconcileLocalJob(*registry_, created, {}, std::chrono::milliseconds(0));
  ASSERT_TRUE(old.ok());
  EXPECT_EQ(old->state, JobState::kFailed);
  EXPECT_NE(old->diagnostics.find("was never started"), std::string::npos);
}

TEST_F(LocalRunnerTest, ReconcileKeepsAStateRecordedMeanwhile) {
  JobRecord draft;
  draft.name = "raced";
  JobRecord stale = *registry_->Create(draft);
  stale.supervisor_pid = 999999;  // looks dead
  ASSERT_TRUE(
      *registry_->Transition(stale.app_id, JobState::kRunning, FinalStatus::kUndefined, ""));
  ASSERT_TRUE(
      *registry_->Transition(stale.app_id, JobState::kFinished, FinalStatus::kSucceeded, ""));
  Result<JobRecord> r = ReconcileLocalJob(*registry_, stale);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->state, JobState::kFinished);
}

}  // namespace
}  // namespace mlpipe::backends
