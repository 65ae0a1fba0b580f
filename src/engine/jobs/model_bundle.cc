#include "engine/jobs/model_bundle.h"

#include <fmt/format.h>

#include "engine/models/model_repo.h"
#include "util/fs.h"

namespace mlpipe::engine {

namespace {

Result<nlohmann::json> ParseJson(std::string_view text, const fs::path& path) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded()) return Status::DataError("'" + path.string() + "' is not valid JSON");
  return j;
}

}  // namespace

Status ModelBundle::CheckInput(const arrow::Schema& schema,
                               const std::string& input_lineage_id) const {
  if (upstream && upstream->pipeline_id == input_lineage_id) return Status::OK();
  Status columns = CheckInputColumns(schema);
  if (columns.ok() || input_lineage_id.empty()) return columns;
  const std::string trained_on = upstream ? "data processed by pipeline " + upstream->pipeline_id
                                          : std::string("data with no feature pipeline");
  const std::string matching =
      upstream ? "the data_processing output of pipeline " + upstream->pipeline_id
               : std::string("data with no feature pipeline");
  return Status::DataError(fmt::format(
      "the input was processed by feature pipeline {} but model {}@v{} was trained on {}, and "
      "the input lacks the raw columns the model would process itself ({}); give it raw data, "
      "{}, or retrain the model on this data",
      input_lineage_id, name, version, trained_on, columns.message(), matching));
}

Result<std::shared_ptr<arrow::RecordBatch>> ModelBundle::Prepare(
    const arrow::RecordBatch& batch, const std::string& input_lineage_id) const {
  MLPIPE_RETURN_NOT_OK(CheckInput(*batch.schema(), input_lineage_id));
  std::shared_ptr<arrow::RecordBatch> current;
  const arrow::RecordBatch* in = &batch;
  if (upstream && upstream->pipeline_id != input_lineage_id) {
    MLPIPE_ASSIGN_OR_RETURN(current,
                            upstream->pipeline.TransformBatch(*in, RowPolicy::kKeepAllRows));
    in = current.get();
  }
  return model_input.TransformBatch(*in, RowPolicy::kKeepAllRows);
}

Status ModelBundle::CheckInputColumns(const arrow::Schema& schema) const {
  std::vector<std::string> missing;
  for (const auto& c : input_columns) {
    if (c != target_column && schema.GetFieldIndex(c) < 0) missing.push_back(c);
  }
  if (missing.empty()) return Status::OK();
  return Status::DataError(fmt::format("input lacks {} column(s) that model {}@v{} needs: {}",
                                       missing.size(), name, version, fmt::join(missing, ", ")));
}

Result<FeatureMatrix> ModelBundle::Features(const arrow::RecordBatch& batch,
                                            const std::string& input_lineage_id) const {
  MLPIPE_ASSIGN_OR_RETURN(auto prepared, Prepare(batch, input_lineage_id));
  auto matrix = BuildFeatureMatrix(*prepared, feature_columns);
  if (!matrix.ok()) {
    return matrix.status().WithContext("input does not match model " + name + "@v" +
                                       std::to_string(version));
  }
  return matrix;
}

std::map<std::string, std::shared_ptr<arrow::DataType>> ModelBundle::InputColumnTypes() const {
  if (upstream) return ColumnTypes(*upstream->input_schema);
  return {};
}

Result<ModelBundle> LoadModelDescription(const fs::path& models_root, const std::string& name,
                                         const std::string& version) {
  ModelRepository repo(models_root);
  MLPIPE_ASSIGN_OR_RETURN(auto dir, repo.Resolve(name, version));
  const int number = VersionFromDirName(dir.filename().string()).value_or(0);
  MLPIPE_ASSIGN_OR_RETURN(auto metadata, ReadFile(dir / kMetadataFile));
  MLPIPE_ASSIGN_OR_RETURN(auto pipelines, ReadFile(dir / kPipelineFile));
  return ModelDescriptionFromContents(name, number, dir, pipelines, metadata);
}

Result<ModelBundle> LoadModelBundle(const fs::path& models_root, const std::string& name,
                                    const std::string& version) {
  MLPIPE_ASSIGN_OR_RETURN(auto bundle, LoadModelDescription(models_root, name, version));
  const fs::path model_file = bundle.dir / kModelFile;
  if (!PathExists(model_file)) {
    return Status::NotFound(fmt::format("model file '{}' does not exist", model_file.string()));
  }
  MLPIPE_ASSIGN_OR_RETURN(auto model, ReadFile(model_file));
  MLPIPE_ASSIGN_OR_RETURN(auto booster, Booster::FromBytes(model, model_file.string()));
  bundle.booster.emplace(std::move(booster));
  return bundle;
}

Result<ModelBundle> ModelBundleFromContents(const std::string& name, int version,
                                            const fs::path& dir, std::string_view model_bytes,
                                            std::string_view pipeline_json,
                                            std::string_view metadata_json) {
  MLPIPE_ASSIGN_OR_RETURN(
      auto b, ModelDescriptionFromContents(name, version, dir, pipeline_json, metadata_json));
  MLPIPE_ASSIGN_OR_RETURN(auto booster,
                          Booster::FromBytes(model_bytes, (dir / kModelFile).string()));
  b.booster.emplace(std::move(booster));
  return b;
}

Result<ModelBundle> ModelDescriptionFromContents(const std::string& name, int version,
                                                 const fs::path& dir,
                                                 std::string_view pipeline_json,
                                                 std::string_view metadata_json) {
  ModelBundle b;
  b.name = name;
  b.dir = dir;
  b.version = version;
  MLPIPE_ASSIGN_OR_RETURN(b.metadata, ParseJson(metadata_json, dir / kMetadataFile));
  MLPIPE_ASSIGN_OR_RETURN(auto pipelines, ParseJson(pipeline_json, dir / kPipelineFile));
  try {
    b.feature_columns = b.metadata.at("feature_columns").get<std::vector<std::string>>();
    b.input_columns = b.metadata.at("input_columns").get<std::vector<std::string>>();
    b.target_column = b.metadata.at("target_column").get<std::string>();
    b.id_columns = b.metadata.at("id_columns").get<std::vector<std::string>>();
    b.classes = b.metadata.at("classes").get<std::vector<std::string>>();
    const auto task = b.metadata.at("task").get<std::string>();
    b.task = task == "binary"       ? Task::kBinary
             : task == "multiclass" ? Task::kMulticlass
                                    : Task::kRegression;
  } catch (const nlohmann::json::exception& e) {
    return Status::DataError("model metadata '" + (dir / kMetadataFile).string() +
                             "' is incomplete: " + e.what());
  }
  if (!pipelines.contains("upstream") || !pipelines.contains("model_input")) {
    return Status::DataError("'" + (dir / kPipelineFile).string() +
                             "' lacks 'upstream' or 'model_input'");
  }
  if (!pipelines["upstream"].is_null()) {
    MLPIPE_ASSIGN_OR_RETURN(auto lineage, LineageFromJson(pipelines["upstream"]));
    b.upstream = std::move(lineage);
  }
  MLPIPE_ASSIGN_OR_RETURN(b.model_input, FittedPipeline::FromJson(pipelines["model_input"]));
  return b;
}

Status CheckInputFitsModel(const ModelBundle& model, const std::string& input_key,
                           const std::string& input, const arrow::Schema& schema,
                           const std::string& lineage_id) {
  Status fits = model.CheckInput(schema, lineage_id);
  if (fits.ok()) return fits;
  return Status::ConfigError(fmt::format("input '{}' ({}) does not fit model {}@v{}: {}", input,
                                         input_key, model.name, model.version, fits.message()));
}

Result<std::string> InputLineageId(const fs::path& input) {
  if (!fs::is_directory(input)) return std::string();
  MLPIPE_ASSIGN_OR_RETURN(auto lineage, ReadLineage(input));
  return lineage ? lineage->pipeline_id : std::string();
}

}  // namespace mlpipe::engine
