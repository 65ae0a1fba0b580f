// Versioned model storage on the local filesystem: <root>/<name>/v<N>/ holds one published model
// and is never overwritten; <root>/<name>/latest holds "v<N>" of the newest. Publishing is safe
// across threads and processes: the staging directory is moved in with
// renameat2(RENAME_NOREPLACE), so a version directory exists only complete, and `latest` is
// updated under an flock(2) so it never goes backwards.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/io/version_names.h"
#include "util/fs.h"
#include "util/result.h"

namespace mlpipe::engine {

// Letters, digits, '_', '.' and '-', not starting with '.': the names the repository accepts (so a
// staging or hidden directory beside the models is never taken for one).
bool IsModelName(std::string_view name);

// "", "latest" -> nullopt; "3" / "v3" -> 3. InvalidArgument otherwise.
Result<std::optional<int>> ParseModelVersion(std::string_view text);

// The version that `requested` ("" / "latest" / "3" / "v3") names among the published `versions`
// (ascending) of `name`: latest = the `latest` file's content when it names a published version,
// else the newest. NotFound lists the versions; `where` names the repository. Resolve uses it; the
// Spark driver applies it to a repository on HDFS.
Result<int> ChooseVersion(const std::string& name, const std::vector<int>& versions,
                          const std::optional<std::string>& latest_file,
                          const std::string& requested, const std::string& where);

struct PublishedModel {
  std::string name;
  int version = 0;
  fs::path dir;  // <root>/<name>/v<version>
};

class ModelRepository {
 public:
  explicit ModelRepository(fs::path root) : root_(std::move(root)) {}

  // Moves `staging_dir` in as the next version of `name` and points `latest` at the newest version.
  // InvalidArgument for a bad name; IOError (naming both paths) when the move fails.
  Result<PublishedModel> Publish(const std::string& name, const fs::path& staging_dir);
  // The directory of `name` at `version` ("" / "latest" / "3" / "v3"). NotFound lists the available
  // models or versions, with a did-you-mean.
  Result<fs::path> Resolve(const std::string& name, const std::string& version) const;
  // Published versions of `name`, ascending. NotFound when the model does not exist.
  Result<std::vector<int>> Versions(const std::string& name) const;
  // Every model name under the root, sorted.
  std::vector<std::string> ModelNames() const;
  // Points `latest` of `name` at `version` unless it names a newer one already.
  Status UpdateLatest(const std::string& name, int version);

  const fs::path& root() const { return root_; }

 private:
  Status CheckName(std::string_view name) const;

  fs::path root_;
};

}  // namespace mlpipe::engine
