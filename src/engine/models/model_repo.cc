#include "engine/models/model_repo.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <utility>

#include "util/file_lock.h"
#include "util/strings.h"
#include "util/test_seam.h"

namespace mlpipe::engine {
namespace {

constexpr const char* kLockFile = ".latest.lock";

}  // namespace

namespace {

std::string VersionList(const std::vector<int>& versions) {
  std::vector<std::string> names;
  for (int v : versions) names.push_back(VersionDirName(v));
  return Join(names, ", ");
}

}  // namespace

Result<std::optional<int>> ParseModelVersion(std::string_view text) {
  if (text.empty() || text == "latest") return std::optional<int>();
  std::string with_v = text[0] == 'v' ? std::string(text) : "v" + std::string(text);
  std::optional<int> v = VersionFromDirName(with_v);
  if (!v) {
    return Status::InvalidArgument(
        fmt::format("'{}' is not a model version; use latest, a number such as 3, or v3", text));
  }
  return std::optional<int>(*v);
}

bool IsModelName(std::string_view name) {
  return !name.empty() && name[0] != '.' && std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-';
  });
}

Status ModelRepository::CheckName(std::string_view name) const {
  if (IsModelName(name)) return Status::OK();
  return Status::InvalidArgument(
      fmt::format("'{}' is not a valid model name; use letters, digits, '_', '.' and '-' (not "
                  "starting with '.')",
                  name));
}

std::vector<std::string> ModelRepository::ModelNames() const {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(root_, ec)) {
    std::string n = e.path().filename().string();
    if (e.is_directory() && IsModelName(n)) names.push_back(n);
  }
  std::sort(names.begin(), names.end());
  return names;
}

Result<std::vector<int>> ModelRepository::Versions(const std::string& name) const {
  MLPIPE_RETURN_NOT_OK(CheckName(name));
  fs::path dir = root_ / name;
  if (!fs::is_directory(dir)) {
    std::vector<std::string> models = ModelNames();
    return Status::NotFound(fmt::format("model '{}' not found in {}{}; available models: {}", name,
                                        root_.string(), DidYouMeanSuffix(name, models),
                                        models.empty() ? "(none)" : Join(models, ", ")));
  }
  std::vector<int> versions;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    std::optional<int> v = VersionFromDirName(e.path().filename().string());
    if (v && e.is_directory()) versions.push_back(*v);
  }
  if (ec) return Status::IOError(fmt::format("cannot list '{}': {}", dir.string(), ec.message()));
  std::sort(versions.begin(), versions.end());
  return versions;
}

Result<int> ChooseVersion(const std::string& name, const std::vector<int>& versions,
                          const std::optional<std::string>& latest_file,
                          const std::string& requested, const std::string& where) {
  MLPIPE_ASSIGN_OR_RETURN(std::optional<int> wanted, ParseModelVersion(requested));
  if (versions.empty()) {
    return Status::NotFound(
        fmt::format("model '{}' has no published versions in {}; train it first", name, where));
  }
  if (!wanted) {
    std::optional<int> from_file =
        latest_file ? VersionFromDirName(Trim(*latest_file)) : std::optional<int>();
    bool valid = from_file && std::count(versions.begin(), versions.end(), *from_file) > 0;
    return valid ? *from_file : versions.back();
  }
  if (std::count(versions.begin(), versions.end(), *wanted) == 0) {
    return Status::NotFound(fmt::format("model '{}' has no version v{}; available versions: {}",
                                        name, *wanted, VersionList(versions)));
  }
  return *wanted;
}

Result<fs::path> ModelRepository::Resolve(const std::string& name,
                                          const std::string& version) const {
  MLPIPE_RETURN_NOT_OK(ParseModelVersion(version).status());
  MLPIPE_ASSIGN_OR_RETURN(std::vector<int> versions, Versions(name));
  Result<std::string> latest = ReadFile(root_ / name / kLatestFile);
  MLPIPE_ASSIGN_OR_RETURN(
      int chosen, ChooseVersion(name, versions,
                                latest.ok() ? std::optional<std::string>(*latest) : std::nullopt,
                                version, root_.string()));
  return root_ / name / VersionDirName(chosen);
}

Status ModelRepository::UpdateLatest(const std::string& name, int version) {
  MLPIPE_ASSIGN_OR_RETURN(FileLock lock, FileLock::Acquire(root_ / name / kLockFile));
  Result<std::string> current = ReadFile(root_ / name / kLatestFile);
  if (!LatestMovesTo(current.ok() ? std::optional(*current) : std::nullopt, version)) {
    return Status::OK();
  }
  return WriteFileAtomic(root_ / name / kLatestFile, LatestFileText(version));
}

namespace {

// Moves `staging_dir` to `target` unless `target` exists (false then). renameat2(RENAME_NOREPLACE)
// does it in one step, so a version directory never exists incomplete, not even empty; where the
// filesystem lacks it, `target` is reserved with mkdir(2) and the staging directory renamed over
// the empty reservation.
Result<bool> MoveInAsNew(const fs::path& staging_dir, const fs::path& target) {
  if (::renameat2(AT_FDCWD, staging_dir.c_str(), AT_FDCWD, target.c_str(), RENAME_NOREPLACE) == 0) {
    return true;
  }
  if (errno == EEXIST) return false;
  if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP) {
    return Status::IOErrorFromErrno(
        errno,
        fmt::format(
            "cannot move '{}' to '{}' (the staging directory must be on the same filesystem)",
            staging_dir.string(), target.string()));
  }
  std::error_code ec;
  if (!fs::create_directory(target, ec)) {
    if (ec)
      return Status::IOError(fmt::format("cannot create '{}': {}", target.string(), ec.message()));
    return false;
  }
  Status moved = Rename(staging_dir, target);  // replaces the empty reserved directory
  if (!moved.ok()) {
    fs::remove(target, ec);
    return moved.WithContext(fmt::format(
        "publishing '{}' (the staging directory must be on the same filesystem)", target.string()));
  }
  return true;
}

}  // namespace

Result<PublishedModel> ModelRepository::Publish(const std::string& name,
                                                const fs::path& staging_dir) {
  MLPIPE_RETURN_NOT_OK(CheckName(name));
  if (!fs::is_directory(staging_dir)) {
    return Status::NotFound(
        fmt::format("staging directory '{}' does not exist", staging_dir.string()));
  }
  MLPIPE_RETURN_NOT_OK(MakeDirs(root_ / name));
  MLPIPE_ASSIGN_OR_RETURN(std::vector<int> versions, Versions(name));
  int next = versions.empty() ? 1 : versions.back() + 1;
  fs::path target;
  while (true) {  // a concurrent publisher that took `next` makes us try next + 1
    target = root_ / name / VersionDirName(next);
    MLPIPE_ASSIGN_OR_RETURN(bool moved, MoveInAsNew(staging_dir, target));
    if (moved) break;
    ++next;
  }
  DieIfTestSeam("published");
  MLPIPE_RETURN_NOT_OK(UpdateLatest(name, next));
  return PublishedModel{name, next, target};
}

}  // namespace mlpipe::engine
