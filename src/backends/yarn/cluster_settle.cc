#include "backends/yarn/cluster_settle.h"

#include <algorithm>
#include <optional>

#include "backends/yarn/cluster_models.h"
#include "backends/yarn/cluster_outputs.h"
#include "backends/yarn/hdfs_paths.h"
#include "engine/io/output_owner.h"
#include "engine/io/version_names.h"
#include "engine/jobs/evaluation_output.h"
#include "engine/jobs/jobs.h"
#include "engine/jobs/model_bundle.h"
#include "engine/models/model_repo.h"
#include "util/strings.h"

namespace mlpipe::backends::yarn {
namespace {

using engine::OutputTarget;
using Mode = config::WriteMode;

std::string VersionDir(const std::string& container, int version) {
  return container + "/v" + std::to_string(version);
}

// Whether directory `dir` holds an output marker naming `app_id`.
Result<bool> MarkedBy(cluster::WebHdfsClient& hdfs, const std::string& dir,
                      const std::string& app_id) {
  MLPIPE_ASSIGN_OR_RETURN(auto text,
                          hdfs.ReadIfExists(dir + "/" + std::string(engine::kOutputMarkerFile)));
  if (!text) return false;
  auto marker = engine::OutputMarker::FromJson(*text, dir);
  return marker.ok() && marker->app_id == app_id;
}

// Points `container`/latest at `version` unless it already names a later one.
Status MoveLatestTo(cluster::WebHdfsClient& hdfs, const std::string& container, int version) {
  const std::string file = container + "/" + std::string(engine::kLatestFile);
  MLPIPE_ASSIGN_OR_RETURN(auto text, hdfs.ReadIfExists(file));
  if (!engine::LatestMovesTo(text, version)) return Status::OK();
  return hdfs.WriteString(file, engine::LatestFileText(version), /*overwrite=*/true);
}

// ---- data_processing and prediction: their configured outputs ----

struct OutputState {
  OutputTarget target;
  std::string path;       // the target's HDFS path
  std::string published;  // where the run published it ("" when it did not)
  std::string staged;     // its staging directory, complete and marked, not yet published
};

Result<std::string> PublishedDirOf(cluster::WebHdfsClient& hdfs, const OutputState& out,
                                   const std::string& app_id) {
  if (out.target.mode != Mode::kNewVersion) {
    MLPIPE_ASSIGN_OR_RETURN(bool ours, MarkedBy(hdfs, out.path, app_id));
    return ours ? out.path : std::string();
  }
  MLPIPE_ASSIGN_OR_RETURN(auto versions, engine::VersionsIn(hdfs, out.path));
  for (int v : versions) {
    MLPIPE_ASSIGN_OR_RETURN(bool ours, MarkedBy(hdfs, VersionDir(out.path, v), app_id));
    if (ours) return VersionDir(out.path, v);
  }
  return std::string();
}

// The driver stages ".<name>.tmp-<tag>-<hex>" beside the output, or ".v<N>.tmp-<tag>-<hex>" in a
// new_version container (python/mlpipe_spark/commit.py), and marks it once complete.
Result<std::string> StagedDirOf(cluster::WebHdfsClient& hdfs, const OutputState& out,
                                const ClusterRun& run) {
  const bool versioned = out.target.mode == Mode::kNewVersion;
  const std::string dir = versioned ? out.path : util::ParentPath(out.path);
  auto entries = hdfs.List(dir);
  if (!entries.ok()) {
    if (entries.status().code() == StatusCode::kNotFound) return std::string();
    return entries.status();
  }
  const std::string owner = versioned ? ".v" : "." + util::BaseName(out.path) + ".tmp-";
  for (const auto& e : *entries) {
    const bool staged = e.name.starts_with(owner) && e.name.find(".tmp-") != std::string::npos &&
                        StagingRunTag(e.name) == run.tag;
    if (!e.is_dir || !staged) continue;
    MLPIPE_ASSIGN_OR_RETURN(bool ours, MarkedBy(hdfs, util::ChildPath(dir, e.name), run.app_id));
    if (ours) return util::ChildPath(dir, e.name);
  }
  return std::string();
}

Result<std::vector<OutputState>> OutputStates(cluster::WebHdfsClient& hdfs, const ClusterRun& run) {
  std::vector<OutputState> states;
  for (const OutputTarget& target : engine::ConfiguredOutputs(run.type, run.resolved)) {
    if (!target.path.starts_with(run.default_fs + "/")) continue;  // the driver's own business
    OutputState out{target, HdfsPathOf(target.path), "", ""};
    MLPIPE_ASSIGN_OR_RETURN(out.published, PublishedDirOf(hdfs, out, run.app_id));
    if (out.published.empty()) {
      MLPIPE_ASSIGN_OR_RETURN(out.staged, StagedDirOf(hdfs, out, run));
    }
    states.push_back(std::move(out));
  }
  return states;
}

// Publishes what the driver had staged for `out`, as its commit would have; returns where.
Result<std::string> PublishStaged(cluster::WebHdfsClient& hdfs, const OutputState& out,
                                  const ClusterRun& run) {
  if (out.target.mode == Mode::kNewVersion) {
    MLPIPE_ASSIGN_OR_RETURN(auto versions, engine::VersionsIn(hdfs, out.path));
    const std::string dest = VersionDir(out.path, versions.empty() ? 1 : versions.front() + 1);
    MLPIPE_RETURN_NOT_OK(hdfs.Rename(out.staged, dest));
    return dest;
  }
  MLPIPE_ASSIGN_OR_RETURN(engine::ExistingPath existing, InspectHdfsPath(hdfs, out.path));
  if (existing.kind == engine::ExistingPath::Kind::kAbsent) {
    MLPIPE_RETURN_NOT_OK(hdfs.Rename(out.staged, out.path));
    return out.path;
  }
  MLPIPE_RETURN_NOT_OK(engine::PlanOutput(out.target, existing).status());  // ours to replace
  const std::string aside = util::ChildPath(
      util::ParentPath(out.path), "." + util::BaseName(out.path) + ".old-" + run.tag + "-settled");
  MLPIPE_RETURN_NOT_OK(hdfs.Rename(out.path, aside));
  if (Status st = hdfs.Rename(out.staged, out.path); !st.ok()) {
    (void)hdfs.Rename(aside, out.path);
    return st;
  }
  (void)hdfs.Delete(aside, /*recursive=*/true);  // judged ours above; RemoveRunStaging retries
  return out.path;
}

Result<nlohmann::json> FinishOutputs(cluster::WebHdfsClient& hdfs, const ClusterRun& run) {
  MLPIPE_ASSIGN_OR_RETURN(std::vector<OutputState> states, OutputStates(hdfs, run));
  nlohmann::json outputs = {{"settled", true}};
  for (OutputState& out : states) {
    if (out.published.empty() && !out.staged.empty()) {
      MLPIPE_ASSIGN_OR_RETURN(out.published, PublishStaged(hdfs, out, run));
    }
    outputs[out.target.role] = out.published.empty() ? "" : run.default_fs + out.published;
    if (out.published.empty()) continue;
    MLPIPE_RETURN_NOT_OK(hdfs.WriteString(out.published + "/" + std::string(engine::kSuccessFile),
                                          "",
                                          /*overwrite=*/true));
    if (out.target.mode == Mode::kNewVersion) {
      const std::optional<int> v = engine::VersionFromDirName(util::BaseName(out.published));
      if (v) MLPIPE_RETURN_NOT_OK(MoveLatestTo(hdfs, out.path, *v));
    }
  }
  return outputs;
}

// ---- training: a model version; evaluation: its metrics file ----

engine::JobDirs ClusterDirs(const ClusterTree& tree) {
  return {HdfsPathOf(tree.Area("models")), HdfsPathOf(tree.Area("metrics")),
          HdfsPathOf(tree.Area("artifacts"))};
}

struct PublishedVersion {
  int version = 0;
  std::string dir;
  nlohmann::json metadata;
};

// The version of the run's model whose metadata names the run.
Result<std::optional<PublishedVersion>> ModelVersionOf(cluster::WebHdfsClient& hdfs,
                                                       const ClusterRun& run) {
  const std::string model_dir =
      (ClusterDirs(run.tree).models / run.resolved.model.model_name).string();
  MLPIPE_ASSIGN_OR_RETURN(auto versions, engine::VersionsIn(hdfs, model_dir));
  for (int v : versions) {
    const std::string dir = VersionDir(model_dir, v);
    MLPIPE_ASSIGN_OR_RETURN(auto text, hdfs.ReadIfExists(dir + "/" + engine::kMetadataFile));
    if (!text) continue;
    nlohmann::json metadata = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
    if (metadata.is_object() && metadata.value("run_id", "") == run.tag) {
      return std::optional<PublishedVersion>(PublishedVersion{v, dir, std::move(metadata)});
    }
  }
  return std::optional<PublishedVersion>();
}

Result<nlohmann::json> FinishTraining(cluster::WebHdfsClient& hdfs, const ClusterRun& run) {
  MLPIPE_ASSIGN_OR_RETURN(auto published, ModelVersionOf(hdfs, run));
  if (!published)
    return Status::Internal("FinishPublishedRun: run " + run.tag + " published no model version");
  const std::string& name = run.resolved.model.model_name;
  MLPIPE_RETURN_NOT_OK(MoveLatestTo(hdfs, util::ParentPath(published->dir), published->version));
  const std::string metrics_file =
      engine::TrainingMetricsFile(ClusterDirs(run.tree), name, util::BaseName(published->dir))
          .string();
  MLPIPE_ASSIGN_OR_RETURN(bool has_metrics, hdfs.Exists(metrics_file));
  if (!has_metrics) {
    MLPIPE_RETURN_NOT_OK(hdfs.WriteString(
        metrics_file, published->metadata.value("metrics", nlohmann::json()).dump(2),
        /*overwrite=*/false));
  }
  return nlohmann::json{{"settled", true},
                        {"model_name", name},
                        {"model_version", published->version},
                        {"model_path", run.default_fs + published->dir},
                        {"metrics_file", run.default_fs + metrics_file}};
}

struct EvaluationFiles {
  std::string metrics_file, report;  // HDFS paths; report "" when missing
};

// Evaluation writes metrics/<model>/v<N>/report-<tag>.html, then evaluation-<tag>.json.
Result<std::optional<EvaluationFiles>> EvaluationFilesOf(cluster::WebHdfsClient& hdfs,
                                                         const ClusterRun& run) {
  const std::string root = (ClusterDirs(run.tree).metrics / run.resolved.model.model_name).string();
  MLPIPE_ASSIGN_OR_RETURN(auto versions, engine::VersionsIn(hdfs, root));
  for (int v : versions) {
    const auto [metrics, html] = engine::EvaluationFilesIn(VersionDir(root, v), run.tag);
    MLPIPE_ASSIGN_OR_RETURN(bool has_metrics, hdfs.Exists(metrics.string()));
    if (!has_metrics) continue;
    MLPIPE_ASSIGN_OR_RETURN(bool has_report, hdfs.Exists(html.string()));
    return std::optional<EvaluationFiles>(
        EvaluationFiles{metrics.string(), has_report ? html.string() : ""});
  }
  return std::optional<EvaluationFiles>();
}

}  // namespace

Result<bool> PublishedAnything(cluster::WebHdfsClient& hdfs, const ClusterRun& run) {
  switch (run.type) {
    case config::JobType::kTraining: {
      MLPIPE_ASSIGN_OR_RETURN(auto version, ModelVersionOf(hdfs, run));
      return version.has_value();
    }
    case config::JobType::kEvaluation: {
      MLPIPE_ASSIGN_OR_RETURN(auto files, EvaluationFilesOf(hdfs, run));
      return files.has_value();
    }
    default: {
      MLPIPE_ASSIGN_OR_RETURN(auto states, OutputStates(hdfs, run));
      return std::any_of(states.begin(), states.end(),
                         [](const auto& s) { return !s.published.empty(); });
    }
  }
}

Result<nlohmann::json> FinishPublishedRun(cluster::WebHdfsClient& hdfs, const ClusterRun& run) {
  switch (run.type) {
    case config::JobType::kTraining:
      return FinishTraining(hdfs, run);
    case config::JobType::kEvaluation: {
      MLPIPE_ASSIGN_OR_RETURN(auto files, EvaluationFilesOf(hdfs, run));
      if (!files)
        return Status::Internal("FinishPublishedRun: run " + run.tag +
                                " published no metrics file");
      return nlohmann::json{
          {"settled", true},
          {"metrics_file", run.default_fs + files->metrics_file},
          {"report", files->report.empty() ? "" : run.default_fs + files->report}};
    }
    default:
      return FinishOutputs(hdfs, run);
  }
}

void RemoveModelStaging(cluster::WebHdfsClient& hdfs, const ClusterTree& tree,
                        const std::string& model_name, const std::string& tag) {
  const std::string model_dir = (ClusterDirs(tree).models / model_name).string();
  auto entries = hdfs.List(model_dir);
  if (!entries.ok()) return;
  for (const auto& e : *entries) {
    if (e.name.starts_with(".staging-" + tag + "-"))
      (void)hdfs.Delete(model_dir + "/" + e.name, true);
  }
}

}  // namespace mlpipe::backends::yarn
