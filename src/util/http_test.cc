#include "util/http.h"

#include <arpa/inet.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <mutex>
#include <thread>

#include "mlpipe_testing/temp_dir.h"
#include "util/fs.h"
#include "util/strings.h"

namespace mlpipe::util {
namespace {

using ::testing::HasSubstr;

// A loopback HTTP/1.1 server answering one scripted raw response per connection, in order, and
// recording each raw request (head and body).
class ScriptedServer {
 public:
  explicit ScriptedServer(std::vector<std::string> responses) : responses_(std::move(responses)) {
    listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof(addr);
    if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), len) != 0 ||
        ::listen(listen_fd_, 4) != 0 ||
        ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
      ADD_FAILURE() << "cannot listen on loopback";
    }
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { Serve(); });
  }
  ~ScriptedServer() {
    ::shutdown(listen_fd_, SHUT_RDWR);
    thread_.join();
    ::close(listen_fd_);
  }

  std::string Url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }
  std::vector<std::string> requests() const {
    std::lock_guard<std::mutex> lock(mu_);
    return requests_;
  }

 private:
  void Serve() {
    for (const auto& response : responses_) {
      const int fd = ::accept(listen_fd_, nullptr, nullptr);
      if (fd < 0) return;
      std::string request;
      char buf[4096];
      size_t body_start = std::string::npos, content_length = 0;
      while (body_start == std::string::npos || request.size() < body_start + content_length) {
        const ssize_t n = ::read(fd, buf, sizeof(buf));
        if (n <= 0) break;
        request.append(buf, static_cast<size_t>(n));
        if (body_start == std::string::npos &&
            (body_start = request.find("\r\n\r\n")) != std::string::npos) {
          body_start += 4;
          const std::string head = ToLower(request.substr(0, body_start));
          if (const size_t cl = head.find("content-length:"); cl != std::string::npos) {
            content_length = std::stoul(head.substr(cl + 15));
          }
        }
      }
      {
        std::lock_guard<std::mutex> lock(mu_);
        requests_.push_back(request);
      }
      (void)!::write(fd, response.data(), response.size());
      ::close(fd);
    }
  }

  std::vector<std::string> responses_;
  mutable std::mutex mu_;
  std::vector<std::string> requests_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::thread thread_;
};

std::string Raw(int status, const std::string& reason, const std::string& body,
                const std::string& extra = "") {
  return "HTTP/1.1 " + std::to_string(status) + " " + reason +
         "\r\nContent-Length: " + std::to_string(body.size()) + "\r\nConnection: close\r\n" +
         extra + "\r\n" + body;
}

TEST(HttpClientTest, GetReturnsStatusBodyAndLowerCaseHeaders) {
  auto http = MakeCurlHttpClient();
  Result<HttpResponse> r = Status::Internal("not sent");
  {
    ScriptedServer server({Raw(200, "OK", R"({"ok":true})", "X-Custom-Name: v1\r\n")});
    HttpRequest request;
    request.url = server.Url("/ws/v1/cluster/info?user.name=alice");
    r = http->Send(request);
    ASSERT_EQ(server.requests().size(), 1u);
    EXPECT_THAT(server.requests()[0],
                HasSubstr("GET /ws/v1/cluster/info?user.name=alice HTTP/1.1"));
  }
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, R"({"ok":true})");
  EXPECT_EQ(r->headers["x-custom-name"], "v1");
}

TEST(HttpClientTest, RedirectIsReturnedNotFollowed) {
  auto http = MakeCurlHttpClient();
  ScriptedServer server(
      {Raw(307, "Temporary Redirect", "", "Location: http://127.0.0.1:1/elsewhere\r\n")});
  HttpRequest request;
  request.method = "PUT";
  request.url = server.Url("/webhdfs/v1/x?op=CREATE");
  auto r = http->Send(request);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->status, 307);
  EXPECT_EQ(r->headers["location"], "http://127.0.0.1:1/elsewhere");
}

TEST(HttpClientTest, UploadsAFileAsThePutBody) {
  mlpipe::testing::TempDir dir;
  const auto file = dir.Write("part.csv", std::string(100000, 'x') + "end");
  auto http = MakeCurlHttpClient();
  std::string received;
  {
    ScriptedServer server({Raw(201, "Created", "")});
    HttpRequest request;
    request.method = "PUT";
    request.url = server.Url("/data");
    request.upload_file = file.string();
    auto r = http->Send(request);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->status, 201);
    received = server.requests().at(0);
  }
  EXPECT_THAT(received, HasSubstr("PUT /data HTTP/1.1"));
  EXPECT_THAT(received, HasSubstr("Content-Length: 100003"));
  EXPECT_TRUE(EndsWith(received, "\r\n\r\n" + std::string(100000, 'x') + "end"));
}

TEST(HttpClientTest, SendsAStringBodyWithTheGivenMethodAndHeaders) {
  auto http = MakeCurlHttpClient();
  ScriptedServer server({Raw(202, "Accepted", "")});
  HttpRequest request;
  request.method = "PUT";
  request.url = server.Url("/state");
  request.body = R"({"state":"KILLED"})";
  request.headers = {{"Content-Type", "application/json"}};
  auto r = http->Send(request);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->status, 202);
  const std::string raw = server.requests().at(0);
  EXPECT_THAT(raw, HasSubstr("PUT /state HTTP/1.1"));
  EXPECT_THAT(raw, HasSubstr("Content-Type: application/json"));
  EXPECT_TRUE(EndsWith(raw, R"({"state":"KILLED"})"));
}

TEST(HttpClientTest, DownloadWritesOnlyASuccessfulBody) {
  mlpipe::testing::TempDir dir;
  const auto target = dir.path() / "out.bin";
  auto http = MakeCurlHttpClient();
  ScriptedServer server(
      {Raw(404, "Not Found", R"({"RemoteException":{}})"), Raw(200, "OK", "payload")});
  HttpRequest request;
  request.url = server.Url("/f");
  request.download_file = target.string();
  auto missing = http->Send(request);
  ASSERT_TRUE(missing.ok()) << missing.status().ToString();
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(missing->body, R"({"RemoteException":{}})");
  EXPECT_FALSE(PathExists(target));
  auto found = http->Send(request);
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  EXPECT_EQ(found->status, 200);
  EXPECT_TRUE(found->body.empty());
  EXPECT_EQ(ReadFile(target).ValueOr(""), "payload");
}

TEST(HttpClientTest, RefusedConnectionIsUnavailableNamingTheUrl) {
  int port = 0;
  {
    ScriptedServer closed({});  // bound, then closed: nothing listens on the port any more
    port = std::stoi(closed.Url("").substr(std::string("http://127.0.0.1:").size()));
  }
  auto http = MakeCurlHttpClient();
  HttpRequest request;
  request.url = "http://127.0.0.1:" + std::to_string(port) + "/ws/v1/cluster/apps";
  auto r = http->Send(request);
  ASSERT_EQ(r.status().code(), StatusCode::kUnavailable);
  EXPECT_THAT(r.status().message(), HasSubstr(request.url));
}

TEST(UrlEncodeTest, KeepsUnreservedCharactersAndOptionallySlashes) {
  EXPECT_EQ(UrlEncode("a-b_c.d~e"), "a-b_c.d~e");
  EXPECT_EQ(UrlEncode("/ml pipeline/x+y&z"), "%2Fml%20pipeline%2Fx%2By%26z");
  EXPECT_EQ(UrlEncode("/ml pipeline/x", /*keep_slash=*/true), "/ml%20pipeline/x");
  EXPECT_EQ(UrlEncode("é"), "%C3%A9");
}

}  // namespace
}  // namespace mlpipe::util
