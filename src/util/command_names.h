// The mlpipe commands other layers name: the local backend launches `mlpipe __worker`, and error
// messages suggest a command as the next step. The words are written once here; cli/commands
// registers its subcommands under the same constants, so renaming one changes every suggestion.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

namespace mlpipe::commands {

inline constexpr std::string_view kWorker = "__worker";  // internal: runs one local job
inline constexpr std::string_view kWorkerRegistry = "--registry";
inline constexpr std::string_view kList = "list";
inline constexpr std::string_view kFs = "fs";
inline constexpr std::string_view kFsLs = "ls";
inline constexpr std::string_view kFsPut = "put";
inline constexpr std::string_view kFsMkdir = "mkdir";

// A command line for a message, in backquotes: Suggest({kFs, kFsPut}) == "`mlpipe fs put`".
inline std::string Suggest(std::initializer_list<std::string_view> words) {
  std::string out = "`mlpipe";
  for (std::string_view w : words) out += " " + std::string(w);
  return out + "`";
}

}  // namespace mlpipe::commands
