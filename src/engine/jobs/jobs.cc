#include "engine/jobs/jobs.h"

#include <algorithm>

#include "engine/io/output_commit.h"

namespace mlpipe::engine {

namespace {

// `config` with every data path the job reads (all but its outputs) pointing at the latest version
// when it names a new_version output.
Result<config::JobConfig> ReadingLatestVersions(config::JobType type,
                                                const config::JobConfig& config) {
  config::JobConfig out = config;
  auto& d = out.data;
  const auto outputs = ConfiguredOutputs(type, config);
  for (std::string* p : {&d.raw_data_path, &d.training_data_path, &d.validation_data_path,
                         &d.evaluation_data_path, &d.prediction_input_path}) {
    const bool written =
        std::any_of(outputs.begin(), outputs.end(), [&](const auto& o) { return o.path == *p; });
    if (p->empty() || written) continue;
    MLPIPE_ASSIGN_OR_RETURN(auto latest, LatestVersionOf(*p));
    *p = latest.string();
  }
  return out;
}

}  // namespace

Result<nlohmann::json> RunJob(config::JobType type, const config::JobConfig& config,
                              const JobDirs& dirs, const JobContext& ctx) {
  MLPIPE_ASSIGN_OR_RETURN(auto reading, ReadingLatestVersions(type, config));
  switch (type) {
    case config::JobType::kDataProcessing:
      return RunDataProcessing(reading, dirs, ctx);
    case config::JobType::kTraining:
      return RunTraining(reading, dirs, ctx);
    case config::JobType::kPrediction:
      return RunPrediction(reading, dirs, ctx);
    case config::JobType::kEvaluation:
      return RunEvaluation(reading, dirs, ctx);
  }
  return Status::Internal("unknown job type");
}

void RemoveDeadStaging(config::JobType type, const config::JobConfig& config, const JobDirs& dirs) {
  for (const auto& target : ConfiguredOutputs(type, config)) RemoveStaleStaging(target.path);
  if (type == config::JobType::kTraining)
    RemoveStaleStaging(ModelStagingBase(dirs, config.model.model_name));
}

std::filesystem::path ModelStagingBase(const JobDirs& dirs, const std::string& model_name) {
  return dirs.models / model_name / "staging";
}

std::filesystem::path FeaturePipelineArtifact(const JobDirs& dirs, const std::string& model_name,
                                              const std::string& run_id) {
  return dirs.artifacts / "feature_pipelines" / model_name / (run_id + ".json");
}

std::filesystem::path TrainingMetricsFile(const JobDirs& dirs, const std::string& model_name,
                                          const std::string& version) {
  return dirs.metrics / model_name / version / "training.json";
}

}  // namespace mlpipe::engine
