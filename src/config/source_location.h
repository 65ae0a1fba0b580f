// Where a config value was written: file:line:col (1-based). Used in every config error message.
#pragma once

#include <string>

namespace mlpipe::config {

struct SourceLocation {
  std::string file;  // empty when the value came from the command line or a default
  int line = 0;
  int column = 0;
  // "file:line:col", "file", or "<command line>" when unknown.
  std::string ToString() const {
    if (file.empty()) return "<command line>";
    if (line <= 0) return file;
    return file + ":" + std::to_string(line) + ":" + std::to_string(column);
  }
};

}  // namespace mlpipe::config
