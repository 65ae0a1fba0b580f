#include "cluster/webhdfs.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "mlpipe_testing/fake_http.h"
#include "mlpipe_testing/temp_dir.h"
#include "util/fs.h"

namespace mlpipe::cluster {
namespace {

using testing::Answer;
using testing::FakeHttpClient;
using ::testing::HasSubstr;
using testing::RedirectTo;
using testing::RemoteError;

constexpr char kNn1[] = "http://nn1:9870";
constexpr char kNn2[] = "http://nn2:9870";
constexpr char kDn[] = "http://dn1:9864/webhdfs/v1";

std::string FileStatusJson(const std::string& suffix, const std::string& type, int64_t length,
                           const std::string& permission = "644") {
  return R"({"pathSuffix":")" + suffix + R"(","type":")" + type + R"(","length":)" +
         std::to_string(length) + R"(,"owner":"alice","group":"ml-team","permission":")" +
         permission +
         R"(","modificationTime":1700000000000,"replication":3,"blockSize":134217728})";
}

class WebHdfsTest : public ::testing::Test {
 protected:
  FakeHttpClient http_;
  WebHdfsClient hdfs_{http_, {kNn1}, "alice"};
  mlpipe::testing::TempDir dir_;
};

TEST_F(WebHdfsTest, StatParsesFileStatusAndSendsUserName) {
  http_.On("GET", "op=GETFILESTATUS",
           Answer(200, R"({"FileStatus":)" + FileStatusJson("", "DIRECTORY", 0, "755") + "}"));
  auto st = hdfs_.Stat("hdfs://nn1:8020/ml-pipeline/models/");
  ASSERT_TRUE(st.ok()) << st.status().ToString();
  EXPECT_TRUE(st->is_dir);
  EXPECT_EQ(st->permission, "755");
  EXPECT_EQ(st->owner, "alice");
  EXPECT_EQ(st->group, "ml-team");
  EXPECT_EQ(st->modification_ms, 1700000000000);
  EXPECT_EQ(http_.requests().at(0).url,
            std::string(kNn1) + "/webhdfs/v1/ml-pipeline/models?op=GETFILESTATUS&user.name=alice");
}

TEST_F(WebHdfsTest, ListReturnsEntriesAndEncodesThePath) {
  http_.On(
      "GET", "op=LISTSTATUS",
      Answer(200, R"({"FileStatuses":{"FileStatus":[)" + FileStatusJson("a b.csv", "FILE", 12) +
                      "," + FileStatusJson("sub", "DIRECTORY", 0) + "]}}"));
  auto entries = hdfs_.List("/data/my dir");
  ASSERT_TRUE(entries.ok()) << entries.status().ToString();
  ASSERT_EQ(entries->size(), 2u);
  EXPECT_EQ((*entries)[0].name, "a b.csv");
  EXPECT_FALSE((*entries)[0].is_dir);
  EXPECT_EQ((*entries)[0].length, 12);
  EXPECT_EQ((*entries)[0].replication, 3);
  EXPECT_TRUE((*entries)[1].is_dir);
  EXPECT_THAT(http_.requests().at(0).url, HasSubstr("/webhdfs/v1/data/my%20dir?op=LISTSTATUS"));
}

TEST_F(WebHdfsTest, RemoteExceptionsMapToClearStatuses) {
  http_.On("GET", "/missing",
           RemoteError(404, "FileNotFoundException", "File does not exist: /missing"));
  http_.On("GET", "/secret",
           RemoteError(403, "AccessControlException", "Permission denied: user=alice"));
  http_.On("PUT", "/busy", RemoteError(403, "SafeModeException", "Name node is in safe mode."));
  http_.On("PUT", "/bad",
           RemoteError(400, "IllegalArgumentException", "Invalid value for permission"));

  auto missing = hdfs_.Stat("/missing");
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(missing.status().message(), "file or directory not found on HDFS: /missing");

  auto denied = hdfs_.List("/secret");
  EXPECT_EQ(denied.status().code(), StatusCode::kIOError);
  EXPECT_THAT(denied.status().message(), HasSubstr("permission denied on HDFS path /secret"));
  EXPECT_THAT(denied.status().message(), HasSubstr("Permission denied: user=alice"));

  EXPECT_EQ(hdfs_.Mkdirs("/busy").code(), StatusCode::kUnavailable);
  EXPECT_EQ(hdfs_.SetPermission("/bad", "999").code(), StatusCode::kInvalidArgument);
}

TEST_F(WebHdfsTest, DataNodeStackTracesAreCutFromMessages) {
  const auto local = dir_.Write("a.csv", "x");
  http_.On("PUT", kNn1, RedirectTo(std::string(kDn) + "/locked/a.csv?op=CREATE"));
  http_.On(
      "PUT", kDn,
      RemoteError(
          403, "AccessControlException",
          R"(Permission denied: user=alice, access=WRITE\n\tat org.apache.X.check(X.java:1)\n)"));
  const Status st = hdfs_.PutFile(local.string(), "/locked/a.csv", false);
  EXPECT_EQ(st.code(), StatusCode::kIOError);
  EXPECT_THAT(st.message(), HasSubstr("Permission denied: user=alice, access=WRITE;"));
  EXPECT_THAT(st.message(), ::testing::Not(HasSubstr("X.java")));
}

TEST_F(WebHdfsTest, ExistsIsFalseOnlyForNotFound) {
  http_.On("GET", "/missing", RemoteError(404, "FileNotFoundException", "no"));
  http_.On("GET", "/secret", RemoteError(403, "AccessControlException", "denied"));
  EXPECT_FALSE(hdfs_.Exists("/missing").ValueOr(true));
  EXPECT_FALSE(hdfs_.Exists("/secret").ok());
}

TEST_F(WebHdfsTest, MkdirsSendsPermission) {
  http_.On("PUT", "op=MKDIRS", Answer(200, R"({"boolean":true})"));
  ASSERT_TRUE(hdfs_.Mkdirs("/ml-pipeline/models", "750").ok());
  const auto& r = http_.requests().at(0);
  EXPECT_EQ(r.method, "PUT");
  EXPECT_THAT(r.url, HasSubstr("/ml-pipeline/models?op=MKDIRS&permission=750&user.name=alice"));
}

TEST_F(WebHdfsTest, PutFileCreatesInTwoStepsThroughTheDataNode) {
  const auto local = dir_.Write("model.json", "{\"trees\":[]}");
  const std::string location =
      std::string(kDn) + "/m/model.json?op=CREATE&namenoderpcaddress=nn1:8020";
  http_.On("PUT", kNn1, RedirectTo(location));
  http_.On("PUT", kDn, Answer(201));
  ASSERT_TRUE(hdfs_.PutFile(local.string(), "/m/model.json", /*overwrite=*/false).ok());
  ASSERT_EQ(http_.requests().size(), 2u);
  const auto& create = http_.requests()[0];
  EXPECT_THAT(create.url, HasSubstr("/m/model.json?op=CREATE&overwrite=false&user.name=alice"));
  EXPECT_TRUE(create.upload_file.empty());  // no data to the NameNode
  const auto& data = http_.requests()[1];
  EXPECT_EQ(data.url, location);
  EXPECT_EQ(data.method, "PUT");
  EXPECT_EQ(data.upload_file, local.string());
}

TEST_F(WebHdfsTest, PutFileOfAnExistingTargetIsAlreadyExists) {
  const auto local = dir_.Write("a.csv", "x");
  http_.On("PUT", kNn1, RedirectTo(std::string(kDn) + "/a.csv?op=CREATE"));
  http_.On("PUT", kDn,
           RemoteError(403, "FileAlreadyExistsException", "/a.csv for client already exists"));
  const Status st = hdfs_.PutFile(local.string(), "/a.csv", false);
  EXPECT_EQ(st.code(), StatusCode::kAlreadyExists);
  EXPECT_THAT(st.message(), HasSubstr("/a.csv already exists"));
}

TEST_F(WebHdfsTest, PutFileOfAMissingLocalFileSendsNothing) {
  EXPECT_EQ(hdfs_.PutFile((dir_.path() / "nope").string(), "/x", true).code(),
            StatusCode::kNotFound);
  EXPECT_TRUE(http_.requests().empty());
}

TEST_F(WebHdfsTest, WriteStringSendsTheBodyToTheDataNode) {
  http_.On("PUT", kNn1, RedirectTo(std::string(kDn) + "/x/_SUCCESS?op=CREATE"));
  http_.On("PUT", kDn, Answer(201));
  ASSERT_TRUE(hdfs_.WriteString("/x/_SUCCESS", "done", true).ok());
  EXPECT_EQ(http_.requests().at(1).body, "done");
  EXPECT_THAT(http_.requests().at(0).url, HasSubstr("overwrite=true"));
}

TEST_F(WebHdfsTest, OpenFollowsTheRedirectAndDownloadsIntoPlace) {
  http_.On("GET", kNn1, RedirectTo(std::string(kDn) + "/d/part-0.csv?op=OPEN&offset=0"));
  http_.On("GET", kDn, Answer(200, "a,b\n1,2\n"));
  const auto target = dir_.path() / "out" / "part-0.csv";
  ASSERT_TRUE(hdfs_.GetFile("/d/part-0.csv", target.string()).ok());
  EXPECT_EQ(ReadFile(target).ValueOr(""), "a,b\n1,2\n");
  EXPECT_EQ(http_.requests().at(1).url, std::string(kDn) + "/d/part-0.csv?op=OPEN&offset=0");
  // Only the final file is left: the staging file was renamed into place.
  EXPECT_EQ(std::distance(fs::directory_iterator(target.parent_path()), fs::directory_iterator()),
            1);
}

TEST_F(WebHdfsTest, GetFileOfAMissingPathLeavesNoFile) {
  http_.On("GET", kNn1, RemoteError(404, "FileNotFoundException", "File does not exist: /nope"));
  const auto target = dir_.path() / "nope.csv";
  EXPECT_EQ(hdfs_.GetFile("/nope", target.string()).code(), StatusCode::kNotFound);
  EXPECT_TRUE(fs::is_empty(dir_.path()));
}

TEST_F(WebHdfsTest, ReadStringReturnsTheContent) {
  http_.On("GET", kNn1, RedirectTo(std::string(kDn) + "/c.txt?op=OPEN"));
  http_.On("GET", kDn, Answer(200, "hello"));
  EXPECT_EQ(hdfs_.ReadString("/c.txt").ValueOr(""), "hello");
}

TEST_F(WebHdfsTest, StandbyNameNodeFailsOverAndTheActiveOneIsRemembered) {
  WebHdfsClient ha(http_, {kNn1, kNn2}, "alice");
  http_.On("GET", kNn1,
           RemoteError(403, "StandbyException", "Operation category READ is not supported"));
  http_.On("GET", kNn2, Answer(200, R"({"FileStatus":)" + FileStatusJson("", "FILE", 1) + "}"));
  ASSERT_TRUE(ha.Stat("/a").ok());
  ASSERT_TRUE(ha.Stat("/b").ok());
  EXPECT_EQ(http_.RequestsTo(kNn1).size(), 1u);
  EXPECT_EQ(http_.RequestsTo(kNn2).size(), 2u);
}

TEST_F(WebHdfsTest, UnreachableNameNodesAreUnavailableWithAHint) {
  WebHdfsClient ha(http_, {kNn1, kNn2}, "alice");
  http_.Unreachable("http://nn");
  auto st = ha.Stat("/a");
  ASSERT_EQ(st.status().code(), StatusCode::kUnavailable);
  EXPECT_THAT(st.status().message(), HasSubstr("nn1"));
  EXPECT_THAT(st.status().message(), HasSubstr("nn2"));
  EXPECT_THAT(st.status().message(), HasSubstr("webhdfs_url"));
}

TEST_F(WebHdfsTest, UnreachableDataNodeNamesIt) {
  http_.On("GET", kNn1, RedirectTo("http://dn-internal:9864/webhdfs/v1/x?op=OPEN"));
  http_.Unreachable("dn-internal");
  auto st = hdfs_.ReadString("/x");
  ASSERT_EQ(st.status().code(), StatusCode::kUnavailable);
  EXPECT_THAT(st.status().message(), HasSubstr("dn-internal"));
  EXPECT_THAT(st.status().message(), HasSubstr("DataNode"));
}

TEST_F(WebHdfsTest, DeleteIsRecursiveOnRequestAndNotFoundWhenNothingWasThere) {
  http_.On("DELETE", "/gone", Answer(200, R"({"boolean":false})"));
  http_.On("DELETE", "/tree", Answer(200, R"({"boolean":true})"));
  EXPECT_TRUE(hdfs_.Delete("/tree", true).ok());
  EXPECT_THAT(http_.requests().back().url, HasSubstr("op=DELETE&recursive=true"));
  EXPECT_EQ(hdfs_.Delete("/gone", false).code(), StatusCode::kNotFound);
}

TEST_F(WebHdfsTest, RenameEncodesTheDestination) {
  http_.On("PUT", "op=RENAME", Answer(200, R"({"boolean":true})"));
  ASSERT_TRUE(hdfs_.Rename("/a/.tmp-1", "/a/final dir").ok());
  EXPECT_THAT(http_.requests().at(0).url,
              HasSubstr("/a/.tmp-1?op=RENAME&destination=/a/final%20dir"));
}

TEST_F(WebHdfsTest, SetOwnerSendsOwnerAndGroup) {
  http_.On("PUT", "op=SETOWNER", Answer(200));
  ASSERT_TRUE(hdfs_.SetOwner("/ml-pipeline", "ml-pipeline", "ml-team").ok());
  EXPECT_THAT(http_.requests().at(0).url, HasSubstr("op=SETOWNER&owner=ml-pipeline&group=ml-team"));
  ASSERT_TRUE(hdfs_.SetOwner("/ml-pipeline", "", "ml-team").ok());
  EXPECT_THAT(http_.requests().at(1).url, HasSubstr("op=SETOWNER&group=ml-team&user.name"));
}

TEST_F(WebHdfsTest, PutDirectoryMirrorsTheTree) {
  dir_.Write("model/model.json", "m");
  dir_.Write("model/meta/schema.json", "s");
  http_.On("PUT", "op=MKDIRS", Answer(200, R"({"boolean":true})"));
  http_.On("PUT", "/models/churn/model.json?op=CREATE",
           RedirectTo(std::string(kDn) + "/models/churn/model.json"));
  http_.On("PUT", "/models/churn/meta/schema.json?op=CREATE",
           RedirectTo(std::string(kDn) + "/models/churn/meta/schema.json"));
  http_.On("PUT", kDn, Answer(201));
  ASSERT_TRUE(hdfs_.PutDirectory((dir_.path() / "model").string(), "/models/churn", false).ok());
  std::vector<std::string> mkdirs;
  for (const auto& r : http_.RequestsTo("op=MKDIRS"))
    mkdirs.push_back(r.url.substr(r.url.find("/webhdfs/v1")));
  EXPECT_THAT(mkdirs, ::testing::ElementsAre(HasSubstr("/models/churn?"),
                                             HasSubstr("/models/churn/meta?")));
  const auto uploads = http_.RequestsTo(kDn);
  ASSERT_EQ(uploads.size(), 2u);
  EXPECT_EQ(uploads[0].upload_file, (dir_.path() / "model/meta/schema.json").string());
  EXPECT_EQ(uploads[1].upload_file, (dir_.path() / "model/model.json").string());
}

TEST_F(WebHdfsTest, GetDirectoryMirrorsTheTree) {
  http_.On("GET", "/m?op=LISTSTATUS",
           Answer(200, R"({"FileStatuses":{"FileStatus":[)" + FileStatusJson("a.txt", "FILE", 1) +
                           "," + FileStatusJson("sub", "DIRECTORY", 0) + "]}}"));
  http_.On("GET", "/m/sub?op=LISTSTATUS",
           Answer(200, R"({"FileStatuses":{"FileStatus":[)" + FileStatusJson("b.txt", "FILE", 1) +
                           "]}}"));
  http_.On("GET", "/m/a.txt?op=OPEN", RedirectTo(std::string(kDn) + "/m/a.txt"));
  http_.On("GET", "/m/sub/b.txt?op=OPEN", RedirectTo(std::string(kDn) + "/m/sub/b.txt"));
  http_.On("GET", std::string(kDn) + "/m/a.txt", Answer(200, "A"));
  http_.On("GET", std::string(kDn) + "/m/sub/b.txt", Answer(200, "B"));
  const auto out = dir_.path() / "copy";
  ASSERT_TRUE(hdfs_.GetDirectory("/m", out.string()).ok());
  EXPECT_EQ(ReadFile(out / "a.txt").ValueOr(""), "A");
  EXPECT_EQ(ReadFile(out / "sub" / "b.txt").ValueOr(""), "B");
}

TEST_F(WebHdfsTest, NoNameNodeConfiguredIsAConfigError) {
  WebHdfsClient none(http_, {}, "alice");
  EXPECT_EQ(none.Stat("/").status().code(), StatusCode::kConfigError);
}

}  // namespace
}  // namespace mlpipe::cluster
