// Content checksum of a file or of a dataset directory (its data files in name order), recorded in
// model metadata so a model names exactly the data it was trained on. FNV-1a 64-bit: fast, stable
// across platforms, not cryptographic (it detects change, not tampering).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "util/result.h"

namespace mlpipe {

// "fnv1a64:<16 hex digits>".
Result<std::string> DataChecksum(const std::filesystem::path& path);
// The same checksum of `text`.
std::string ContentChecksum(std::string_view text);

}  // namespace mlpipe
