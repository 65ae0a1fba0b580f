#include "util/test_seam.h"

#include <charconv>
#include <csignal>
#include <cstdlib>
#include <map>
#include <string>

namespace mlpipe {

namespace {

std::string& SeamProcess() {
  static std::string process = "job";
  return process;
}

}  // namespace

void SetTestSeamProcess(std::string_view process) { SeamProcess() = std::string(process); }

void DieIfTestSeam(std::string_view step) {
  static const char* const specs = std::getenv("MLPIPE_TEST_DIE_AT");
  if (specs == nullptr || *specs == '\0') return;
  static std::map<std::string, int, std::less<>> reached;
  bool counted = false;
  for (std::string_view rest(specs); !rest.empty();) {
    const size_t comma = rest.find(',');
    std::string_view text = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? "" : rest.substr(comma + 1);
    const size_t at = text.find('@');
    if ((at == std::string_view::npos ? "job" : text.substr(at + 1)) != SeamProcess()) continue;
    text = text.substr(0, at);
    const size_t colon = text.find(':');
    if (text.substr(0, colon) != step) continue;
    int wanted = 1;
    if (colon != std::string_view::npos) {
      std::from_chars(text.data() + colon + 1, text.data() + text.size(), wanted);
    }
    if (!counted) ++reached[std::string(step)];
    counted = true;
    if (reached[std::string(step)] == wanted) std::raise(SIGKILL);
  }
}

bool TestDisables(std::string_view feature) {
  static const char* const disabled = std::getenv("MLPIPE_TEST_DISABLE");
  return disabled != nullptr && feature == disabled;
}

}  // namespace mlpipe
