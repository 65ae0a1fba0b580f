#include "backends/submission.h"

#include <unistd.h>

#include "cluster/hadoop_conf.h"
#include "config/loader.h"
#include "store/home.h"
#include "util/clock.h"

namespace mlpipe::backends {
namespace {

// Who submits: Hadoop's user name (HADOOP_USER_NAME, else the login name), else the uid.
std::string CurrentUser() {
  const std::string user = cluster::HadoopUserName();
  return user.empty() ? std::to_string(::getuid()) : user;
}

// Best effort: a submission log that cannot be written does not stop the job.
void LogSubmission(const SubmitRequest& request, std::string_view backend,
                   const Result<std::string>& id) {
  store::SubmissionLogEntry entry;
  entry.time_ms = SystemClock::Instance().NowMs();
  entry.app_id = id.ok() ? *id : "-";
  entry.name = request.name;
  entry.job_type = request.TypeName();
  entry.backend = std::string(backend);
  entry.user = request.user;
  entry.outcome = id.ok() ? "SUBMITTED" : "REJECTED: " + id.status().message();
  (void)store::AppendSubmissionLog(store::SubmissionLogPath(store::MlpipeHome()), entry);
}

}  // namespace

Result<Submission> PrepareSubmission(SubmitRequest request, store::Registry& registry) {
  if (!request.is_custom())
    MLPIPE_RETURN_NOT_OK(config::ValidateForJob(request.config, request.type));
  if (request.name.empty())
    request.name = request.config.model.model_name + "-" + request.TypeName();
  request.redacted_config_yaml = config::RenderYaml(request.config);
  request.user = CurrentUser();
  Submission submission;
  MLPIPE_ASSIGN_OR_RETURN(submission.backend, BackendFor(request.config, registry));
  submission.request = std::move(request);
  return submission;
}

Result<std::string> StartSubmission(Submission& submission) {
  Result<std::string> app_id = submission.backend->Submit(submission.request);
  LogSubmission(submission.request, submission.backend->name(), app_id);
  return app_id;
}

}  // namespace mlpipe::backends
