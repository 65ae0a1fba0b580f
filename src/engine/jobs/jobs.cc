#include "engine/jobs/jobs.h"

namespace mlpipe::engine {

Result<nlohmann::json> RunJob(config::JobType type, const config::JobConfig& config, const JobDirs& dirs,
                              const JobContext& ctx) {
  switch (type) {
    case config::JobType::kDataProcessing: return RunDataProcessing(config, dirs, ctx);
    case config::JobType::kTraining: return RunTraining(config, dirs, ctx);
    case config::JobType::kPrediction: return RunPrediction(config, dirs, ctx);
    case config::JobType::kEvaluation: return RunEvaluation(config, dirs, ctx);
  }
  return Status::Internal("unknown job type");
}

}  // namespace mlpipe::engine
