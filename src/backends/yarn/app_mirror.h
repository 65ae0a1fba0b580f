// How a YARN application's report becomes mlpipe's job record: YARN's state and final status map
// one to one onto the registry's (NEW/NEW_SAVING count as SUBMITTED; a FINISHED app whose final
// status YARN left UNDEFINED counts as FAILED), progress becomes a fraction, and the rest of the
// report (tracking URL, queue, memory, vcores, containers) is kept as the record's cluster_json.
// MirrorApp applies it to the registry with compare-and-set moves, so a concurrent kill wins.
#pragma once

#include <string>

#include "cluster/resource_manager.h"
#include "store/registry.h"

namespace mlpipe::backends::yarn {

struct MirroredState {
  store::JobState state = store::JobState::kSubmitted;
  store::FinalStatus final_status = store::FinalStatus::kUndefined;
  double progress = 0;  // 0..1
  std::string diagnostics;
  std::string cluster_json;
};

MirroredState MirrorOf(const cluster::YarnApp& app);

// A record for an application mlpipe did not submit (`mlpipe list --all`), so it is shown like
// mlpipe's own jobs; job_type is YARN's application type.
store::JobRecord RecordOf(const cluster::YarnApp& app);

// Moves the record `app_id` to the app's state (through RUNNING when YARN skipped it between two
// polls), updates progress and cluster_json. Returns the record as stored afterwards.
Result<store::JobRecord> MirrorApp(store::Registry& registry, const std::string& app_id,
                                   const cluster::YarnApp& app);

}  // namespace mlpipe::backends::yarn
