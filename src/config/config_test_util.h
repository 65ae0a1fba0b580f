// Test helper for config/ tests: a fresh temporary directory, removed at destruction, to write
// config files into.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "config/loader.h"

namespace mlpipe::config::testing {

class TempConfigDir {
 public:
  TempConfigDir() {
    std::random_device rd;
    dir_ = std::filesystem::temp_directory_path() / ("mlpipe-config-test-" + std::to_string(rd()));
    std::filesystem::create_directories(dir_);
  }
  ~TempConfigDir() {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  TempConfigDir(const TempConfigDir&) = delete;
  TempConfigDir& operator=(const TempConfigDir&) = delete;

  // Writes `content` to <dir>/<name> and returns the full path.
  std::string Write(const std::string& name, const std::string& content) const {
    const auto path = dir_ / name;
    std::ofstream(path, std::ios::binary) << content;
    return path.string();
  }
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }

 private:
  std::filesystem::path dir_;
};

// Loads one file with `overrides`.
inline Result<JobConfig> LoadOne(const std::string& path, std::vector<std::string> overrides = {}) {
  return LoadJobConfig(LoadOptions{{path}, std::move(overrides)});
}

}  // namespace mlpipe::config::testing
