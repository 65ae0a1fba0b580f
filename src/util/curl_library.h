// libcurl, loaded on first use (dlopen) instead of linked. Linking it maps about 30 shared
// libraries (TLS, Kerberos, LDAP, SSH, ...) at every start of mlpipe, 4-5 ms of a 20 ms
// `submit --dry-run`, though only the cluster commands talk HTTP (docs/BENCHMARKS.md).
// The header still comes from libcurl's development package, so types and constants are checked
// at compile time; only the functions below are resolved at run time.
#pragma once

#include <curl/curl.h>

#include "util/result.h"

namespace mlpipe::util {

// The libcurl functions mlpipe calls, with libcurl's own signatures.
struct CurlLibrary {
  CURL* (*easy_init)();
  void (*easy_cleanup)(CURL*);
  void (*easy_reset)(CURL*);
  CURLcode (*easy_setopt)(CURL*, CURLoption, ...);
  CURLcode (*easy_perform)(CURL*);
  CURLcode (*easy_getinfo)(CURL*, CURLINFO, ...);
  const char* (*easy_strerror)(CURLcode);
  curl_slist* (*slist_append)(curl_slist*, const char*);
  void (*slist_free_all)(curl_slist*);
};

// The library, loaded and globally initialized once per process (thread-safe), or Unavailable
// naming the library and what to install.
Result<const CurlLibrary*> LoadCurlLibrary();

}  // namespace mlpipe::util
