// The one way a job publishes a directory output on the local filesystem (predictions, processed
// data), under the ownership rule of engine/io/output_owner.h:
//   1. staging directories of dead jobs next to the output are removed (RemoveStaleStaging);
//   2. what exists at the path is judged (PlanOutput): a refusal comes before anything is written;
//   3. the job writes into a hidden staging directory next to the target;
//   4. `_mlpipe_output.json`, listing what was staged, is written into the staging directory;
//   5. the staging directory is published by rename(2); when replacing, it is swapped with the old
//      output by renameat2(RENAME_EXCHANGE), so the final name holds the old or the new output at
//      every instant, never neither and never a half-written one (where the filesystem cannot swap,
//      the old output is renamed aside first, and put back if anything fails or crashes);
//   6. `_SUCCESS` is written; 7. the old output's own entries are removed, and nothing else.
// Test seam (docs/ARCHITECTURE.md): MLPIPE_TEST_DIE_AT=<step>[:<n>] sends the process SIGKILL the
// n-th time (default 1) it reaches step staged | marked | set_aside (fallback only) | published |
// succeeded; MLPIPE_TEST_DISABLE=exchange takes the fallback on any filesystem.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "engine/io/output_owner.h"
#include "util/fs.h"
#include "util/result.h"

namespace mlpipe::engine {

// Who writes an output: recorded in its marker.
struct OutputWriter {
  std::string app_id;
  std::string job_type;
  std::string config_digest;
};

// The writer of `type`'s outputs: run `app_id`, and the checksum of `config` as rendered
// (redacted).
OutputWriter WriterOf(config::JobType type, const config::JobConfig& config,
                      const std::string& app_id);

// What exists at local `path` (lstat: a symlink is reported as such, never followed).
Result<ExistingPath> InspectLocalPath(const fs::path& path);

// Step 2 alone, for checks before a job starts: OK when `target` may be written now.
Status CheckLocalOutput(const OutputTarget& target);

// An output written and marked in its staging directory (steps 1-4), not yet visible. Publish()
// does steps 5-7 (and names the version in `latest` for new_version); a StagedOutput destroyed
// unpublished removes its staging directory. Jobs stage every output first and publish them all
// in their one decision (JobContext::commit).
class StagedOutput {
 public:
  StagedOutput(StagedOutput&& other) noexcept;
  StagedOutput(const StagedOutput&) = delete;
  StagedOutput& operator=(const StagedOutput&) = delete;
  StagedOutput& operator=(StagedOutput&&) = delete;
  ~StagedOutput();

  // Returns the published directory: target.path, or target.path/v<N> for new_version. On
  // failure the staging directory is removed and the path is as before. Call once.
  Result<fs::path> Publish();

 private:
  friend Result<StagedOutput> StageLocalOutput(const OutputTarget&, const OutputWriter&,
                                               const std::function<Status(const fs::path&)>&);
  StagedOutput(OutputTarget target, OutputPlan plan, fs::path staging, fs::path final_dir);

  OutputTarget target_;
  OutputPlan plan_;
  fs::path staging_, final_dir_;
  bool pending_ = true;  // staging_ still holds the unpublished output
};

// Steps 1-4: `write` fills the staging directory it is given (created beforehand); on its failure,
// or any other, the staging directory is removed and nothing else changed.
Result<StagedOutput> StageLocalOutput(const OutputTarget& target, const OutputWriter& writer,
                                      const std::function<Status(const fs::path& staging)>& write);

// For a job `app_id` whose processes died without recording an end (engine/jobs/settle.h):
// the directory where `target` holds its output (target.path, or a version of a new_version
// container), or nullopt when it holds none of it.
Result<std::optional<fs::path>> PublishedOutputOf(const OutputTarget& target,
                                                  const std::string& app_id);
// Finishes what dead job `app_id` left of `target`: when its output is published, the steps after
// the swap (`_SUCCESS`, `latest`, removing the old output); else, when it had staged and marked
// it, publishes it. Returns the published directory; nullopt when the job had not staged it.
Result<std::optional<fs::path>> FinishPublishingOf(const OutputTarget& target,
                                                   const std::string& app_id);

// What a reader of `path` reads: for a new_version output, the version its `latest` names
// (<path>/v<N>); otherwise `path` itself. NotFound when `latest` names no version.
Result<fs::path> LatestVersionOf(const fs::path& path);

// Removes the staging directories next to `output` whose owning process is gone (killed jobs), and
// puts back an old output such a job had set aside when `output` is missing. Best effort: what
// cannot be done now is retried next time.
void RemoveStaleStaging(const fs::path& output);

}  // namespace mlpipe::engine
