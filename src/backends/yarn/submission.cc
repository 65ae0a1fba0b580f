#include "backends/yarn/submission.h"

#include <fmt/format.h>

#include <regex>

namespace mlpipe::backends::yarn {

std::vector<std::string> DriverArguments(const std::string& config_file_name,
                                         const std::string& tag, const ClusterTree& tree) {
  return {"--config",        config_file_name,       "--run-id",      tag,
          "--models-dir",    tree.Area("models"),    "--metrics-dir", tree.Area("metrics"),
          "--artifacts-dir", tree.Area("artifacts"), "--result",      tree.ResultUri(tag)};
}

std::optional<std::string> FindApplicationId(std::string_view output) {
  static const std::regex kId("application_[0-9]+_[0-9]+");
  std::optional<std::string> last;
  const std::string text(output);
  for (auto it = std::sregex_iterator(text.begin(), text.end(), kId); it != std::sregex_iterator();
       ++it) {
    last = it->str();
  }
  return last;
}

}  // namespace mlpipe::backends::yarn
