// Output ownership: whether a job may write where something already exists. One rule for every
// backend: the local commit (engine/io/output_commit.h), the yarn backend's check over WebHDFS
// before spark-submit, and the Spark drivers' commit on HDFS (through the engine module).
//
// A directory is provably mlpipe's output when it holds `_mlpipe_output.json` (written into the
// staging directory before publishing) and nothing but the entries that marker lists, the marker
// and `_SUCCESS` (and their ".<name>.crc" checksum twins, which Hadoop's local filesystem adds).
// Outputs of earlier versions count when they hold `_SUCCESS`, data_processing's
// `_mlpipe_pipeline.json` and otherwise only part files. An empty directory holds no data and may
// be written. Anything else (a file, a symlink, a foreign or modified directory) is refused in
// every write mode: mlpipe never replaces data it did not write.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/job_config.h"
#include "engine/io/version_names.h"
#include "util/result.h"

namespace mlpipe::engine {

inline constexpr std::string_view kOutputMarkerFile = "_mlpipe_output.json";
inline constexpr std::string_view kVersionsMarkerFile = "_mlpipe_versions.json";
inline constexpr std::string_view kSuccessFile = "_SUCCESS";

// The contents of `_mlpipe_output.json`.
struct OutputMarker {
  std::string app_id;    // the job that wrote it
  std::string job_type;  // "prediction", "data_processing"
  std::string role;      // the config key of the output, e.g. "data_config.predictions_output_path"
  std::string config_digest;  // "fnv1a64:..." of the job's redacted config
  // The output's entries when published (marker and _SUCCESS aside).
  std::vector<std::string> files;

  std::string ToJson() const;
  // ConfigError naming `where` when the text is not a marker.
  static Result<OutputMarker> FromJson(std::string_view text, std::string_view where);
};

// What a filesystem reports at an output path.
struct ExistingPath {
  enum class Kind { kAbsent, kFile, kSymlink, kDirectory };
  Kind kind = Kind::kAbsent;
  std::vector<std::string> entries;            // kDirectory: the names it holds
  std::optional<std::string> marker;           // the text of _mlpipe_output.json, when present
  std::optional<std::string> versions_marker;  // the text of _mlpipe_versions.json, when present
};

// An output a job is about to write.
struct OutputTarget {
  std::string path;  // as shown in messages (local path or URI)
  std::string role;  // the config key, e.g. "data_config.predictions_output_path"
  config::WriteMode mode = config::WriteMode::kReplaceOwn;
};

struct OutputPlan {
  enum class Action {
    kCreate,      // nothing there (or an empty directory): publish at `path`
    kReplace,     // mlpipe's own output of the same role: publish, then remove `replaced_entries`
    kNewVersion,  // publish at `path`/v<version> and point `path`/latest at it
  };
  Action action = Action::kCreate;
  std::vector<std::string>
      replaced_entries;           // kReplace: what the old output holds (all provably ours)
  int version = 0;                // kNewVersion
  bool create_container = false;  // kNewVersion: `path` is new (or empty) and gets its marker
};

// The outputs `type` publishes at configured paths, in the order it writes them (paths as in
// `config`: the caller maps them first). Training and evaluation write only into the warehouse's
// model and metrics areas, whose files are versioned and run-scoped: they have none.
std::vector<OutputTarget> ConfiguredOutputs(config::JobType type, const config::JobConfig& config);

// The decision for `target` given what exists there. ConfigError, naming the path, its config key,
// the reason and what to do instead, when the job must not write there.
Result<OutputPlan> PlanOutput(const OutputTarget& target, const ExistingPath& existing);

// The text of `_mlpipe_versions.json` for a new_version container of `role`.
std::string VersionsMarkerJson(std::string_view role);

}  // namespace mlpipe::engine
