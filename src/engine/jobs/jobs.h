// The engine's entry point: run one job of the four types on local files. `config` must have its
// data paths already resolved to local filesystem paths (the backend maps warehouse/HDFS paths
// first). Returns a JSON object naming everything the job produced (paths, model version, headline
// metrics), which the registry stores and `mlpipe status` shows. A failed job leaves no partial
// output.
#pragma once

#include <nlohmann/json.hpp>

#include "config/job_config.h"
#include "engine/jobs/job_context.h"
#include "util/result.h"

namespace mlpipe::engine {

Result<nlohmann::json> RunJob(config::JobType type, const config::JobConfig& config,
                              const JobDirs& dirs, const JobContext& ctx);

// Removes what killed runs of `type` left next to its outputs: staging directories whose process is
// gone (the local worker calls it after the job's process ended, however it ended).
void RemoveDeadStaging(config::JobType type, const config::JobConfig& config, const JobDirs& dirs);

// Where training stages a model version before publishing it: siblings of this path.
std::filesystem::path ModelStagingBase(const JobDirs& dirs, const std::string& model_name);

// Where data_processing writes run `run_id`'s fitted feature pipeline (its lineage).
std::filesystem::path FeaturePipelineArtifact(const JobDirs& dirs, const std::string& model_name,
                                              const std::string& run_id);

// Where training writes the metrics of `model_name`'s version `version` ("v<N>").
std::filesystem::path TrainingMetricsFile(const JobDirs& dirs, const std::string& model_name,
                                          const std::string& version);

// Per job type; RunJob dispatches to these.
Result<nlohmann::json> RunDataProcessing(const config::JobConfig& config, const JobDirs& dirs,
                                         const JobContext& ctx);
Result<nlohmann::json> RunTraining(const config::JobConfig& config, const JobDirs& dirs,
                                   const JobContext& ctx);
Result<nlohmann::json> RunPrediction(const config::JobConfig& config, const JobDirs& dirs,
                                     const JobContext& ctx);
Result<nlohmann::json> RunEvaluation(const config::JobConfig& config, const JobDirs& dirs,
                                     const JobContext& ctx);

}  // namespace mlpipe::engine
