// Resolves a secret as written in job_config.yaml: plain text, "${env:NAME}" or "${file:/path}"
// (relative paths are relative to the config file's directory; one trailing newline is stripped).
// Error messages name the variable or path and the location, never any secret content.
#pragma once

#include <cstddef>
#include <string_view>

#include "config/secret.h"
#include "config/source_location.h"
#include "util/result.h"

namespace mlpipe::config {

// A secret file must be a regular file of at most this size (never a FIFO or /dev/zero).
inline constexpr size_t kMaxSecretFileBytes = 64 * 1024;

// Errors are ConfigError "<where>: <key_path>: ...".
Result<Secret> ResolveSecret(std::string_view text, const SourceLocation& where,
                             std::string_view key_path);

}  // namespace mlpipe::config
