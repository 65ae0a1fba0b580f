// Test-only scratch directory shared by every unit test binary: each TempDir is a fresh, uniquely
// named directory under the system temp dir, removed recursively (with everything in it) when the
// object is destroyed. Non-copyable, so exactly one owner removes it.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <string_view>
#include <system_error>

namespace mlpipe::testing {

class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    do {
      path_ = std::filesystem::temp_directory_path() /
              ("mlpipe-test-" + std::to_string(rd()) + std::to_string(rd()));
    } while (!std::filesystem::create_directory(path_));  // false: name taken, draw another
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

  // Writes `content` to path()/name (creating missing parent directories) and returns that path.
  std::filesystem::path Write(std::string_view name, std::string_view content) const {
    const std::filesystem::path file = path_ / name;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary);
    out << content;
    if (!out) ADD_FAILURE() << "cannot write test file " << file;
    return file;
  }

 private:
  std::filesystem::path path_;
};

}  // namespace mlpipe::testing
