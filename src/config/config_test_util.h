// Test helper for config/ tests: loads one config file the way `mlpipe -c <file>` would. Write the
// files into a mlpipe::testing::TempDir ("mlpipe_testing/temp_dir.h").
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "config/loader.h"

namespace mlpipe::config::testing {

// Loads one file with `overrides`.
inline Result<JobConfig> LoadOne(const std::string& path, std::vector<std::string> overrides = {}) {
  return LoadJobConfig(LoadOptions{{path}, std::move(overrides)});
}

}  // namespace mlpipe::config::testing
