// Settling a job whose processes died without recording an end (kill -9, the OOM killer, a crash):
// its outcome is what it had published, because a job publishes and records FINISHED in one
// decision (JobContext::commit) and a death inside that decision records nothing.
//   - Something of it is visible (an output whose marker names it, a model version whose metadata
//     names it, its evaluation metrics file): the job FINISHED. What it left half done is finished
//     (roll forward): outputs it had staged are published, `_SUCCESS`, `latest` and the training
//     metrics file are written.
//   - Nothing is visible: the job FAILED. What it staged or wrote under its run id is removed.
// REQUIRES: no process of the job is alive, and the caller holds the registry's write lock for
// the job (Registry::FinishPublishing), so that two reconcilers never settle it at once.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "config/job_config.h"
#include "engine/jobs/job_context.h"
#include "util/result.h"

namespace mlpipe::engine {

// The outputs of dead job `app_id` (as the job reports them, with "settled": true) once
// everything it published is complete; nullopt when it published nothing (its leftovers removed).
Result<std::optional<nlohmann::json>> SettleDeadJob(config::JobType type,
                                                    const config::JobConfig& config,
                                                    const JobDirs& dirs, const std::string& app_id);

}  // namespace mlpipe::engine
