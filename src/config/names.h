// Text <-> enum for the names that appear in job_config.yaml and on the command line. Unknown names
// fail with a did-you-mean and the full list of valid names.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "config/job_config.h"
#include "util/result.h"

namespace mlpipe::config {

// InvalidArgument for an unknown job type (it usually comes from the command line).
Result<JobType> ParseJobType(std::string_view name);
// ConfigError for unknown names (they come from a config file; the caller adds the location).
Result<Algorithm> ParseAlgorithm(std::string_view name);
Result<Task> ParseTask(std::string_view name);
Result<WriteMode> ParseWriteMode(std::string_view name);
Result<BackendKind> ParseBackend(std::string_view name);
std::string_view BackendName(BackendKind b);

std::vector<std::string> AllAlgorithmNames();
std::vector<std::string> AllTaskNames();
std::vector<std::string> AllWriteModeNames();

// feature_pipeline step kinds: "select", "drop", ... "dedupe" (the YAML key of a step).
Result<StepSpec::Kind> ParseStepKind(std::string_view name);
std::string_view StepKindName(StepSpec::Kind k);
std::vector<std::string> AllStepKindNames();

}  // namespace mlpipe::config
