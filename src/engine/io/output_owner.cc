#include "engine/io/output_owner.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "util/strings.h"

namespace mlpipe::engine {

namespace {

constexpr std::string_view kLegacyLineageFile = "_mlpipe_pipeline.json";  // engine/jobs/lineage.h

bool Contains(const std::vector<std::string>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// A Parquet part of a dataset, as the local engine ("part-00000.parquet") or Spark
// ("part-00000-<uuid>-c000.snappy.parquet", plus ".part-…crc" checksums on file://) names it.
bool IsPartFile(std::string_view name) {
  if (name.starts_with(".") && name.ends_with(".crc")) name = name.substr(1, name.size() - 5);
  return name.starts_with("part-") || name == kSuccessFile || name == kLegacyLineageFile;
}

// Written by an mlpipe release before markers: _SUCCESS, the lineage file, part files only.
bool IsLegacyDataOutput(const ExistingPath& existing) {
  return Contains(existing.entries, kSuccessFile) &&
         Contains(existing.entries, kLegacyLineageFile) &&
         std::all_of(existing.entries.begin(), existing.entries.end(), IsPartFile);
}

std::string Where(const OutputTarget& t) { return fmt::format("output '{}' ({})", t.path, t.role); }

Status Refuse(const OutputTarget& t, std::string_view why, std::string_view next) {
  return Status::ConfigError(fmt::format("{} {}; {}", Where(t), why, next));
}

constexpr std::string_view kMoveAway =
    "mlpipe never replaces data it did not write: move it away or choose another output path";

// The entries of an existing directory that are not in `owned`, for the message (at most 3). The
// checksum twin ".<name>.crc" that Hadoop's local filesystem writes beside a file goes with it.
std::string Foreign(const std::vector<std::string>& entries,
                    const std::vector<std::string>& owned) {
  std::vector<std::string> extra;
  for (const auto& e : entries) {
    const bool twin =
        e.starts_with(".") && e.ends_with(".crc") && Contains(owned, e.substr(1, e.size() - 5));
    if (!Contains(owned, e) && !twin && extra.size() < 3) extra.push_back("'" + e + "'");
  }
  return Join(extra, ", ");
}

Result<OutputPlan> PlanReplace(const OutputTarget& t, const ExistingPath& existing) {
  OutputPlan plan;
  plan.action = OutputPlan::Action::kReplace;
  plan.replaced_entries = existing.entries;
  if (existing.entries.empty()) return plan;
  if (!existing.marker) {
    if (t.role != "data_config.predictions_output_path" && IsLegacyDataOutput(existing))
      return plan;
    return Refuse(
        t, "exists and is not mlpipe's output (it has no " + std::string(kOutputMarkerFile) + ")",
        kMoveAway);
  }
  MLPIPE_ASSIGN_OR_RETURN(
      auto marker,
      OutputMarker::FromJson(*existing.marker, t.path + "/" + std::string(kOutputMarkerFile)));
  if (marker.role != t.role) {
    return Refuse(t,
                  fmt::format("holds mlpipe's {} output of {}, not a {} output", marker.role,
                              marker.app_id, t.role),
                  "choose another output path, or move that output away if it is no longer needed");
  }
  std::vector<std::string> owned = marker.files;
  owned.emplace_back(kOutputMarkerFile);
  owned.emplace_back(kSuccessFile);
  const std::string foreign = Foreign(existing.entries, owned);
  if (!foreign.empty()) {
    return Refuse(
        t, fmt::format("holds {} that the output of {} did not have", foreign, marker.app_id),
        kMoveAway);
  }
  return plan;
}

Result<OutputPlan> PlanNewVersion(const OutputTarget& t, const ExistingPath& existing) {
  OutputPlan plan;
  plan.action = OutputPlan::Action::kNewVersion;
  plan.version = 1;
  if (existing.kind == ExistingPath::Kind::kAbsent || existing.entries.empty()) {
    plan.create_container = true;
    return plan;
  }
  if (!existing.versions_marker) {
    return Refuse(t,
                  "exists and is not a versioned mlpipe output (it has no " +
                      std::string(kVersionsMarkerFile) + ")",
                  kMoveAway);
  }
  nlohmann::json j =
      nlohmann::json::parse(*existing.versions_marker, nullptr, /*allow_exceptions=*/false);
  const std::string role = j.is_object() ? j.value("role", "") : "";
  if (role != t.role) {
    return Refuse(t,
                  fmt::format("holds versions of mlpipe's {} output, not of {}",
                              role.empty() ? "?" : role, t.role),
                  "choose another output path");
  }
  plan.version = NextVersion(existing.entries);
  return plan;
}

}  // namespace

std::string OutputMarker::ToJson() const {
  return nlohmann::json{{"mlpipe_output", 1},
                        {"app_id", app_id},
                        {"job_type", job_type},
                        {"role", role},
                        {"config_digest", config_digest},
                        {"files", files}}
      .dump(2);
}

Result<OutputMarker> OutputMarker::FromJson(std::string_view text, std::string_view where) {
  nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  const auto string_at = [&](const char* key) -> const nlohmann::json* {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? &*it : nullptr;
  };
  if (!j.is_object() || !string_at("app_id") || !string_at("role") || !j.contains("files") ||
      !j["files"].is_array()) {
    return Status::ConfigError(
        fmt::format("'{}' is not an mlpipe output marker; move the output away or restore "
                    "the file",
                    where));
  }
  OutputMarker m;
  m.app_id = j["app_id"];
  m.role = j["role"];
  m.job_type = j.value("job_type", "");
  m.config_digest = j.value("config_digest", "");
  for (const auto& f : j["files"]) {
    if (f.is_string()) m.files.push_back(f);
  }
  return m;
}

std::vector<OutputTarget> ConfiguredOutputs(config::JobType type, const config::JobConfig& config) {
  const config::DataConfig& d = config.data;
  switch (type) {
    case config::JobType::kPrediction:
      return {{d.predictions_output_path, "data_config.predictions_output_path",
               d.write_mode.predictions_output_path}};
    case config::JobType::kDataProcessing:
      return {
          {d.training_data_path, "data_config.training_data_path", d.write_mode.training_data_path},
          {d.validation_data_path, "data_config.validation_data_path",
           d.write_mode.validation_data_path}};
    case config::JobType::kTraining:
    case config::JobType::kEvaluation:
      break;
  }
  return {};
}

std::string VersionsMarkerJson(std::string_view role) {
  return nlohmann::json{{"mlpipe_versions", 1}, {"role", role}}.dump(2);
}

Result<OutputPlan> PlanOutput(const OutputTarget& t, const ExistingPath& existing) {
  using Kind = ExistingPath::Kind;
  switch (existing.kind) {
    case Kind::kAbsent:
      break;
    case Kind::kFile:
      return Refuse(t, "is an existing file", kMoveAway);
    case Kind::kSymlink:
      return Refuse(t, "is a symbolic link",
                    "mlpipe does not write through links: " + std::string(kMoveAway));
    case Kind::kDirectory:
      break;
  }
  if (t.mode == config::WriteMode::kNewVersion) return PlanNewVersion(t, existing);
  if (existing.kind == Kind::kAbsent) return OutputPlan{};
  if (t.mode == config::WriteMode::kError) {
    return Refuse(
        t, "already exists and its write mode is 'error'",
        "choose a new output path, or set data_config.write_mode to replace_own or new_version");
  }
  return PlanReplace(t, existing);  // an empty directory has nothing to lose
}

}  // namespace mlpipe::engine
