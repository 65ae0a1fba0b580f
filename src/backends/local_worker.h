// The body of `mlpipe __worker APP_ID --registry DB`: loads the job's recorded config snapshot,
// maps its paths onto the warehouse and runs the engine job under the supervisor
// (backends/worker_supervisor.h), which records progress and the final state. Returns the exit
// code.
#pragma once

#include <filesystem>
#include <string>

#include "backends/worker_supervisor.h"
#include "store/job_record.h"

namespace mlpipe::backends {

// What the local job `record` had published when its processes died without recording an end
// (engine/jobs/settle.h), from its recorded config snapshot.
SettleFunction SettleFor(const store::JobRecord& record);

int RunLocalWorker(const std::string& app_id, const std::filesystem::path& registry_path);

}  // namespace mlpipe::backends
