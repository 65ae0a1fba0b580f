#include "util/test_seam.h"

#include <charconv>
#include <csignal>
#include <cstdlib>
#include <map>
#include <string>

namespace mlpipe {

void DieIfTestSeam(std::string_view step) {
  static const char* const spec = std::getenv("MLPIPE_TEST_DIE_AT");
  if (spec == nullptr || *spec == '\0') return;
  const std::string_view text(spec);
  const size_t colon = text.find(':');
  if (text.substr(0, colon) != step) return;
  int wanted = 1;
  if (colon != std::string_view::npos)
    std::from_chars(text.data() + colon + 1, text.data() + text.size(), wanted);
  static std::map<std::string, int, std::less<>> reached;
  if (++reached[std::string(step)] == wanted) std::raise(SIGKILL);
}

bool TestDisables(std::string_view feature) {
  static const char* const disabled = std::getenv("MLPIPE_TEST_DISABLE");
  return disabled != nullptr && feature == disabled;
}

}  // namespace mlpipe
