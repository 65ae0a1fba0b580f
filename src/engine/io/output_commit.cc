#include "engine/io/output_commit.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <utility>

#include "config/loader.h"
#include "util/checksum.h"
#include "util/strings.h"
#include "util/test_seam.h"

namespace mlpipe::engine {

namespace {

std::string Quote(const fs::path& p) { return "'" + p.string() + "'"; }

bool ProcessAlive(long pid) {
  return pid > 0 && (::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM);
}

// "<output>" of a hidden ".<output>.tmp-…" or ".<output>.old-…" name; "" when it is neither.
std::string OutputOfStagingName(const std::string& entry_name) {
  for (const char* kind : {".tmp-", ".old-"}) {
    const size_t at = entry_name.rfind(kind);
    if (at != std::string::npos && at > 1) return entry_name.substr(1, at - 1);
  }
  return "";
}

// In `dir`, the staging and set-aside directories (of an output named `name`, or of any output when
// `name` is empty) whose owner process is gone: an old output set aside by a commit that died
// before the new one was in place goes back to its name; the rest is removed.
void RemoveDeadStagingIn(const fs::path& dir, std::string_view name) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string entry_name = entry.path().filename().string();
    if (!IsStagingName(entry_name)) continue;
    const std::string owner_name = OutputOfStagingName(entry_name);
    if (owner_name.empty() || (!name.empty() && owner_name != name)) continue;
    const std::optional<long> pid = StagingOwnerPid(entry_name, owner_name);
    if (!pid || *pid == ::getpid() || ProcessAlive(*pid)) continue;
    const fs::path final_dir = dir / owner_name;
    if (entry_name.find(".old-") != std::string::npos && !PathExists(final_dir)) {
      (void)Rename(entry.path(), final_dir);
    } else {
      (void)RemoveAll(entry.path());
    }
  }
}

// Puts the complete `staging` in place of the output at `final_dir` and returns where the old
// output went: swapped to `staging` by renameat2(RENAME_EXCHANGE) (Linux 3.15+; ext4, xfs, btrfs,
// tmpfs), so the final name never lacks an output. Where the filesystem cannot swap (NFS, some
// FUSE), the old output is renamed aside first and put back if the second rename fails; a crash in
// between leaves it aside, and RemoveStaleStaging puts it back.
Result<fs::path> SwapIn(const fs::path& staging, const fs::path& final_dir) {
  if (!TestDisables("exchange") &&
      ::renameat2(AT_FDCWD, staging.c_str(), AT_FDCWD, final_dir.c_str(), RENAME_EXCHANGE) == 0) {
    return staging;
  }
  if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP && !TestDisables("exchange")) {
    return Status::IOErrorFromErrno(
        errno, "cannot swap the new output " + Quote(staging) + " with " + Quote(final_dir));
  }
  const fs::path aside = StagingPathFor(final_dir, "old");
  MLPIPE_RETURN_NOT_OK(Rename(final_dir, aside));
  DieIfTestSeam("set_aside");
  if (Status in = Rename(staging, final_dir); !in.ok()) {
    (void)Rename(aside, final_dir);
    return in;
  }
  return aside;
}

// Removes the old output after it was swapped out to `old`: its own entries, then the directory.
// If anything else appeared in it meanwhile, nothing is removed: the directory is renamed to a
// visible "<final>.kept-<pid>" and the error names it.
Status RemoveReplaced(const OutputTarget& target, const fs::path& old, const fs::path& final_dir) {
  MLPIPE_ASSIGN_OR_RETURN(auto existing, InspectLocalPath(old));
  auto judged = PlanOutput(target, existing);
  if (judged.ok()) {
    for (const auto& e : judged->replaced_entries) MLPIPE_RETURN_NOT_OK(RemoveAll(old / e));
    if (::rmdir(old.c_str()) == 0) return Status::OK();
  }
  const fs::path kept = final_dir.string() + ".kept-" + std::to_string(::getpid());
  MLPIPE_RETURN_NOT_OK(Rename(old, kept));
  return Status::IOError("files appeared in the replaced output " + Quote(final_dir) +
                         " while the job ran; mlpipe did not write them and kept them in " +
                         Quote(kept));
}

// Publishes complete `staging` at `final_dir` as `plan` says (steps 5-7 of the header). Until the
// new output is in place, a failure removes `staging`.
Status PublishStaged(const OutputTarget& target, const OutputPlan& plan, const fs::path& staging,
                     const fs::path& final_dir) {
  const bool replace = plan.action == OutputPlan::Action::kReplace && PathExists(final_dir);
  Result<fs::path> old = [&]() -> Result<fs::path> {
    if (!replace) {
      MLPIPE_RETURN_NOT_OK(
          Rename(staging, final_dir));  // fails rather than replace a non-empty directory
      return fs::path();
    }
    // Judge again right before the swap: the directory may have changed while the job ran.
    MLPIPE_ASSIGN_OR_RETURN(auto existing, InspectLocalPath(final_dir));
    MLPIPE_RETURN_NOT_OK(PlanOutput(target, existing).status());
    return SwapIn(staging, final_dir);
  }();
  if (!old.ok()) {
    (void)RemoveAll(staging);
    return old.status();
  }
  DieIfTestSeam("published");
  MLPIPE_RETURN_NOT_OK(WriteFileAtomic(final_dir / kSuccessFile, ""));
  DieIfTestSeam("succeeded");
  if (!replace) return Status::OK();
  return RemoveReplaced(target, *old, final_dir);
}

Status WriteMarker(const OutputTarget& target, const OutputWriter& writer,
                   const fs::path& staging) {
  OutputMarker marker{writer.app_id, writer.job_type, target.role, writer.config_digest, {}};
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(staging, ec))
    marker.files.push_back(e.path().filename().string());
  if (ec)
    return Status::IOError("cannot list the staged output " + Quote(staging) + ": " + ec.message());
  std::sort(marker.files.begin(), marker.files.end());
  return WriteFileAtomic(staging / kOutputMarkerFile, marker.ToJson());
}

// The directory a plan publishes to; creates the new_version container when it is new.
Result<fs::path> FinalDirFor(const OutputTarget& target, const OutputPlan& plan) {
  const fs::path path(target.path);
  if (plan.action != OutputPlan::Action::kNewVersion) {
    if (path.has_parent_path()) MLPIPE_RETURN_NOT_OK(MakeDirs(path.parent_path()));
    return path;
  }
  if (plan.create_container) {
    MLPIPE_RETURN_NOT_OK(MakeDirs(path));
    MLPIPE_RETURN_NOT_OK(
        WriteFileAtomic(path / kVersionsMarkerFile, VersionsMarkerJson(target.role)));
  }
  return path / VersionDirName(plan.version);
}

// The app id in `dir`'s output marker; "" when it has none (or not a readable one).
std::string MarkerAppOf(const fs::path& dir) {
  Result<std::string> text = ReadFile(dir / kOutputMarkerFile);
  if (!text.ok()) return "";
  Result<OutputMarker> marker = OutputMarker::FromJson(*text, dir.string());
  return marker.ok() ? marker->app_id : "";
}

bool IsVersionName(const std::string& name) { return VersionFromDirName(name).has_value(); }

// Points `container`/latest at the version in directory `version_dir` unless it names a newer one.
Status PointLatestAtLeast(const fs::path& container, const fs::path& version_dir) {
  const std::optional<int> version = VersionFromDirName(version_dir.filename().string());
  if (!version) return Status::Internal(Quote(version_dir) + " is not a version directory");
  Result<std::string> current = ReadFile(container / kLatestFile);
  if (!LatestMovesTo(current.ok() ? std::optional(*current) : std::nullopt, *version)) {
    return Status::OK();
  }
  return WriteFileAtomic(container / kLatestFile, LatestFileText(*version));
}

}  // namespace

OutputWriter WriterOf(config::JobType type, const config::JobConfig& config,
                      const std::string& app_id) {
  return {app_id, std::string(config::JobTypeName(type)),
          ContentChecksum(config::RenderYaml(config))};
}

Result<ExistingPath> InspectLocalPath(const fs::path& path) {
  ExistingPath out;
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return out;
    return Status::IOErrorFromErrno(errno, "cannot inspect " + Quote(path));
  }
  out.kind = S_ISLNK(st.st_mode)   ? ExistingPath::Kind::kSymlink
             : S_ISDIR(st.st_mode) ? ExistingPath::Kind::kDirectory
                                   : ExistingPath::Kind::kFile;
  if (out.kind != ExistingPath::Kind::kDirectory) return out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(path, ec)) {
    out.entries.push_back(e.path().filename().string());
  }
  if (ec) return Status::IOError("cannot list " + Quote(path) + ": " + ec.message());
  std::sort(out.entries.begin(), out.entries.end());
  for (auto [file, text] : {std::pair{kOutputMarkerFile, &out.marker},
                            std::pair{kVersionsMarkerFile, &out.versions_marker}}) {
    if (std::find(out.entries.begin(), out.entries.end(), file) == out.entries.end()) continue;
    MLPIPE_ASSIGN_OR_RETURN(*text, ReadFile(path / file));
  }
  return out;
}

Status CheckLocalOutput(const OutputTarget& target) {
  MLPIPE_ASSIGN_OR_RETURN(auto existing, InspectLocalPath(target.path));
  return PlanOutput(target, existing).status();
}

Result<fs::path> LatestVersionOf(const fs::path& path) {
  if (!PathExists(path / kVersionsMarkerFile)) return path;
  auto latest = ReadFile(path / kLatestFile);
  const std::optional<int> version = latest.ok() ? VersionFromDirName(Trim(*latest)) : std::nullopt;
  if (!version || !PathExists(path / VersionDirName(*version))) {
    return Status::NotFound("versioned output " + Quote(path) +
                            " has no complete version named by its '" + std::string(kLatestFile) +
                            "' file; run the job that writes it");
  }
  return path / VersionDirName(*version);
}

void RemoveStaleStaging(const fs::path& output) {
  if (output.has_parent_path())
    RemoveDeadStagingIn(output.parent_path(), output.filename().string());
  if (PathExists(output / kVersionsMarkerFile)) RemoveDeadStagingIn(output, "");
}

StagedOutput::StagedOutput(OutputTarget target, OutputPlan plan, fs::path staging,
                           fs::path final_dir)
    : target_(std::move(target)),
      plan_(std::move(plan)),
      staging_(std::move(staging)),
      final_dir_(std::move(final_dir)) {}

StagedOutput::StagedOutput(StagedOutput&& other) noexcept
    : target_(std::move(other.target_)),
      plan_(std::move(other.plan_)),
      staging_(std::move(other.staging_)),
      final_dir_(std::move(other.final_dir_)),
      pending_(std::exchange(other.pending_, false)) {}

StagedOutput::~StagedOutput() {
  if (pending_) (void)RemoveAll(staging_);
}

Result<fs::path> StagedOutput::Publish() {
  if (!pending_) return Status::Internal("output " + Quote(final_dir_) + " was published already");
  pending_ = false;  // from here PublishStaged owns the staging directory
  MLPIPE_RETURN_NOT_OK(PublishStaged(target_, plan_, staging_, final_dir_)
                           .WithContext("cannot publish " + Quote(final_dir_)));
  if (plan_.action == OutputPlan::Action::kNewVersion) {
    MLPIPE_RETURN_NOT_OK(PointLatestAtLeast(target_.path, final_dir_));
  }
  return final_dir_;
}

Result<StagedOutput> StageLocalOutput(const OutputTarget& target, const OutputWriter& writer,
                                      const std::function<Status(const fs::path& staging)>& write) {
  RemoveStaleStaging(target.path);
  MLPIPE_ASSIGN_OR_RETURN(auto existing, InspectLocalPath(target.path));
  MLPIPE_ASSIGN_OR_RETURN(auto plan, PlanOutput(target, existing));
  MLPIPE_ASSIGN_OR_RETURN(auto final_dir, FinalDirFor(target, plan));
  StagedOutput staged(target, plan, StagingPathFor(final_dir), final_dir);
  MLPIPE_RETURN_NOT_OK(MakeDirs(staged.staging_));
  MLPIPE_RETURN_NOT_OK(write(staged.staging_));
  DieIfTestSeam("staged");
  MLPIPE_RETURN_NOT_OK(WriteMarker(target, writer, staged.staging_));
  DieIfTestSeam("marked");
  return staged;
}

Result<std::optional<fs::path>> PublishedOutputOf(const OutputTarget& target,
                                                  const std::string& app_id) {
  const fs::path path(target.path);
  if (!PathExists(path / kVersionsMarkerFile)) {
    return MarkerAppOf(path) == app_id ? std::optional<fs::path>(path) : std::nullopt;
  }
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(path, ec)) {
    if (IsVersionName(entry.path().filename().string()) && MarkerAppOf(entry.path()) == app_id) {
      return std::optional<fs::path>(entry.path());
    }
  }
  if (ec) return Status::IOError("cannot list " + Quote(path) + ": " + ec.message());
  return std::optional<fs::path>();
}

Result<std::optional<fs::path>> FinishPublishingOf(const OutputTarget& target,
                                                   const std::string& app_id) {
  const fs::path path(target.path);
  const bool versioned = PathExists(path / kVersionsMarkerFile);
  MLPIPE_ASSIGN_OR_RETURN(std::optional<fs::path> published, PublishedOutputOf(target, app_id));
  if (!published) {
    // Staged and marked, not swapped in: ".<name>.tmp-<pid>" next to the output, or next to the
    // version inside a new_version container.
    const fs::path dir = versioned ? path : path.parent_path();
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
      const std::string name = entry.path().filename().string();
      const std::string output = OutputOfStagingName(name);
      const bool ours = name.find(".tmp-") != std::string::npos &&
                        (versioned ? IsVersionName(output) : output == path.filename().string());
      if (!ours || MarkerAppOf(entry.path()) != app_id) continue;
      OutputPlan plan;
      plan.action = OutputPlan::Action::kNewVersion;
      if (!versioned) {
        MLPIPE_ASSIGN_OR_RETURN(auto existing, InspectLocalPath(path));
        MLPIPE_ASSIGN_OR_RETURN(plan, PlanOutput(target, existing));
      }
      published = dir / output;
      MLPIPE_RETURN_NOT_OK(PublishStaged(target, plan, entry.path(), *published)
                               .WithContext("cannot publish " + Quote(*published)));
      break;
    }
    if (!published) return std::optional<fs::path>();
  }
  if (!PathExists(*published / kSuccessFile)) {
    MLPIPE_RETURN_NOT_OK(WriteFileAtomic(*published / kSuccessFile, ""));
  }
  if (versioned) MLPIPE_RETURN_NOT_OK(PointLatestAtLeast(path, *published));
  RemoveStaleStaging(path);  // the replaced output, swapped out under the dead job's staging name
  return published;
}

}  // namespace mlpipe::engine
