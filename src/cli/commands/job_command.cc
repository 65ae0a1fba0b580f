#include "cli/commands/job_command.h"

#include "cli/common.h"

namespace mlpipe::cli {

Result<JobHandle> OpenJob(const std::string& app_id) {
  JobHandle h;
  MLPIPE_ASSIGN_OR_RETURN(h.registry, OpenRegistry());
  MLPIPE_ASSIGN_OR_RETURN(const store::JobRecord record, h.registry->Get(app_id));
  MLPIPE_ASSIGN_OR_RETURN(h.backend, backends::BackendFor(record, *h.registry));
  MLPIPE_ASSIGN_OR_RETURN(h.record, h.backend->Refresh(record));
  return h;
}

}  // namespace mlpipe::cli
