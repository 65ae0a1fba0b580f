// Loading job_config.yaml: files (each possibly `extends:` another) are deep-merged in order, then
// command-line overrides are applied, then everything is validated at once; a JobConfig only exists
// when all of it is valid. Also: per-job-type requirements, rendering the effective config with
// secrets masked, and the secret values a log redactor must hide.
#pragma once

#include <string>
#include <vector>

#include "config/job_config.h"
#include "config/names.h"
#include "util/result.h"

namespace mlpipe::config {

struct LoadOptions {
  std::vector<std::string> files;  // merged in order; later files win
  // "key=value": `spark.x=v` sets spark_config["spark.x"]; otherwise a dotted path into the YAML
  // tree (model_config.hyperparameters.max_depth=6). Values are YAML scalars; applied before
  // validation, reported as "<command line>".
  std::vector<std::string> overrides;
};

// Merge rules: maps merge recursively, scalars and lists replace. A file's top-level
// `extends: other.yaml` (relative to that file) is loaded first, chains allowed, cycles an error.
// Errors: NotFound for a missing file (suggesting -c), InvalidArgument for a malformed override,
// ConfigError listing every problem, one per line, each with file:line:col.
Result<JobConfig> LoadJobConfig(const LoadOptions& options);

// Keys `type` needs that are empty: training: data_config.target_column, training_data_path;
// evaluation: target_column and evaluation_data_path (or validation_data_path); prediction:
// prediction_input_path, predictions_output_path; data_processing: raw_data_path,
// training_data_path, validation_data_path. ConfigError naming every missing key and the file to
// add it to.
Status ValidateForJob(const JobConfig& config, JobType type);

// The full effective config as YAML that LoadJobConfig reads back: every section and key, defaults
// included, secrets (keystore/truststore passwords, spark keys or values flagged by IsSecretKey)
// shown as ******.
std::string RenderYaml(const JobConfig& config);

// Every non-empty resolved secret value in `config`, for util/redact.h's Redactor.
std::vector<std::string> SecretValues(const JobConfig& config);

}  // namespace mlpipe::config
