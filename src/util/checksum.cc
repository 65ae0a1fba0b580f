#include "util/checksum.h"

#include <fmt/format.h>

#include <fstream>
#include <vector>

#include "util/fs.h"

namespace mlpipe {

namespace {

constexpr uint64_t kFnvOffset = 14695981039346656037ull;
constexpr uint64_t kFnvPrime = 1099511628211ull;

Status HashFile(const fs::path& path, uint64_t* h) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError("cannot read '" + path.string() + "' to checksum it");
  std::vector<char> buf(1 << 16);
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    for (std::streamsize i = 0; i < in.gcount(); ++i) {
      *h = (*h ^ static_cast<unsigned char>(buf[static_cast<size_t>(i)])) * kFnvPrime;
    }
  }
  return Status::OK();
}

}  // namespace

std::string ContentChecksum(std::string_view text) {
  uint64_t h = kFnvOffset;
  for (char c : text) h = (h ^ static_cast<unsigned char>(c)) * kFnvPrime;
  return fmt::format("fnv1a64:{:016x}", h);
}

Result<std::string> DataChecksum(const fs::path& path) {
  uint64_t h = kFnvOffset;
  if (fs::is_directory(path)) {
    MLPIPE_ASSIGN_OR_RETURN(auto files, ListDataFiles(path));
    for (const auto& f : files) MLPIPE_RETURN_NOT_OK(HashFile(f, &h));
  } else {
    MLPIPE_RETURN_NOT_OK(HashFile(path, &h));
  }
  return fmt::format("fnv1a64:{:016x}", h);
}

}  // namespace mlpipe
