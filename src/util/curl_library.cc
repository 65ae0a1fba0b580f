#include "util/curl_library.h"

#include <dlfcn.h>

#include <string>

namespace mlpipe::util {
namespace {

constexpr const char* kSoname = "libcurl.so.4";

// Resolves `name` into `fn`; false (with `missing` set) when the library lacks it.
template <typename Fn>
bool Resolve(void* handle, const char* name, Fn* fn, std::string* missing) {
  *fn = reinterpret_cast<Fn>(dlsym(handle, name));
  if (!*fn) *missing = name;
  return *fn != nullptr;
}

Result<CurlLibrary> Load() {
  void* handle = dlopen(kSoname, RTLD_NOW | RTLD_LOCAL);  // kept for the life of the process
  if (!handle) {
    const char* why = dlerror();
    return Status::Unavailable(std::string("cannot load ") + kSoname + " (" +
                               (why ? why : "not found") +
                               "), which mlpipe needs to talk to the cluster over HTTP; install "
                               "libcurl4 (scripts/setup.sh does)");
  }
  CurlLibrary lib{};
  CURLcode (*global_init)(long) = nullptr;
  std::string missing;
  const bool ok = Resolve(handle, "curl_global_init", &global_init, &missing) &&
                  Resolve(handle, "curl_easy_init", &lib.easy_init, &missing) &&
                  Resolve(handle, "curl_easy_cleanup", &lib.easy_cleanup, &missing) &&
                  Resolve(handle, "curl_easy_reset", &lib.easy_reset, &missing) &&
                  Resolve(handle, "curl_easy_setopt", &lib.easy_setopt, &missing) &&
                  Resolve(handle, "curl_easy_perform", &lib.easy_perform, &missing) &&
                  Resolve(handle, "curl_easy_getinfo", &lib.easy_getinfo, &missing) &&
                  Resolve(handle, "curl_easy_strerror", &lib.easy_strerror, &missing) &&
                  Resolve(handle, "curl_slist_append", &lib.slist_append, &missing) &&
                  Resolve(handle, "curl_slist_free_all", &lib.slist_free_all, &missing);
  if (!ok) {
    return Status::Unavailable(std::string(kSoname) + " has no function " + missing +
                               "; install a current libcurl4");
  }
  if (const CURLcode rc = global_init(CURL_GLOBAL_DEFAULT); rc != CURLE_OK) {
    return Status::Unavailable(std::string("libcurl failed to initialize: ") +
                               lib.easy_strerror(rc));
  }
  return lib;
}

}  // namespace

Result<const CurlLibrary*> LoadCurlLibrary() {
  static const Result<CurlLibrary> loaded = Load();  // thread-safe, once
  if (!loaded.ok()) return loaded.status();
  return &*loaded;
}

}  // namespace mlpipe::util
