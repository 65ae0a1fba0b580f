#include "engine/jobs/job_context.h"

namespace mlpipe::engine {

Status JobContext::CheckStop(std::string_view where) const {
  if (stop_requested()) return Status::Cancelled("job stopped on request " + std::string(where));
  if (deadline && std::chrono::steady_clock::now() > *deadline) {
    return Status::Timeout((deadline_name.empty() ? std::string("deadline") : deadline_name) +
                           " exceeded " + std::string(where) +
                           "; raise it in job_specific_config or use smaller input");
  }
  return Status::OK();
}

}  // namespace mlpipe::engine
