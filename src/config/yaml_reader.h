// Reads job_config YAML into a ConfigNode tree with file:line:col on every node. Refuses the YAML
// features a config never needs and an attacker could abuse: files over 1 MiB, nesting deeper than
// 64, anchors and aliases (billion-laughs). All problems of one file are reported in one
// ConfigError.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "config/yaml_tree.h"
#include "util/result.h"

namespace mlpipe::config {

inline constexpr int64_t kMaxConfigFileBytes = int64_t{1} << 20;
inline constexpr int kMaxConfigDepth = 64;

// Parses one YAML document; `file` labels the locations. An empty document is an empty map; the
// top level must be a map. Errors: ConfigError "file:line:col: ..." (syntax, anchors, depth, keys).
Result<ConfigNode> ParseYaml(std::string_view text, const std::string& file);

// ParseYaml on the content of `path`. NotFound (suggesting -c) when missing; ConfigError when
// larger than kMaxConfigFileBytes; IOError when unreadable.
Result<ConfigNode> ReadYamlFile(const std::string& path);

}  // namespace mlpipe::config
