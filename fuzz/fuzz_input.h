// Helpers shared by the libFuzzer targets in this folder: the loaders under test read files, so
// each target writes its input to a private scratch directory (one per fuzzing process, under
// /dev/shm when it exists so no disk is worn) and reads it back. A violated property aborts, so
// libFuzzer saves the input as a crash artifact.
#pragma once

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

namespace mlpipe::fuzz {

// The scratch directory of this process, created on first use and removed when the process exits
// normally (a crash leaves it behind).
inline const std::filesystem::path& ScratchDir() {
  struct Scratch {
    std::filesystem::path dir;
    Scratch() {
      std::filesystem::path base = std::filesystem::exists("/dev/shm") ? "/dev/shm" : "/tmp";
      dir = base / ("mlpipe-fuzz-" + std::to_string(getpid()));
      std::filesystem::create_directories(dir);
    }
    ~Scratch() {
      std::error_code ignored;
      std::filesystem::remove_all(dir, ignored);
    }
  };
  static const Scratch scratch;
  return scratch.dir;
}

// Writes `data` to ScratchDir()/name (replacing it) and returns the path.
inline std::filesystem::path WriteScratch(const std::string& name, std::string_view data) {
  auto path = ScratchDir() / name;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(data.data(), static_cast<std::streamsize>(data.size()));
  return path;
}

// Aborts with `what` (and the detail) when a property the target checks does not hold.
[[noreturn]] inline void PropertyFailed(std::string_view what, std::string_view detail) {
  std::fprintf(stderr, "property violated: %.*s\n%.*s\n", static_cast<int>(what.size()),
               what.data(), static_cast<int>(detail.size()), detail.data());
  std::abort();
}

}  // namespace mlpipe::fuzz
