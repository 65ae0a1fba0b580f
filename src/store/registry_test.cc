#include "store/registry.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <fstream>
#include <set>
#include <thread>

#include "mlpipe_testing/temp_dir.h"

namespace mlpipe::store {
namespace {

class RegistryTest : public ::testing::Test {
 protected:
  std::unique_ptr<Registry> OpenOrDie() {
    auto r = Registry::Open(db_path_, clock_);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? std::move(*r) : nullptr;
  }
  static JobRecord Draft(std::string name, std::string type = "training") {
    JobRecord d;
    d.name = std::move(name);
    d.job_type = std::move(type);
    d.backend = "local";
    d.queue = "default";
    d.user = "alice";
    return d;
  }
  // Runs raw SQL against the database file, bypassing the Registry.
  void RawSql(const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(db_path_.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK)
        << sqlite3_errmsg(db);
    sqlite3_close(db);
  }

  mlpipe::testing::TempDir tmp_;
  const fs::path db_path_ = tmp_.path() / "sub" / "registry.db";  // Open creates "sub"
  FakeClock clock_{1732425121123};
};

TEST(JobStateTest, NamesAndParsing) {
  EXPECT_EQ(JobStateName(JobState::kRunning), "RUNNING");
  EXPECT_EQ(FinalStatusName(FinalStatus::kSucceeded), "SUCCEEDED");
  EXPECT_EQ(*ParseJobState("running"), JobState::kRunning);
  EXPECT_EQ(*ParseJobState(" KILLED "), JobState::kKilled);
  EXPECT_EQ(*ParseFinalStatus("undefined"), FinalStatus::kUndefined);
  Result<JobState> bad = ParseJobState("RUNING");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("did you mean 'RUNNING'"), std::string::npos)
      << bad.status().message();
  EXPECT_TRUE(IsTerminal(JobState::kFinished));
  EXPECT_TRUE(IsTerminal(JobState::kFailed));
  EXPECT_TRUE(IsTerminal(JobState::kKilled));
  EXPECT_FALSE(IsTerminal(JobState::kRunning));
  EXPECT_FALSE(IsTerminal(JobState::kSubmitted));
}

TEST_F(RegistryTest, CreateAssignsIdsTagAndSubmittedState) {
  auto reg = OpenOrDie();
  ASSERT_TRUE(reg);
  EXPECT_EQ(reg->cluster_timestamp(), 1732425121123);
  JobRecord draft = Draft("churn-training");
  draft.config_path = "/tmp/c.yaml";
  draft.state = JobState::kRunning;  // ignored
  Result<JobRecord> a = reg->Create(draft);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->app_id, "application_1732425121123_0001");
  EXPECT_EQ(a->state, JobState::kSubmitted);
  EXPECT_EQ(a->final_status, FinalStatus::kUndefined);
  EXPECT_EQ(a->submitted_ms, 1732425121123);
  EXPECT_EQ(a->tag.rfind("mlpipe-1732425121123-0001-", 0), 0u) << a->tag;
  EXPECT_EQ(a->tag.size(), std::string("mlpipe-1732425121123-0001-").size() + 8);

  Result<JobRecord> got = reg->Get(a->app_id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->name, "churn-training");
  EXPECT_EQ(got->user, "alice");
  EXPECT_EQ(got->config_path, "/tmp/c.yaml");
  EXPECT_EQ(got->tag, a->tag);
  EXPECT_EQ(got->attempt, 1);

  JobRecord tagged = Draft("x");
  tagged.tag = "given-tag";
  Result<JobRecord> b = reg->Create(tagged);
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->app_id, "application_1732425121123_0002");
  EXPECT_EQ(b->tag, "given-tag");
}

TEST_F(RegistryTest, ClusterTimestampIsFixedAcrossOpens) {
  { ASSERT_TRUE(OpenOrDie()); }
  clock_.Advance(60000);
  auto reg = OpenOrDie();
  ASSERT_TRUE(reg);
  EXPECT_EQ(reg->cluster_timestamp(), 1732425121123);
  EXPECT_EQ(reg->Create(Draft("j"))->app_id, "application_1732425121123_0001");
}

TEST_F(RegistryTest, GetUnknownIdIsNotFoundNamingTheRegistry) {
  auto reg = OpenOrDie();
  Result<JobRecord> r = reg->Get("application_1_0042");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(r.status().message(), "no application application_1_0042 in registry " +
                                      db_path_.string() +
                                      "; run `mlpipe list` to see the known applications");
}

TEST_F(RegistryTest, SequenceIsNeverReusedAfterDeletes) {
  auto reg = OpenOrDie();
  ASSERT_TRUE(reg->Create(Draft("a")).ok());
  ASSERT_TRUE(reg->Create(Draft("b")).ok());
  RawSql("DELETE FROM jobs");
  EXPECT_EQ(reg->Create(Draft("c"))->app_id, "application_1732425121123_0003");
}

TEST_F(RegistryTest, TransitionsMoveForwardAndStampTimes) {
  auto reg = OpenOrDie();
  const std::string id = reg->Create(Draft("a"))->app_id;
  clock_.Advance(1000);
  EXPECT_TRUE(*reg->Transition(id, JobState::kAccepted, FinalStatus::kUndefined, ""));
  clock_.Advance(1000);
  EXPECT_TRUE(*reg->Transition(id, JobState::kRunning, FinalStatus::kUndefined, ""));
  ASSERT_TRUE(reg->UpdateProgress(id, 0.25, "reading data").ok());
  JobRecord r = *reg->Get(id);
  EXPECT_EQ(r.state, JobState::kRunning);
  EXPECT_EQ(r.started_ms, 1732425123123);
  EXPECT_EQ(r.finished_ms, 0);
  EXPECT_DOUBLE_EQ(r.progress, 0.25);
  EXPECT_EQ(r.progress_message, "reading data");
  clock_.Advance(5000);
  EXPECT_TRUE(*reg->Transition(id, JobState::kFinished, FinalStatus::kSucceeded, ""));
  r = *reg->Get(id);
  EXPECT_EQ(r.state, JobState::kFinished);
  EXPECT_EQ(r.final_status, FinalStatus::kSucceeded);
  EXPECT_EQ(r.finished_ms, 1732425128123);
  EXPECT_DOUBLE_EQ(r.progress, 1.0);
}

TEST_F(RegistryTest, TransitionIsCompareAndSetAfterTerminal) {
  auto reg = OpenOrDie();
  const std::string id = reg->Create(Draft("a"))->app_id;
  EXPECT_TRUE(*reg->Transition(id, JobState::kKilled, FinalStatus::kKilled, "killed by user"));
  Result<bool> again = reg->Transition(id, JobState::kFailed, FinalStatus::kFailed, "late");
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(*again);
  EXPECT_FALSE(*reg->Transition(id, JobState::kRunning, FinalStatus::kUndefined, ""));
  JobRecord r = *reg->Get(id);
  EXPECT_EQ(r.state, JobState::kKilled);
  EXPECT_EQ(r.diagnostics, "killed by user");
  // Progress after the end is ignored.
  EXPECT_TRUE(reg->UpdateProgress(id, 0.9, "late").ok());
  EXPECT_DOUBLE_EQ(reg->Get(id)->progress, 0.0);
}

TEST_F(RegistryTest, IllegalTransitionsAreInvalidArgument) {
  auto reg = OpenOrDie();
  const std::string id = reg->Create(Draft("a"))->app_id;
  // FINISHED needs RUNNING first.
  Result<bool> r = reg->Transition(id, JobState::kFinished, FinalStatus::kSucceeded, "");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  ASSERT_TRUE(*reg->Transition(id, JobState::kRunning, FinalStatus::kUndefined, ""));
  r = reg->Transition(id, JobState::kAccepted, FinalStatus::kUndefined, "");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("RUNNING -> ACCEPTED"), std::string::npos);
  EXPECT_FALSE(reg->Transition(id, JobState::kRunning, FinalStatus::kUndefined, "").ok());
  // Final status must fit the state.
  EXPECT_FALSE(reg->Transition(id, JobState::kFailed, FinalStatus::kSucceeded, "").ok());
  EXPECT_FALSE(reg->Transition(id, JobState::kFinished, FinalStatus::kUndefined, "").ok());
  EXPECT_FALSE(reg->Transition(id, JobState::kRunning, FinalStatus::kFailed, "").ok());
  EXPECT_EQ(reg->Get(id)->state, JobState::kRunning);
  EXPECT_EQ(reg->Transition("application_9_9999", JobState::kKilled, FinalStatus::kKilled, "")
                .status()
                .code(),
            StatusCode::kNotFound);
}

TEST_F(RegistryTest, SettersUpdateFieldsAndReportUnknownIds) {
  auto reg = OpenOrDie();
  const std::string id = reg->Create(Draft("a"))->app_id;
  ASSERT_TRUE(reg->SetSupervisor(id, 100, 5000).ok());
  ASSERT_TRUE(reg->SetWorker(id, 101, 5001).ok());
  ASSERT_TRUE(reg->SetOutputs(id, R"({"model":"m/v1"})").ok());
  ASSERT_TRUE(reg->SetLogPath(id, "/w/logs/a.log").ok());
  ASSERT_TRUE(reg->SetConfigPath(id, "/w/configs/a.yaml").ok());
  ASSERT_TRUE(reg->UpdateProgress(id, 7.0, "clamped").ok());
  JobRecord r = *reg->Get(id);
  EXPECT_EQ(r.supervisor_pid, 100);
  EXPECT_EQ(r.supervisor_start_time, 5000);
  EXPECT_EQ(r.worker_pid, 101);
  EXPECT_EQ(r.worker_start_time, 5001);
  EXPECT_EQ(r.outputs_json, R"({"model":"m/v1"})");
  EXPECT_EQ(r.log_path, "/w/logs/a.log");
  EXPECT_EQ(r.config_path, "/w/configs/a.yaml");
  EXPECT_DOUBLE_EQ(r.progress, 1.0);
  EXPECT_EQ(reg->SetWorker("nope", 1, 1).code(), StatusCode::kNotFound);
  EXPECT_EQ(reg->UpdateProgress("nope", 0.5, "").code(), StatusCode::kNotFound);
}

TEST_F(RegistryTest, AdoptAppIdRenamesTheJobAndRefusesTakenIds) {
  auto reg = OpenOrDie();
  const JobRecord a = *reg->Create(Draft("a"));
  const std::string b = reg->Create(Draft("b"))->app_id;
  ASSERT_TRUE(reg->AdoptAppId(a.app_id, "application_1700000000000_0042").ok());
  JobRecord adopted = *reg->Get("application_1700000000000_0042");
  EXPECT_EQ(adopted.name, "a");
  EXPECT_EQ(adopted.tag, a.tag);
  EXPECT_EQ(reg->Get(a.app_id).status().code(), StatusCode::kNotFound);
  Status taken = reg->AdoptAppId(b, "application_1700000000000_0042");
  EXPECT_EQ(taken.code(), StatusCode::kAlreadyExists);
  EXPECT_NE(taken.message().find("application_1700000000000_0042"), std::string::npos);
  EXPECT_EQ(reg->AdoptAppId("nope", "application_1_2").code(), StatusCode::kNotFound);
  ASSERT_TRUE(reg->SetClusterInfo(b, R"({"tracking_url":"http://rm/app"})").ok());
  EXPECT_EQ(reg->Get(b)->cluster_json, R"({"tracking_url":"http://rm/app"})");
}

TEST_F(RegistryTest, MigratesAVersion1DatabaseKeepingItsJobs) {
  std::string id;
  {
    auto reg = OpenOrDie();
    id = reg->Create(Draft("old"))->app_id;
  }
  // Turn the file back into what a version-1 build wrote.
  RawSql("ALTER TABLE jobs DROP COLUMN cluster_json; UPDATE schema_version SET version = 1");
  auto reg = OpenOrDie();
  ASSERT_TRUE(reg);
  JobRecord r = *reg->Get(id);
  EXPECT_EQ(r.name, "old");
  EXPECT_EQ(r.cluster_json, "");
}

TEST_F(RegistryTest, ListFiltersAndOrdersNewestFirst) {
  auto reg = OpenOrDie();
  const std::string a = reg->Create(Draft("churn-train", "training"))->app_id;
  const std::string b = reg->Create(Draft("churn-predict", "prediction"))->app_id;
  const std::string c = reg->Create(Draft("other-train", "training"))->app_id;
  ASSERT_TRUE(*reg->Transition(b, JobState::kRunning, FinalStatus::kUndefined, ""));
  auto ids = [](const std::vector<JobRecord>& rs) {
    std::vector<std::string> out;
    for (const auto& r : rs) out.push_back(r.app_id);
    return out;
  };
  auto list = [&](auto&& edit) {
    ListFilter f;
    edit(f);
    return ids(*reg->List(f));
  };
  using Ids = std::vector<std::string>;
  EXPECT_EQ(list([](ListFilter&) {}), (Ids{c, b, a}));
  EXPECT_EQ(list([](ListFilter& f) { f.job_type = "training"; }), (Ids{c, a}));
  EXPECT_EQ(list([](ListFilter& f) { f.name_contains = "churn"; }), (Ids{b, a}));
  EXPECT_EQ(list([](ListFilter& f) { f.states = {JobState::kRunning}; }), (Ids{b}));
  EXPECT_EQ(list([](ListFilter& f) {
              f.states = {JobState::kSubmitted, JobState::kRunning};
              f.limit = 2;
            }),
            (Ids{c, b}));
  EXPECT_TRUE(list([](ListFilter& f) { f.name_contains = "%"; }).empty());  // no LIKE wildcards
  EXPECT_EQ(list([](ListFilter& f) { f.queue = "default"; }), (Ids{c, b, a}));
  EXPECT_TRUE(list([](ListFilter& f) { f.queue = "ml"; }).empty());
  EXPECT_EQ(list([](ListFilter& f) { f.user = "alice"; }), (Ids{c, b, a}));
  EXPECT_TRUE(list([](ListFilter& f) { f.user = "bob"; }).empty());
}

TEST_F(RegistryTest, RefusesANewerSchemaVersion) {
  { ASSERT_TRUE(OpenOrDie()); }
  RawSql("UPDATE schema_version SET version = 7");
  auto r = Registry::Open(db_path_, clock_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kIOError);
  EXPECT_NE(r.status().message().find("has schema version 7 but this mlpipe supports up to "
                                      "version 2; upgrade mlpipe"),
            std::string::npos)
      << r.status().message();
  EXPECT_NE(r.status().message().find(db_path_.string()), std::string::npos);
}

TEST_F(RegistryTest, ReopensAtTheCurrentSchemaVersion) {
  { ASSERT_TRUE(OpenOrDie()); }
  auto reg = OpenOrDie();
  ASSERT_TRUE(reg);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(db_path_.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(
      sqlite3_prepare_v2(db, "SELECT COUNT(*), MAX(version) FROM schema_version", -1, &st, nullptr),
      SQLITE_OK);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(st, 0), 1);
  EXPECT_EQ(sqlite3_column_int(st, 1), kRegistrySchemaVersion);
  sqlite3_finalize(st);
  sqlite3_close(db);
}

TEST_F(RegistryTest, CorruptFileIsAClearErrorNamingThePath) {
  fs::create_directories(db_path_.parent_path());
  {
    std::ofstream out(db_path_);
    out << std::string(8192, 'x');
  }
  auto r = Registry::Open(db_path_, clock_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kIOError);
  EXPECT_NE(r.status().message().find("job registry '" + db_path_.string() +
                                      "' is corrupt or not an SQLite database"),
            std::string::npos)
      << r.status().message();
}

TEST_F(RegistryTest, ConcurrentProcessesCreateDistinctIds) {
  { ASSERT_TRUE(OpenOrDie()); }
  constexpr int kProcs = 4, kJobsEach = 15;
  std::vector<pid_t> children;
  for (int p = 0; p < kProcs; ++p) {
    pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      SystemClock clock;
      auto reg = Registry::Open(db_path_, clock);
      if (!reg.ok()) ::_exit(2);
      for (int i = 0; i < kJobsEach; ++i) {
        auto rec = (*reg)->Create(Draft("p" + std::to_string(p)));
        if (!rec.ok()) ::_exit(3);
        if (!(*reg)->Transition(rec->app_id, JobState::kRunning, FinalStatus::kUndefined, "").ok())
          ::_exit(4);
        if (!(*reg)->UpdateProgress(rec->app_id, 0.5, "half").ok()) ::_exit(5);
      }
      ::_exit(0);
    }
    children.push_back(pid);
  }
  // This process writes at the same time through its own connection, from two threads.
  std::vector<std::thread> threads;
  for (int t = 0; t < 2; ++t) {
    threads.emplace_back([this] {
      auto reg = Registry::Open(db_path_, clock_);
      ASSERT_TRUE(reg.ok()) << reg.status().ToString();
      for (int i = 0; i < kJobsEach; ++i) ASSERT_TRUE((*reg)->Create(Draft("thread")).ok());
    });
  }
  for (auto& t : threads) t.join();
  for (pid_t pid : children) {
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
  }
  auto reg = OpenOrDie();
  auto all = *reg->List({});
  ASSERT_EQ(all.size(), static_cast<size_t>((kProcs + 2) * kJobsEach));
  std::set<std::string> ids, tags;
  for (const auto& r : all) {
    ids.insert(r.app_id);
    tags.insert(r.tag);
  }
  EXPECT_EQ(ids.size(), all.size());
  EXPECT_EQ(tags.size(), all.size());
  EXPECT_EQ(all.front().app_id, "application_1732425121123_0090");
  ListFilter running;
  running.states = {JobState::kRunning};
  EXPECT_EQ(reg->List(running)->size(), static_cast<size_t>(kProcs * kJobsEach));
}

TEST_F(RegistryTest, RefusesUseFromAForkedChild) {
  auto reg = OpenOrDie();
  ASSERT_NE(reg, nullptr);
  auto job = reg->Create(Draft("forked"));
  ASSERT_TRUE(job.ok());
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    // The parent's connection must refuse to work here, naming the call, and change nothing.
    Result<bool> moved =
        reg->Transition(job->app_id, JobState::kFailed, FinalStatus::kFailed, "from the child");
    const bool refused =
        !moved.ok() && moved.status().code() == StatusCode::kInternal &&
        moved.status().message().find("must not cross fork()") != std::string::npos;
    reg.reset();  // must not close the parent's connection
    ::_exit(refused ? 0 : 1);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0) << "the child could use the parent's connection";
  auto after = reg->Get(job->app_id);
  ASSERT_TRUE(after.ok()) << after.status().ToString();
  EXPECT_EQ(after->state, JobState::kSubmitted);
  EXPECT_TRUE(reg->UpdateProgress(job->app_id, 0.5, "parent still works").ok());
}

// An error whose code is IOError (exit 7) and whose message holds every one of `parts`.
void ExpectIOError(const Status& st, std::initializer_list<std::string> parts) {
  EXPECT_EQ(st.code(), StatusCode::kIOError) << st.ToString();
  for (const std::string& part : parts) {
    EXPECT_NE(st.message().find(part), std::string::npos)
        << "missing '" << part << "' in: " << st.message();
  }
}

TEST_F(RegistryTest, ADeletedDatabaseIsReportedNotStartedAnew) {
  auto reg = OpenOrDie();
  ASSERT_TRUE(reg);
  auto job = reg->Create(Draft("first"));
  ASSERT_TRUE(job.ok());
  ASSERT_TRUE(fs::exists(db_path_.string() + ".id"));
  fs::remove(db_path_);
  ExpectIOError(reg->UpdateProgress(job->app_id, 0.5, "still here?"),
                {db_path_.string(), "deleted"});
  ExpectIOError(Registry::Open(db_path_, clock_).status(),
                {db_path_.string(), "is missing", ".id", "start a new, empty registry"});
  EXPECT_FALSE(fs::exists(db_path_)) << "a new, empty registry was created in its place";
  reg.reset();
  fs::remove(db_path_.string() + ".id");  // the documented way to start anew
  EXPECT_TRUE(OpenOrDie());
}

TEST_F(RegistryTest, ACopiedOrRestoredDatabaseIsAdopted) {
  {
    auto reg = OpenOrDie();
    ASSERT_TRUE(reg && reg->Create(Draft("kept")).ok());
  }
  const fs::path copy = tmp_.path() / "copy.db";
  fs::copy_file(db_path_, copy);
  fs::rename(copy, db_path_);  // same database, another inode (a restore, or a moved home)
  auto reg = OpenOrDie();
  ASSERT_TRUE(reg);
  EXPECT_EQ(reg->List({})->size(), 1u);
}

TEST_F(RegistryTest, AReplacedDatabaseIsReported) {
  auto reg = OpenOrDie();
  ASSERT_TRUE(reg);
  auto job = reg->Create(Draft("first"));
  ASSERT_TRUE(job.ok());
  const fs::path other = tmp_.path() / "other" / "registry.db";
  { ASSERT_TRUE(Registry::Open(other, clock_).ok()); }
  fs::rename(other, db_path_);
  ExpectIOError(reg->Get(job->app_id).status(), {db_path_.string(), "replaced"});
  // Still open here: its write-ahead log lies next to the new file.
  ExpectIOError(Registry::Open(db_path_, clock_).status(),
                {db_path_.string(), "was replaced", "-wal"});
  reg.reset();
  fs::remove(db_path_.string() + "-wal");
  fs::remove(db_path_.string() + "-shm");
  ExpectIOError(Registry::Open(db_path_, clock_).status(),
                {db_path_.string(), "was replaced", ".id"});
}

TEST_F(RegistryTest, DamagedSchemaIsAClearErrorNamingTheFile) {
  const std::vector<std::pair<std::string, std::string>> damages = {
      {"DROP TABLE jobs", "table 'jobs' is missing"},
      {"ALTER TABLE jobs DROP COLUMN cluster_json", "column 'jobs.cluster_json' is missing"},
      {"DROP TABLE schema_version", "no schema version"},
      {"DELETE FROM meta", "cluster timestamp"},
      {"UPDATE schema_version SET version = -1", "schema version -1"},
  };
  for (const auto& [sql, expected] : damages) {
    fs::remove_all(db_path_.parent_path());
    { ASSERT_TRUE(OpenOrDie()); }
    RawSql(sql);
    ExpectIOError(Registry::Open(db_path_, clock_).status(), {db_path_.string(), expected});
  }
}

TEST_F(RegistryTest, AnUnknownStateIsAClearErrorNamingTheRecord) {
  auto reg = OpenOrDie();
  ASSERT_TRUE(reg);
  auto job = reg->Create(Draft("odd"));
  ASSERT_TRUE(job.ok());
  RawSql("UPDATE jobs SET state = 'PAUSED'");
  ExpectIOError(reg->Get(job->app_id).status(), {job->app_id, "state 'PAUSED'", db_path_.string()});
  ExpectIOError(reg->List({}).status(), {job->app_id, "state 'PAUSED'"});
  RawSql("UPDATE jobs SET state = 'RUNNING', final_status = 'MAYBE'");
  ExpectIOError(reg->Get(job->app_id).status(), {"final status 'MAYBE'"});
}

TEST_F(RegistryTest, BadBytesAreRecordedAndReadAsPrintableText) {
  auto reg = OpenOrDie();
  ASSERT_TRUE(reg);
  auto job = reg->Create(Draft(std::string("na\xffme\0x", 7)));
  ASSERT_TRUE(job.ok());
  ASSERT_TRUE(reg->Transition(job->app_id, JobState::kRunning, FinalStatus::kUndefined, "").ok());
  ASSERT_TRUE(reg->UpdateProgress(job->app_id, 0.5, "step \x1b[31m").ok());
  ASSERT_TRUE(
      reg->Transition(job->app_id, JobState::kFailed, FinalStatus::kFailed, "bad \xc3(").ok());
  RawSql("UPDATE jobs SET queue = CAST(x'71ff00' AS TEXT)");  // written by something else
  auto got = reg->Get(job->app_id);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->name, "na\xEF\xBF\xBDme\xEF\xBF\xBDx");
  EXPECT_EQ(got->progress_message, "step \xEF\xBF\xBD[31m");
  EXPECT_EQ(got->diagnostics, "bad \xEF\xBF\xBD(");
  EXPECT_EQ(got->queue, "q\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST_F(RegistryTest, FinishPublishingRecordsFinishedWithTheOutputsInOneStep) {
  auto reg = OpenOrDie();
  ASSERT_TRUE(reg);
  auto job = reg->Create(Draft("publish"));
  ASSERT_TRUE(job.ok());
  ASSERT_TRUE(reg->Transition(job->app_id, JobState::kRunning, FinalStatus::kUndefined, "").ok());
  auto failed = reg->FinishPublishing(
      job->app_id, []() -> Result<std::string> { return Status::IOError("disk full"); });
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(reg->Get(job->app_id)->state, JobState::kRunning);  // nothing recorded
  auto done = reg->FinishPublishing(
      job->app_id, []() -> Result<std::string> { return std::string(R"({"a":1})"); });
  ASSERT_TRUE(done.ok()) << done.status().ToString();
  EXPECT_TRUE(*done);
  auto r = reg->Get(job->app_id);
  EXPECT_EQ(r->state, JobState::kFinished);
  EXPECT_EQ(r->final_status, FinalStatus::kSucceeded);
  EXPECT_EQ(r->outputs_json, R"({"a":1})");
}

TEST_F(RegistryTest, AStoppedJobNeverPublishes) {
  auto reg = OpenOrDie();
  ASSERT_TRUE(reg);
  auto job = reg->Create(Draft("killed"));
  ASSERT_TRUE(job.ok());
  ASSERT_TRUE(reg->Transition(job->app_id, JobState::kRunning, FinalStatus::kUndefined, "").ok());
  ASSERT_TRUE(reg->Transition(job->app_id, JobState::kKilled, FinalStatus::kKilled, "kill").ok());
  bool published = false;
  auto done = reg->FinishPublishing(job->app_id, [&]() -> Result<std::string> {
    published = true;
    return std::string("{}");
  });
  ASSERT_TRUE(done.ok());
  EXPECT_FALSE(*done);
  EXPECT_FALSE(published);
  EXPECT_EQ(reg->Get(job->app_id)->state, JobState::kKilled);
}

TEST_F(RegistryTest, AKillDuringPublishingWaitsAndFindsTheJobFinished) {
  auto reg = OpenOrDie();
  ASSERT_TRUE(reg);
  auto job = reg->Create(Draft("race"));
  ASSERT_TRUE(job.ok());
  ASSERT_TRUE(reg->Transition(job->app_id, JobState::kRunning, FinalStatus::kUndefined, "").ok());
  std::atomic<bool> publishing{false};
  Result<bool> killed = false;
  std::thread killer([&] {
    while (!publishing) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    SystemClock clock;
    auto other = Registry::Open(db_path_, clock);
    ASSERT_TRUE(other.ok());
    killed = (*other)->Transition(job->app_id, JobState::kKilled, FinalStatus::kKilled, "kill");
  });
  auto done = reg->FinishPublishing(job->app_id, [&]() -> Result<std::string> {
    publishing = true;
    std::this_thread::sleep_for(std::chrono::milliseconds(300));  // the kill must wait meanwhile
    return std::string("{}");
  });
  killer.join();
  ASSERT_TRUE(done.ok() && *done);
  ASSERT_TRUE(killed.ok()) << killed.status().ToString();
  EXPECT_FALSE(*killed);  // it found the job FINISHED
  EXPECT_EQ(reg->Get(job->app_id)->state, JobState::kFinished);
}

TEST_F(RegistryTest, AProcessKilledWhilePublishingRecordsNothing) {
  auto reg = OpenOrDie();
  ASSERT_TRUE(reg);
  auto job = reg->Create(Draft("sigkill"));
  ASSERT_TRUE(job.ok());
  ASSERT_TRUE(reg->Transition(job->app_id, JobState::kRunning, FinalStatus::kUndefined, "").ok());
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    SystemClock clock;
    auto own = Registry::Open(db_path_, clock);
    if (!own.ok()) ::_exit(2);
    (void)(*own)->FinishPublishing(job->app_id, []() -> Result<std::string> {
      ::raise(SIGKILL);
      return std::string("{}");
    });
    ::_exit(3);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFSIGNALED(status));
  auto r = reg->Get(job->app_id);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->state, JobState::kRunning);
  EXPECT_EQ(r->outputs_json, "");
  EXPECT_TRUE(reg->Transition(job->app_id, JobState::kFailed, FinalStatus::kFailed, "x").ok());
}

}  // namespace
}  // namespace mlpipe::store
