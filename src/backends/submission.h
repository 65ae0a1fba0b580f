// The submit workflow every front end shares (today `mlpipe submit`): check the config for the job
// type, complete the request (the job's name, the submitting user, the redacted YAML stored with
// the job), choose the backend the config names, then plan the job (what --dry-run prints; starts
// nothing) or record and start it. Every start attempt, accepted or refused, is a line in
// $MLPIPE_HOME/mlpipe_job_submission.log (store/home.h).
#pragma once

#include <memory>
#include <string>

#include "backends/backend.h"
#include "store/registry.h"
#include "util/result.h"

namespace mlpipe::backends {

struct Submission {
  SubmitRequest request;             // completed
  std::unique_ptr<Backend> backend;  // environment_config.backend's
};

// `request` carries its type (or custom script and arguments), its config with every command-line
// override applied, and optionally a name. ConfigError when the config lacks what the job type
// needs (config::ValidateForJob); the backend's error when it cannot be opened.
Result<Submission> PrepareSubmission(SubmitRequest request, store::Registry& registry);

// Records and starts the job; returns its application id. The attempt is logged either way.
Result<std::string> StartSubmission(Submission& submission);

}  // namespace mlpipe::backends
