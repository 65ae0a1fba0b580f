// The learning task the engine trains for, resolved from config (config::Task::kAuto is decided
// from the target column before anything here runs). Kept in metrics so metrics never depends on
// config.
#pragma once

#include <string_view>

namespace mlpipe::engine {

enum class Task { kBinary, kMulticlass, kRegression };

// "binary", "multiclass" or "regression".
constexpr std::string_view TaskName(Task t) {
  switch (t) {
    case Task::kBinary:
      return "binary";
    case Task::kMulticlass:
      return "multiclass";
    case Task::kRegression:
      return "regression";
  }
  return "unknown";
}

inline bool IsClassification(Task t) { return t != Task::kRegression; }

}  // namespace mlpipe::engine
