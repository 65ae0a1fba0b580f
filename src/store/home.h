// Where mlpipe keeps its own state on this machine: $MLPIPE_HOME, else ~/.mlpipe. Holds the job
// registry, the default local warehouse and the append-only submission log (one line per submit).
#pragma once

#include <cstdint>
#include <string>

#include "util/fs.h"
#include "util/result.h"

namespace mlpipe::store {

// $MLPIPE_HOME when set and non-empty, else <UserHome()>/.mlpipe.
fs::path MlpipeHome();
// $HOME, else the passwd entry's home directory (else /tmp).
fs::path UserHome();
fs::path RegistryPath(const fs::path& home);          // <home>/registry.db
fs::path DefaultWarehouseRoot(const fs::path& home);  // <home>/warehouse
fs::path SubmissionLogPath(const fs::path& home);     // <home>/mlpipe_job_submission.log

struct SubmissionLogEntry {
  int64_t time_ms = 0;
  std::string app_id, name, job_type, backend, user;
  std::string outcome;  // e.g. "SUBMITTED" or "FAILED: <reason>"
};

// Appends one tab-separated line "<UTC time>\t<app
// id>\t<name>\t<type>\t<backend>\t<user>\t<outcome>" with a single O_APPEND write, so concurrent
// submitters never interleave. Tabs and newlines inside fields become spaces; an empty field is
// written as "-".
Status AppendSubmissionLog(const fs::path& log_path, const SubmissionLogEntry& entry);

}  // namespace mlpipe::store
