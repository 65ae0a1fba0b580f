// Test-only scripted HttpClient: answers each request from the first matching rule (method + a
// substring of the URL), records every request, and mimics the real client's download_file
// behaviour (a 2xx body goes to the file). An unscripted request fails the test loudly.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "util/http.h"

namespace mlpipe::testing {

class FakeHttpClient : public util::HttpClient {
 public:
  // Answers `method` requests whose URL contains `url_part`; `times` < 0 = for ever.
  void On(std::string method, std::string url_part, util::HttpResponse response, int times = -1) {
    rules_.push_back(
        {std::move(method), std::move(url_part), std::move(response), Status::OK(), times});
  }
  // Such requests fail like a refused connection.
  void Unreachable(std::string url_part, int times = -1) {
    rules_.push_back({"", std::move(url_part), {}, Status::Unavailable("refused"), times});
  }

  Result<util::HttpResponse> Send(const util::HttpRequest& request) override {
    requests_.push_back(request);
    for (auto& rule : rules_) {
      if (rule.times == 0 || request.url.find(rule.url_part) == std::string::npos) continue;
      if (!rule.method.empty() && rule.method != request.method) continue;
      if (rule.times > 0) --rule.times;
      if (!rule.error.ok()) {  // worded like the real client's transport errors
        return Status(rule.error.code(), "cannot reach " + request.method + " " + request.url +
                                             ": " + rule.error.message());
      }
      util::HttpResponse response = rule.response;
      if (!request.download_file.empty() && response.status / 100 == 2) {
        std::ofstream(request.download_file, std::ios::binary) << response.body;
        response.body.clear();
      }
      return response;
    }
    ADD_FAILURE() << "unscripted request: " << request.method << " " << request.url;
    return Status::Internal("unscripted request " + request.url);
  }

  const std::vector<util::HttpRequest>& requests() const { return requests_; }
  // The recorded requests whose URL contains `url_part`.
  std::vector<util::HttpRequest> RequestsTo(const std::string& url_part) const {
    std::vector<util::HttpRequest> out;
    for (const auto& r : requests_) {
      if (r.url.find(url_part) != std::string::npos) out.push_back(r);
    }
    return out;
  }

 private:
  struct Rule {
    std::string method, url_part;
    util::HttpResponse response;
    Status error;
    int times;
  };
  std::vector<Rule> rules_;
  std::vector<util::HttpRequest> requests_;
};

inline util::HttpResponse Answer(int status, std::string body = "") {
  util::HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

inline util::HttpResponse RedirectTo(std::string location, int status = 307) {
  util::HttpResponse r;
  r.status = status;
  r.headers["location"] = std::move(location);
  return r;
}

inline util::HttpResponse RemoteError(int status, const std::string& exception,
                                      const std::string& message) {
  return Answer(status, R"({"RemoteException":{"exception":")" + exception + R"(","message":")" +
                            message + R"(","javaClassName":"org.apache.hadoop.)" + exception +
                            R"("}})");
}

}  // namespace mlpipe::testing
