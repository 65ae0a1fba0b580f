// What `mlpipe validate` learns about a job's input before anything runs, from the input's schema
// (CSV header and the types inferred from its first MiBs, Parquet footers), its lineage file, its
// first rows (the feature_pipeline is fitted on them: every column a step names, every type it
// needs) and, for a stratified split, the target column alone; never the whole table. The rules are
// the jobs' own (data_processing.h, ModelBundle::CheckInput, FittedPipeline::Fit), so validate
// refuses what the job would.
#pragma once

#include <string>
#include <vector>

#include "config/job_config.h"
#include "engine/jobs/job_context.h"
#include "util/result.h"

namespace mlpipe::engine {

struct DataCheckReport {
  std::vector<std::string> checked;  // one line per input checked: what was read and found
  std::vector<std::string> skipped;  // what could not be checked, and why
};

// The input to check: a local path, or a local copy of the head of an input elsewhere (HDFS).
struct CheckedInput {
  std::string key;    // its config key, e.g. "data_config.raw_data_path"
  std::string path;   // local, read
  std::string shown;  // named in messages; "" = path
  bool whole = true;  // false: `path` holds only the first rows (the split is then not checked)
};

// Checks `input`, the input `type` reads in `resolved`, with the models under `dirs`. A missing
// input or model is skipped (validate often runs before the data is staged or the model trained);
// every problem found is one line of a ConfigError.
Result<DataCheckReport> CheckJobData(config::JobType type, const config::JobConfig& resolved,
                                     const CheckedInput& input, const JobDirs& dirs);

}  // namespace mlpipe::engine
