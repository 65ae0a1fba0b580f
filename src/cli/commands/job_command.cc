#include "cli/commands/job_command.h"

#include "cli/common.h"

namespace mlpipe::cli {

std::optional<JobHandle> OpenJob(const std::string& app_id, int* exit_code) {
  JobHandle h;
  auto registry = OpenRegistry();
  if (!registry.ok()) return *exit_code = ReportError(registry.status()), std::nullopt;
  h.registry = std::move(*registry);
  auto record = h.registry->Get(app_id);
  if (!record.ok()) return *exit_code = ReportError(record.status()), std::nullopt;
  auto backend = backends::BackendFor(*record, *h.registry);
  if (!backend.ok()) return *exit_code = ReportError(backend.status()), std::nullopt;
  h.backend = std::move(*backend);
  auto fresh = h.backend->Refresh(*record);
  if (!fresh.ok()) return *exit_code = ReportError(fresh.status()), std::nullopt;
  h.record = std::move(*fresh);
  return h;
}

}  // namespace mlpipe::cli
