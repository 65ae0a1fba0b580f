#include "backends/yarn/cluster_data_checks.h"

#include <fmt/format.h>

#include <algorithm>

#include "backends/data_paths.h"
#include "backends/yarn/cluster_models.h"
#include "backends/yarn/hdfs_paths.h"
#include "engine/jobs/lineage.h"
#include "util/fs.h"
#include "util/strings.h"

namespace mlpipe::backends::yarn {
namespace {

constexpr int64_t kHeadBytes = int64_t{256} << 10;

// The first data file of `path` (itself when a file): names starting with '_' or '.' are skipped,
// as the readers do; "" when there is none.
Result<std::string> FirstDataFile(cluster::WebHdfsClient& hdfs, const std::string& path,
                                  bool is_dir) {
  if (!is_dir) return path;
  MLPIPE_ASSIGN_OR_RETURN(auto entries, hdfs.List(path));
  std::vector<std::string> names;
  for (const auto& e : entries) {
    if (!e.is_dir && !e.name.starts_with("_") && !e.name.starts_with(".")) names.push_back(e.name);
  }
  if (names.empty()) return std::string();
  return path + "/" + *std::min_element(names.begin(), names.end());
}

// Copies the head of `file` (cut after its last whole line) and, for a directory input, its lineage
// into local directory `local`.
Status CopyHead(cluster::WebHdfsClient& hdfs, const std::string& input, bool is_dir,
                const std::string& file, const fs::path& local) {
  MLPIPE_ASSIGN_OR_RETURN(auto head, hdfs.ReadHead(file, kHeadBytes));
  if (static_cast<int64_t>(head.size()) >= kHeadBytes) head.resize(head.rfind('\n') + 1);
  MLPIPE_RETURN_NOT_OK(WriteFileAtomic(local / util::BaseName(file), head));
  if (!is_dir) return Status::OK();
  MLPIPE_ASSIGN_OR_RETURN(auto lineage, hdfs.ReadIfExists(input + "/" + engine::kLineageFile));
  if (!lineage) return Status::OK();
  return WriteFileAtomic(local / engine::kLineageFile, *lineage);
}

}  // namespace

Status CheckInputFitsClusterModel(ClusterSession& s, const ClusterTree& tree, config::JobType type,
                                  const config::JobConfig& resolved) {
  if (type != config::JobType::kPrediction && type != config::JobType::kEvaluation)
    return Status::OK();
  const JobInput input = InputOf(type, resolved);
  if (!input.path.starts_with(s.endpoints.default_fs + "/")) return Status::OK();
  const std::string dir = HdfsPathOf(input.path);
  MLPIPE_ASSIGN_OR_RETURN(auto status, s.hdfs->Stat(dir));
  if (!status.is_dir) return Status::OK();
  MLPIPE_ASSIGN_OR_RETURN(auto text, s.hdfs->ReadIfExists(dir + "/" + engine::kLineageFile));
  if (!text) return Status::OK();
  const auto doc = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
  auto lineage = engine::LineageFromJson(doc);
  if (doc.is_discarded() || !lineage.ok()) return Status::OK();
  MLPIPE_ASSIGN_OR_RETURN(auto model, ReadClusterModelDescription(
                                          *s.hdfs, HdfsPathOf(tree.Area("models")),
                                          resolved.model.model_name, resolved.model.model_version));
  arrow::FieldVector columns;
  for (const auto& name : lineage->pipeline.OutputColumns())
    columns.push_back(arrow::field(name, arrow::null()));
  return engine::CheckInputFitsModel(model, input.key, input.path, *arrow::schema(columns),
                                     lineage->pipeline_id);
}

Result<engine::DataCheckReport> CheckClusterData(ClusterSession& s, const ClusterTree& tree,
                                                 config::JobType type,
                                                 const config::JobConfig& resolved) {
  engine::DataCheckReport report;
  const JobInput input = InputOf(type, resolved);
  const auto skip = [&](const std::string& why) {
    report.skipped.push_back(fmt::format("{} '{}': {}", input.key, input.path, why));
    return report;
  };
  if (input.path.empty()) return report;
  if (!input.path.starts_with(s.endpoints.default_fs + "/"))
    return skip("not on this cluster's HDFS");
  const std::string path = HdfsPathOf(input.path);
  auto status = s.hdfs->Stat(path);
  if (!status.ok()) {
    return skip(status.status().code() == StatusCode::kNotFound ? "does not exist yet"
                                                                : status.status().message());
  }
  if (type == config::JobType::kPrediction || type == config::JobType::kEvaluation) {
    Status fits = CheckInputFitsClusterModel(s, tree, type, resolved);
    if (fits.code() == StatusCode::kConfigError) return fits;
    if (!fits.ok()) return skip(fits.message());
    report.checked.push_back(
        fmt::format("{} '{}': checked against model {} where it is processed data (raw "
                    "input is checked when the job starts)",
                    input.key, input.path, resolved.model.model_name));
    return report;
  }
  MLPIPE_ASSIGN_OR_RETURN(auto file, FirstDataFile(*s.hdfs, path, status->is_dir));
  if (file.empty()) return skip("holds no data files yet");
  const bool csv = resolved.data.input_format == "csv" ||
                   (resolved.data.input_format == "auto" && EndsWith(file, ".csv"));
  if (!csv) return skip("Parquet on HDFS is checked when the job starts");
  const fs::path local = StagingPathFor(fs::temp_directory_path() / "mlpipe-validate");
  auto checked = [&]() -> Result<engine::DataCheckReport> {
    MLPIPE_RETURN_NOT_OK(MakeDirs(local));
    MLPIPE_RETURN_NOT_OK(CopyHead(*s.hdfs, path, status->is_dir, file, local));
    return engine::CheckJobData(
        type, resolved,
        {.key = input.key, .path = local.string(), .shown = input.path, .whole = false},
        engine::JobDirs{});
  }();
  (void)RemoveAll(local);
  return checked;
}

}  // namespace mlpipe::backends::yarn
