// Fuzzes the config loader end to end (config/loader.h): YAML parsing, `extends:` and multi-file
// merge, command-line overrides, decoding and validation. The input is split at NUL bytes into a
// base file, an overlay file merged over it, and override lines ("key=value", one per line).
// Properties: any input gives a Status, never a crash or hang; a config that loads renders
// (RenderYaml) to YAML that loads again and renders identically; ValidateForJob answers for every
// job type.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "config/loader.h"
#include "fuzz_input.h"

namespace {

using mlpipe::config::JobType;
using mlpipe::config::LoadJobConfig;
using mlpipe::config::LoadOptions;
using mlpipe::config::RenderYaml;

std::vector<std::string_view> SplitAtNul(std::string_view input, size_t max_parts) {
  std::vector<std::string_view> parts;
  while (parts.size() + 1 < max_parts) {
    size_t nul = input.find('\0');
    if (nul == std::string_view::npos) break;
    parts.push_back(input.substr(0, nul));
    input.remove_prefix(nul + 1);
  }
  parts.push_back(input);
  return parts;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto parts = SplitAtNul(std::string_view(reinterpret_cast<const char*>(data), size), 3);
  LoadOptions options;
  options.files.push_back(mlpipe::fuzz::WriteScratch("base.yaml", parts[0]).string());
  if (parts.size() > 1)
    options.files.push_back(mlpipe::fuzz::WriteScratch("overlay.yaml", parts[1]).string());
  if (parts.size() > 2) {
    std::istringstream lines{std::string(parts[2])};
    for (std::string line; std::getline(lines, line);) options.overrides.push_back(line);
  }
  auto config = LoadJobConfig(options);
  if (!config.ok()) return 0;
  for (JobType type :
       {JobType::kTraining, JobType::kPrediction, JobType::kDataProcessing, JobType::kEvaluation}) {
    (void)mlpipe::config::ValidateForJob(*config, type);
  }
  const std::string rendered = RenderYaml(*config);
  LoadOptions again;
  again.files.push_back(mlpipe::fuzz::WriteScratch("rendered.yaml", rendered).string());
  auto reloaded = LoadJobConfig(again);
  if (!reloaded.ok()) {
    mlpipe::fuzz::PropertyFailed("rendered config does not load",
                                 reloaded.status().message() + "\n" + rendered);
  }
  if (RenderYaml(*reloaded) != rendered)
    mlpipe::fuzz::PropertyFailed("render is not a fixed point", rendered);
  return 0;
}
