#include "util/http.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <mutex>

#include "util/curl_library.h"
#include "util/strings.h"

namespace mlpipe::util {
namespace {

constexpr long kConnectTimeoutMs = 10000;
constexpr long kStallSeconds = 60;  // a transfer slower than 1 byte/s for this long fails

struct FileCloser {
  void operator()(std::FILE* f) const {
    if (f) std::fclose(f);
  }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

// What one transfer collects. A 2xx body goes to `download_path` when set (the file is opened at
// the first byte, so an error response never touches it); any other body goes to `response.body`.
struct Transfer {
  HttpResponse response;
  std::string download_path;
  FilePtr download;
  bool download_failed = false;
  int last_status = 0;  // from the latest status line (a 100 Continue precedes the real one)

  bool Is2xx() const { return last_status >= 200 && last_status < 300; }
};

size_t OnHeader(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const std::string_view line(data, size * count);
  if (StartsWith(line, "HTTP/")) {
    t->response.headers.clear();  // a new response (after 100 Continue): keep only its headers
    const auto parts = Split(Trim(line), ' ');
    if (parts.size() >= 2) t->last_status = std::atoi(parts[1].c_str());
    return size * count;
  }
  const size_t colon = line.find(':');
  if (colon != std::string_view::npos) {
    t->response.headers[ToLower(Trim(line.substr(0, colon)))] =
        std::string(Trim(line.substr(colon + 1)));
  }
  return size * count;
}

size_t OnBody(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const size_t n = size * count;
  if (t->download_path.empty() || !t->Is2xx()) {
    t->response.body.append(data, n);
    return n;
  }
  if (!t->download) {
    t->download.reset(std::fopen(t->download_path.c_str(), "wb"));
    if (!t->download) {
      t->download_failed = true;
      return 0;  // aborts the transfer with CURLE_WRITE_ERROR
    }
  }
  return std::fwrite(data, 1, n, t->download.get());
}

class CurlHttpClient final : public HttpClient {
 public:
  CurlHttpClient() : lib_(LoadCurlLibrary()) {
    if (lib_.ok()) handle_ = (*lib_)->easy_init();
  }
  ~CurlHttpClient() override {
    if (handle_) (*lib_)->easy_cleanup(handle_);
  }
  CurlHttpClient(const CurlHttpClient&) = delete;
  CurlHttpClient& operator=(const CurlHttpClient&) = delete;

  Result<HttpResponse> Send(const HttpRequest& request) override {
    std::lock_guard<std::mutex> lock(mu_);  // one easy handle: kept for connection reuse
    if (!lib_.ok()) return lib_.status();
    if (!handle_) return Status::Internal("libcurl could not create a handle");
    const CurlLibrary* curl = *lib_;
    curl->easy_reset(handle_);
    Transfer transfer;
    transfer.download_path = request.download_file;
    FilePtr upload;
    curl_slist* headers = nullptr;
    for (const auto& [name, value] : request.headers) {
      headers = curl->slist_append(headers, (name + ": " + value).c_str());
    }
    headers = curl->slist_append(headers, "Expect:");  // no 100-continue round trip on uploads
    std::unique_ptr<curl_slist, void (*)(curl_slist*)> header_guard(headers, curl->slist_free_all);

    char error[CURL_ERROR_SIZE] = {0};
    CURL* h = handle_;
    curl->easy_setopt(h, CURLOPT_URL, request.url.c_str());
    curl->easy_setopt(h, CURLOPT_ERRORBUFFER, error);
    curl->easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl->easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
    curl->easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, kConnectTimeoutMs);
    curl->easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(std::max(0, request.timeout_ms)));
    curl->easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl->easy_setopt(h, CURLOPT_LOW_SPEED_TIME, kStallSeconds);
    curl->easy_setopt(h, CURLOPT_HTTPHEADER, headers);
    curl->easy_setopt(h, CURLOPT_HEADERFUNCTION, OnHeader);
    curl->easy_setopt(h, CURLOPT_HEADERDATA, &transfer);
    curl->easy_setopt(h, CURLOPT_WRITEFUNCTION, OnBody);
    curl->easy_setopt(h, CURLOPT_WRITEDATA, &transfer);
    if (request.negotiate) {
      curl->easy_setopt(h, CURLOPT_HTTPAUTH, static_cast<long>(CURLAUTH_NEGOTIATE));
      curl->easy_setopt(h, CURLOPT_USERPWD, ":");  // credentials come from the ticket cache
    }

    if (!request.upload_file.empty()) {
      std::error_code ec;
      const auto size = std::filesystem::file_size(request.upload_file, ec);
      if (ec)
        return Status::IOError("cannot read '" + request.upload_file +
                               "' to upload: " + ec.message());
      upload.reset(std::fopen(request.upload_file.c_str(), "rb"));
      if (!upload)
        return Status::IOErrorFromErrno(errno,
                                        "cannot open '" + request.upload_file + "' to upload");
      curl->easy_setopt(h, CURLOPT_UPLOAD, 1L);
      curl->easy_setopt(h, CURLOPT_READDATA, upload.get());  // default read callback: fread
      curl->easy_setopt(h, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(size));
      if (request.method != "PUT")
        curl->easy_setopt(h, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    } else if (!request.body.empty()) {
      curl->easy_setopt(h, CURLOPT_POSTFIELDS, request.body.data());
      curl->easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE,
                        static_cast<curl_off_t>(request.body.size()));
      if (request.method != "POST")
        curl->easy_setopt(h, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    } else if (request.method != "GET") {
      curl->easy_setopt(h, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    }

    const CURLcode rc = curl->easy_perform(h);
    if (transfer.download_failed) {
      return Status::IOErrorFromErrno(errno, "cannot write '" + request.download_file + "'");
    }
    if (rc != CURLE_OK) {
      transfer.download.reset();
      if (!request.download_file.empty() && transfer.Is2xx())
        std::remove(request.download_file.c_str());
      const std::string detail = error[0] ? error : curl->easy_strerror(rc);
      return Status::Unavailable("cannot reach " + request.method + " " + request.url + ": " +
                                 detail);
    }
    long status = 0;
    curl->easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    transfer.response.status = static_cast<int>(status);
    if (!request.download_file.empty() && transfer.Is2xx()) {
      if (!transfer.download)
        transfer.download.reset(std::fopen(request.download_file.c_str(), "wb"));  // empty body
      if (!transfer.download || std::fflush(transfer.download.get()) != 0) {
        return Status::IOErrorFromErrno(errno, "cannot write '" + request.download_file + "'");
      }
    }
    return std::move(transfer.response);
  }

 private:
  std::mutex mu_;
  const Result<const CurlLibrary*> lib_;  // or why libcurl could not be loaded
  CURL* handle_ = nullptr;
};

}  // namespace

std::unique_ptr<HttpClient> MakeCurlHttpClient() { return std::make_unique<CurlHttpClient>(); }

std::string UrlEncode(std::string_view text, bool keep_slash) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    const bool unreserved = (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') ||
                            (u >= '0' && u <= '9') || c == '-' || c == '_' || c == '.' ||
                            c == '~' || (keep_slash && c == '/');
    if (unreserved) {
      out += c;
    } else {
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 0x0F];
    }
  }
  return out;
}

}  // namespace mlpipe::util
