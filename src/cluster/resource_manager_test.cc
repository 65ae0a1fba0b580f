#include "cluster/resource_manager.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "mlpipe_testing/fake_http.h"

namespace mlpipe::cluster {
namespace {

using testing::Answer;
using ::testing::ElementsAre;
using testing::FakeHttpClient;
using ::testing::HasSubstr;
using testing::RedirectTo;
using testing::RemoteError;

constexpr char kRm1[] = "http://rm1:8088";
constexpr char kRm2[] = "http://rm2:8088";
constexpr char kApp[] = "application_1700000000000_0007";

constexpr char kRunningApp[] = R"({"app":{
  "id":"application_1700000000000_0007","user":"alice","name":"mlpipe-training","queue":"ml-queue",
  "state":"RUNNING","finalStatus":"UNDEFINED","progress":42.5,"trackingUrl":"http://rm1:8088/proxy/x/",
  "diagnostics":"","applicationType":"SPARK","applicationTags":"mlpipe-job-abc,team-ml",
  "startedTime":1700000001000,"finishedTime":0,"elapsedTime":5000,"amContainerLogs":"http://nm1:8042/node/x",
  "amHostHttpAddress":"nm1:8042","allocatedMB":3072,"allocatedVCores":3,"runningContainers":2}})";

std::string AppsJson(const std::string& items) { return R"({"apps":{"app":[)" + items + "]}}"; }
std::string AppItem(const std::string& id, const std::string& tags, int64_t started) {
  return R"({"id":")" + id +
         R"(","state":"FINISHED","finalStatus":"SUCCEEDED","applicationTags":")" + tags +
         R"(","startedTime":)" + std::to_string(started) + "}";
}

TEST(ResourceManagerTest, GetAppParsesTheReport) {
  FakeHttpClient http;
  http.On("GET", "/ws/v1/cluster/apps/" + std::string(kApp), Answer(200, kRunningApp));
  ResourceManagerClient rm(http, {kRm1}, "alice");
  auto app = rm.GetApp(kApp);
  ASSERT_TRUE(app.ok()) << app.status().ToString();
  EXPECT_EQ(app->id, kApp);
  EXPECT_EQ(app->state, "RUNNING");
  EXPECT_EQ(app->final_status, "UNDEFINED");
  EXPECT_DOUBLE_EQ(app->progress, 42.5);
  EXPECT_EQ(app->queue, "ml-queue");
  EXPECT_THAT(app->tags, ElementsAre("mlpipe-job-abc", "team-ml"));
  EXPECT_EQ(app->started_ms, 1700000001000);
  EXPECT_EQ(app->allocated_mb, 3072);
  EXPECT_EQ(app->running_containers, 2);
  EXPECT_EQ(app->am_host_http_address, "nm1:8042");
  ASSERT_EQ(http.requests().size(), 1u);
  EXPECT_THAT(http.requests()[0].url, HasSubstr("user.name=alice"));
}

TEST(ResourceManagerTest, UnknownAppIsNotFoundNamingIdAndRm) {
  FakeHttpClient http;
  http.On("GET", "/apps/", RemoteError(404, "NotFoundException", "app with id: x not found"));
  ResourceManagerClient rm(http, {kRm1}, "alice");
  auto app = rm.GetApp(kApp);
  ASSERT_EQ(app.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(app.status().message(), HasSubstr(kApp));
  EXPECT_THAT(app.status().message(), HasSubstr(kRm1));
}

TEST(ResourceManagerTest, ListToleratesNullAppsAndSendsFilters) {
  FakeHttpClient http;
  http.On("GET", "/ws/v1/cluster/apps?", Answer(200, R"({"apps":null})"));
  ResourceManagerClient rm(http, {kRm1}, "alice");
  AppFilter filter;
  filter.states = {"RUNNING", "ACCEPTED"};
  filter.queue = "ml-queue";
  filter.limit = 5;
  auto apps = rm.ListApps(filter);
  ASSERT_TRUE(apps.ok()) << apps.status().ToString();
  EXPECT_TRUE(apps->empty());
  const std::string& url = http.requests().at(0).url;
  EXPECT_THAT(url, HasSubstr("states=RUNNING,ACCEPTED"));
  EXPECT_THAT(url, HasSubstr("queue=ml-queue"));
  EXPECT_THAT(url, HasSubstr("limit=5"));
}

TEST(ResourceManagerTest, ListAcceptsASingleAppAsAnObject) {
  FakeHttpClient http;
  http.On("GET", "/apps?",
          Answer(200, R"({"apps":{"app":)" + AppItem("application_1_0001", "t", 1) + "}}"));
  ResourceManagerClient rm(http, {kRm1}, "alice");
  auto apps = rm.ListApps({});
  ASSERT_TRUE(apps.ok()) << apps.status().ToString();
  ASSERT_EQ(apps->size(), 1u);
  EXPECT_EQ((*apps)[0].id, "application_1_0001");
  EXPECT_EQ((*apps)[0].final_status, "SUCCEEDED");
}

TEST(ResourceManagerTest, FindByTagMatchesLowerCaseAndPicksTheNewest) {
  FakeHttpClient http;
  // The RM may ignore the tag filter: the client filters again.
  http.On("GET", "/apps?",
          Answer(200, AppsJson(AppItem("application_1_0001", "mlpipe-job-x1", 100) + "," +
                               AppItem("application_1_0002", "other", 300) + "," +
                               AppItem("application_1_0003", "mlpipe-job-x1,more", 200))));
  ResourceManagerClient rm(http, {kRm1}, "alice");
  auto app = rm.FindByTag("MLPIPE-job-X1");
  ASSERT_TRUE(app.ok()) << app.status().ToString();
  EXPECT_EQ(app->id, "application_1_0003");
  EXPECT_THAT(http.requests().at(0).url, HasSubstr("applicationTags=mlpipe-job-x1"));
}

TEST(ResourceManagerTest, FindByTagWithoutMatchIsNotFound) {
  FakeHttpClient http;
  http.On("GET", "/apps?", Answer(200, R"({"apps":{}})"));
  ResourceManagerClient rm(http, {kRm1}, "alice");
  auto app = rm.FindByTag("mlpipe-job-none");
  ASSERT_EQ(app.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(app.status().message(), HasSubstr("mlpipe-job-none"));
}

TEST(ResourceManagerTest, FailsOverToTheNextRmAndRemembersTheActiveOne) {
  FakeHttpClient http;
  http.Unreachable(kRm1);
  http.On("GET", kRm2, Answer(200, kRunningApp));
  ResourceManagerClient rm(http, {kRm1, kRm2}, "alice");
  ASSERT_TRUE(rm.GetApp(kApp).ok());
  ASSERT_TRUE(rm.GetApp(kApp).ok());
  EXPECT_EQ(http.RequestsTo(kRm1).size(), 1u);  // the second call went straight to rm2
  EXPECT_EQ(http.RequestsTo(kRm2).size(), 2u);
}

TEST(ResourceManagerTest, StandbyRedirectMovesToTheNextRm) {
  FakeHttpClient http;
  http.On("GET", kRm1, RedirectTo(std::string(kRm2) + "/ws/v1/cluster/apps/" + kApp));
  http.On("GET", kRm2, Answer(200, kRunningApp));
  ResourceManagerClient rm(http, {kRm1, kRm2}, "alice");
  auto app = rm.GetApp(kApp);
  ASSERT_TRUE(app.ok()) << app.status().ToString();
  EXPECT_EQ(app->state, "RUNNING");
}

TEST(ResourceManagerTest, NoRmReachableIsUnavailableWithAHint) {
  FakeHttpClient http;
  http.Unreachable("http://rm");
  ResourceManagerClient rm(http, {kRm1, kRm2}, "alice");
  auto app = rm.GetApp(kApp);
  ASSERT_EQ(app.status().code(), StatusCode::kUnavailable);
  EXPECT_THAT(app.status().message(), HasSubstr("rm1"));
  EXPECT_THAT(app.status().message(), HasSubstr("rm2"));
  EXPECT_THAT(app.status().message(), HasSubstr("HADOOP_CONF_DIR"));
}

TEST(ResourceManagerTest, NoRmConfiguredIsAConfigError) {
  FakeHttpClient http;
  ResourceManagerClient rm(http, {}, "alice");
  EXPECT_EQ(rm.GetApp(kApp).status().code(), StatusCode::kConfigError);
  EXPECT_TRUE(http.requests().empty());
}

TEST(ResourceManagerTest, KillPutsKilledStateAsJson) {
  FakeHttpClient http;
  http.On("PUT", "/state", Answer(202, R"({"state":"RUNNING"})"));
  ResourceManagerClient rm(http, {kRm1}, "alice");
  ASSERT_TRUE(rm.Kill(kApp).ok());
  const auto& put = http.requests().at(0);
  EXPECT_EQ(put.method, "PUT");
  EXPECT_THAT(put.url,
              HasSubstr("/ws/v1/cluster/apps/" + std::string(kApp) + "/state?user.name=alice"));
  EXPECT_EQ(put.body, R"({"state":"KILLED"})");
  EXPECT_THAT(put.headers, ::testing::Contains(std::make_pair(std::string("Content-Type"),
                                                              std::string("application/json"))));
}

TEST(ResourceManagerTest, KillOfAFinishedAppIsOk) {
  FakeHttpClient http;
  http.On("PUT", "/state", RemoteError(400, "BadRequestException", "app already finished"));
  http.On("GET", "/apps/", Answer(200, R"({"app":{"id":"x","state":"FINISHED"}})"));
  ResourceManagerClient rm(http, {kRm1}, "alice");
  EXPECT_TRUE(rm.Kill(kApp).ok());
}

TEST(ResourceManagerTest, KillRefusedIsAClearError) {
  FakeHttpClient http;
  http.On("PUT", "/state",
          RemoteError(403, "ForbiddenException", "User bob cannot perform operation"));
  http.On("GET", "/apps/", Answer(200, kRunningApp));
  ResourceManagerClient rm(http, {kRm1}, "bob");
  const Status st = rm.Kill(kApp);
  ASSERT_FALSE(st.ok());
  EXPECT_THAT(st.message(), HasSubstr("refused to kill " + std::string(kApp)));
  EXPECT_THAT(st.message(), HasSubstr("User bob cannot perform operation"));
}

TEST(ResourceManagerTest, KerberosUsesNegotiateAndNoUserName) {
  FakeHttpClient http;
  http.On("GET", "/apps/", Answer(200, kRunningApp));
  ResourceManagerClient rm(http, {kRm1}, "alice", /*kerberos=*/true);
  ASSERT_TRUE(rm.GetApp(kApp).ok());
  EXPECT_TRUE(http.requests().at(0).negotiate);
  EXPECT_THAT(http.requests().at(0).url, ::testing::Not(HasSubstr("user.name")));
}

constexpr char kAm[] = "container_e01_1700000000000_0007_01_000001";
constexpr char kExec2[] = "container_e01_1700000000000_0007_01_000002";
constexpr char kExec3[] = "container_e01_1700000000000_0007_01_000003";

class ContainerLogsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    http_.On("GET", "/ws/v1/cluster/nodes",
             Answer(200, R"({"nodes":{"node":[{"nodeHTTPAddress":"nm1:8042","state":"RUNNING"},
                                               {"nodeHTTPAddress":"nm2:8042","state":"RUNNING"}]}})"));
    http_.On(
        "GET", "/appattempts",
        Answer(200, R"({"appAttempts":{"appAttempt":[{"id":1,"containerId":")" + std::string(kAm) +
                        R"(","nodeHttpAddress":"nm2:8042","appAttemptState":"RUNNING"}]}})"));
  }
  // After the test's own rules: any other container has no logs (what an NM answers).
  void NoOtherContainers() {
    http_.On("GET", "/logs",
             Answer(200, R"({"containerLogsInfo":{"logAggregationType":"LOCAL"}})"));
  }
  FakeHttpClient http_;
  ResourceManagerClient rm_{http_, {kRm1}, "alice"};
};

TEST_F(ContainerLogsTest, ReadsEveryContainerAmFirstWithObjectAndArrayShapes) {
  http_.On("GET", "nm1:8042/ws/v1/node/apps/",
           Answer(200, R"({"app":{"containerids":[")" + std::string(kExec2) + R"("]}})"));
  http_.On("GET", "nm2:8042/ws/v1/node/apps/",
           Answer(200, R"({"app":{"containerids":")" + std::string(kAm) + R"("}})"));
  // Jersey 1: an object; a single file as an object too.
  http_.On(
      "GET", "nm2:8042/ws/v1/node/containers/" + std::string(kAm) + "/logs",
      Answer(200, R"({"containerLogsInfo":{"containerLogInfo":{"fileName":"stderr","fileSize":"12"},
                                                "logAggregationType":"LOCAL"}})"));
  // Jersey 2 (YARN-11897): an array of entries.
  http_.On(
      "GET", "nm1:8042/ws/v1/node/containers/" + std::string(kExec2) + "/logs",
      Answer(200, R"([{"containerLogInfo":[{"fileName":"launch_container.sh"},{"fileName":"stderr"},
                                                {"fileName":"stdout"}],
                             "logAggregationType":"LOCAL"}])"));
  NoOtherContainers();
  http_.On("GET", "containerlogs/" + std::string(kAm) + "/stderr", Answer(200, "driver started\n"));
  http_.On("GET", "containerlogs/" + std::string(kExec2) + "/stdout", Answer(200, "task 1\n"));
  http_.On("GET", "containerlogs/" + std::string(kExec2) + "/stderr",
           Answer(200, "executor warn\n"));
  http_.On("GET", "containerlogs/" + std::string(kExec2) + "/launch_container.sh",
           Answer(200, "#!/bin/bash\n"));

  auto logs = rm_.ContainerLogs(kApp, 0);
  ASSERT_TRUE(logs.ok()) << logs.status().ToString();
  ASSERT_EQ(logs->size(), 4u);
  EXPECT_EQ((*logs)[0].container_id, kAm);
  EXPECT_EQ((*logs)[0].node_http_address, "nm2:8042");
  EXPECT_EQ((*logs)[0].text, "driver started\n");
  EXPECT_EQ((*logs)[1].file_name, "stdout");
  EXPECT_EQ((*logs)[1].text, "task 1\n");
  EXPECT_EQ((*logs)[2].file_name, "stderr");
  EXPECT_EQ((*logs)[2].container_id, kExec2);
  EXPECT_EQ((*logs)[2].node_http_address, "nm1:8042");
  EXPECT_EQ((*logs)[3].file_name, "launch_container.sh");  // stdout and stderr come first
}

TEST_F(ContainerLogsTest, FinishedAppIsFoundThroughItsAttemptsAndProbingAndUnwrapped) {
  // A finished app: the NM still knows it and keeps the logs, but lists no containers.
  http_.On("GET", "nm1:8042/ws/v1/node/apps/", Answer(404, ""));
  http_.On("GET", "nm2:8042/ws/v1/node/apps/",
           Answer(200, R"({"app":{"id":"x","state":"FINISHED"}})"));
  const std::string listing =
      R"({"containerLogsInfo":{"containerLogInfo":[{"fileName":"stdout"}]}})";
  http_.On("GET", "nm2:8042/ws/v1/node/containers/" + std::string(kAm) + "/logs",
           Answer(200, listing));
  http_.On("GET", "nm2:8042/ws/v1/node/containers/" + std::string(kExec3) + "/logs",
           Answer(200, listing));
  NoOtherContainers();  // 000002 ran on a NodeManager that is gone: a gap the probe steps over
  auto wrapped = [](const std::string& text) {
    return "Container: c on nm2\nLogAggregationType: LOCAL\n=====\nLogType:stdout\nLogLength:" +
           std::to_string(text.size()) + "\nLogContents:\n" + text +
           "End of LogType:stdout.\n*****\n";
  };
  http_.On("GET", "containerlogs/" + std::string(kAm) + "/stdout",
           Answer(200, wrapped("driver done\n")));
  http_.On("GET", "containerlogs/" + std::string(kExec3) + "/stdout",
           Answer(200, wrapped("executor done\n")));

  auto logs = rm_.ContainerLogs(kApp, 0);
  ASSERT_TRUE(logs.ok()) << logs.status().ToString();
  ASSERT_EQ(logs->size(), 2u);
  EXPECT_EQ((*logs)[0].container_id, kAm);
  EXPECT_EQ((*logs)[0].text, "driver done\n");
  EXPECT_EQ((*logs)[1].container_id, kExec3);
  EXPECT_EQ((*logs)[1].text, "executor done\n");
  // The probe stops: 4 misses + 2 per NodeManager that knows the app after the last container
  // found.
  EXPECT_EQ(http_.RequestsTo("_01_000009/logs").size(), 1u);
  EXPECT_TRUE(http_.RequestsTo("_01_000010/logs").empty());
  EXPECT_TRUE(http_.RequestsTo("nm1:8042/ws/v1/node/containers/").empty());
}

TEST_F(ContainerLogsTest, TailKeepsTheEndOfEachFile) {
  http_.On("GET", "nm1:8042/ws/v1/node/apps/", Answer(404, ""));
  http_.On("GET", "nm2:8042/ws/v1/node/apps/",
           Answer(200, R"({"app":{"containerids":[")" + std::string(kAm) + R"("]}})"));
  http_.On("GET", std::string(kAm) + "/logs",
           Answer(200, R"({"containerLogsInfo":[{"containerLogInfo":[{"fileName":"stdout"}]}]})"));
  NoOtherContainers();
  http_.On("GET", "containerlogs/", Answer(200, "0123456789"));
  auto logs = rm_.ContainerLogs(kApp, 4);
  ASSERT_TRUE(logs.ok()) << logs.status().ToString();
  ASSERT_EQ(logs->size(), 1u);
  EXPECT_EQ((*logs)[0].text, "6789");
  EXPECT_THAT(http_.RequestsTo("containerlogs/").at(0).url, HasSubstr("size=-4"));
}

TEST_F(ContainerLogsTest, NoNodeKnowsTheAppIsNotFoundWithAWayOut) {
  http_.On("GET", "/ws/v1/node/apps/", Answer(404, ""));
  NoOtherContainers();
  auto logs = rm_.ContainerLogs(kApp, 0);
  ASSERT_EQ(logs.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(logs.status().message(), HasSubstr("yarn logs -applicationId " + std::string(kApp)));
}

TEST_F(ContainerLogsTest, UnreachableNodeManagersAreReported) {
  http_.Unreachable("nm1:8042");
  http_.On("GET", "nm2:8042/ws/v1/node/apps/", Answer(404, ""));
  NoOtherContainers();
  auto logs = rm_.ContainerLogs(kApp, 0);
  ASSERT_EQ(logs.status().code(), StatusCode::kUnavailable);
  EXPECT_THAT(logs.status().message(), HasSubstr("nm1:8042"));
}

}  // namespace
}  // namespace mlpipe::cluster
