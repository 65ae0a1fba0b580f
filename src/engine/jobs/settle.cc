#include "engine/jobs/settle.h"

#include "engine/io/output_commit.h"
#include "engine/jobs/evaluation_output.h"
#include "engine/jobs/jobs.h"
#include "engine/jobs/model_bundle.h"
#include "engine/models/model_repo.h"
#include "util/fs.h"

namespace mlpipe::engine {
namespace {

using Settled = std::optional<nlohmann::json>;

// data_processing and prediction: their configured outputs, plus data_processing's artifact.
Result<Settled> SettleOutputs(config::JobType type, const config::JobConfig& config,
                              const JobDirs& dirs, const std::string& app_id) {
  const std::vector<OutputTarget> targets = ConfiguredOutputs(type, config);
  bool any = false;
  for (const OutputTarget& target : targets) {
    MLPIPE_ASSIGN_OR_RETURN(std::optional<fs::path> published, PublishedOutputOf(target, app_id));
    any = any || published.has_value();
  }
  const fs::path artifact = FeaturePipelineArtifact(dirs, config.model.model_name, app_id);
  if (!any) {
    RemoveDeadStaging(type, config, dirs);
    if (type == config::JobType::kDataProcessing) MLPIPE_RETURN_NOT_OK(RemoveAll(artifact));
    return Settled();
  }
  nlohmann::json outputs = {{"settled", true}};
  for (const OutputTarget& target : targets) {
    MLPIPE_ASSIGN_OR_RETURN(std::optional<fs::path> dir, FinishPublishingOf(target, app_id));
    outputs[target.role] = dir ? dir->string() : "";
  }
  if (type == config::JobType::kDataProcessing) outputs["feature_pipeline"] = artifact.string();
  return Settled(outputs);
}

struct PublishedVersion {
  int version = 0;
  fs::path dir;
  nlohmann::json metadata;
};

// The version of `model_name` that run `app_id` published (its metadata names the run).
std::optional<PublishedVersion> ModelVersionOf(const JobDirs& dirs, const std::string& model_name,
                                               const std::string& app_id) {
  auto versions = ModelRepository(dirs.models).Versions(model_name);
  if (!versions.ok()) return std::nullopt;
  for (auto v = versions->rbegin(); v != versions->rend(); ++v) {
    const fs::path dir = dirs.models / model_name / VersionDirName(*v);
    Result<std::string> text = ReadFile(dir / kMetadataFile);
    if (!text.ok()) continue;
    nlohmann::json metadata = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
    if (metadata.is_object() && metadata.value("run_id", "") == app_id) {
      return PublishedVersion{*v, dir, std::move(metadata)};
    }
  }
  return std::nullopt;
}

Result<Settled> SettleTraining(const config::JobConfig& config, const JobDirs& dirs,
                               const std::string& app_id) {
  const std::string& name = config.model.model_name;
  const std::optional<PublishedVersion> published = ModelVersionOf(dirs, name, app_id);
  if (!published) {
    RemoveDeadStaging(config::JobType::kTraining, config, dirs);
    return Settled();
  }
  MLPIPE_RETURN_NOT_OK(ModelRepository(dirs.models).UpdateLatest(name, published->version));
  const fs::path metrics_file = TrainingMetricsFile(dirs, name, published->dir.filename().string());
  if (!PathExists(metrics_file)) {
    MLPIPE_RETURN_NOT_OK(WriteFileAtomic(
        metrics_file, published->metadata.value("metrics", nlohmann::json()).dump(2)));
  }
  return Settled(nlohmann::json{{"settled", true},
                                {"model_name", name},
                                {"model_version", published->version},
                                {"model_path", published->dir.string()},
                                {"metrics_file", metrics_file.string()}});
}

// Evaluation writes metrics/<model>/v<N>/report-<id>.html, then evaluation-<id>.json: the
// metrics file is the published one.
Result<Settled> SettleEvaluation(const config::JobConfig& config, const JobDirs& dirs,
                                 const std::string& app_id) {
  const fs::path root = dirs.metrics / config.model.model_name;
  std::error_code ec;
  std::optional<fs::path> metrics_file, report;
  for (const auto& version : fs::directory_iterator(root, ec)) {
    const auto [metrics, html] = EvaluationFilesIn(version.path(), app_id);
    if (PathExists(metrics)) metrics_file = metrics;
    if (PathExists(html)) report = html;
  }
  if (!metrics_file) {
    if (report) MLPIPE_RETURN_NOT_OK(RemoveAll(*report));
    return Settled();
  }
  return Settled(nlohmann::json{{"settled", true},
                                {"metrics_file", metrics_file->string()},
                                {"report", report ? report->string() : ""}});
}

}  // namespace

Result<Settled> SettleDeadJob(config::JobType type, const config::JobConfig& config,
                              const JobDirs& dirs, const std::string& app_id) {
  switch (type) {
    case config::JobType::kTraining:
      return SettleTraining(config, dirs, app_id);
    case config::JobType::kEvaluation:
      return SettleEvaluation(config, dirs, app_id);
    default:
      return SettleOutputs(type, config, dirs, app_id);
  }
}

}  // namespace mlpipe::engine
