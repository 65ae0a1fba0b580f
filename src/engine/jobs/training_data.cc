#include "engine/jobs/training_data.h"

#include <fmt/format.h>

#include <algorithm>

#include "config/algorithms.h"
#include "engine/features/split.h"
#include "engine/io/column_warnings.h"
#include "engine/io/table_reader.h"
#include "engine/models/cross_validation.h"
#include "util/fs.h"
#include "util/strings.h"

namespace mlpipe::engine {

namespace {

bool IsStringType(const arrow::DataType& t) {
  return t.id() == arrow::Type::STRING || t.id() == arrow::Type::LARGE_STRING;
}

}  // namespace

Status CheckTargetColumn(const config::DataConfig& d, const arrow::Schema& schema,
                         const std::string& path, const std::string& where) {
  const auto names = schema.field_names();
  if (std::find(names.begin(), names.end(), d.target_column) != names.end()) return Status::OK();
  return Status::DataError(fmt::format(
      "{}target column '{}' (data_config.target_column) is not in '{}'{}; its "
      "columns are: {}",
      where, d.target_column, path, DidYouMeanSuffix(d.target_column, names), Join(names, ", ")));
}

Result<std::vector<std::string>> FeatureColumns(const config::DataConfig& d,
                                                const arrow::Schema& schema,
                                                const std::string& path) {
  MLPIPE_RETURN_NOT_OK(CheckTargetColumn(d, schema, path));
  const auto names = schema.field_names();
  auto has = [&names](const std::string& c) {
    return std::find(names.begin(), names.end(), c) != names.end();
  };
  if (d.feature_columns) {
    std::vector<std::string> missing;
    for (const auto& c : *d.feature_columns) {
      if (!has(c)) missing.push_back(c);
    }
    if (!missing.empty()) {
      return Status::DataError(
          fmt::format("data_config.feature_columns names columns missing from '{}': {}", path,
                      Join(missing, ", ")));
    }
    return *d.feature_columns;
  }
  std::vector<std::string> out;
  for (const auto& c : names) {
    if (c != d.target_column &&
        std::find(d.id_columns.begin(), d.id_columns.end(), c) == d.id_columns.end()) {
      out.push_back(c);
    }
  }
  return out;
}

std::vector<config::StepSpec> ModelInputSteps(config::Algorithm algorithm,
                                              const arrow::Schema& schema,
                                              const std::vector<std::string>& features) {
  std::vector<std::string> strings, numeric;
  for (const auto& c : features) {
    (IsStringType(*schema.GetFieldByName(c)->type()) ? strings : numeric).push_back(c);
  }
  std::vector<config::StepSpec> steps;
  if (!strings.empty()) {
    config::StepSpec encode;
    encode.kind = config::StepSpec::Kind::kEncode;
    encode.method = "onehot";
    encode.columns = strings;
    steps.push_back(encode);
  }
  if (config::TraitsOf(algorithm).linear && !numeric.empty()) {
    config::StepSpec impute;
    impute.kind = config::StepSpec::Kind::kImpute;
    impute.method = "mean";
    impute.columns = numeric;
    config::StepSpec scale;
    scale.kind = config::StepSpec::Kind::kScale;
    scale.method = "standard";
    scale.columns = numeric;
    steps.push_back(impute);
    steps.push_back(scale);
  }
  return steps;
}

namespace {

FitOptions FitOptionsOf(const config::DataConfig& d) {
  FitOptions fit;
  fit.target_column = d.target_column;
  fit.id_columns = d.id_columns;
  return fit;
}

// The feature columns and the target of `table` (the data at `path`, through the feature pipeline).
Result<std::pair<std::vector<std::string>, std::shared_ptr<arrow::Table>>> FeaturesAndTarget(
    const config::DataConfig& d, const arrow::Table& table, const std::string& path) {
  MLPIPE_ASSIGN_OR_RETURN(auto features, FeatureColumns(d, *table.schema(), path));
  std::vector<int> indices;
  for (const auto& c : features) indices.push_back(table.schema()->GetFieldIndex(c));
  indices.push_back(table.schema()->GetFieldIndex(d.target_column));
  auto selected = table.SelectColumns(indices);
  if (!selected.ok())
    return Status::Internal("selecting feature columns: " + selected.status().ToString());
  return std::pair{std::move(features), *selected};
}

// `model_input` applied to `table` (features and target): the matrix of the model features.
Result<std::pair<FeatureMatrix, std::shared_ptr<arrow::Table>>> Encode(
    const FittedPipeline& model_input, const arrow::Table& table, const std::string& target) {
  MLPIPE_ASSIGN_OR_RETURN(auto prepared, model_input.Transform(table, RowPolicy::kKeepAllRows));
  std::vector<std::string> model_features;
  for (const auto& c : prepared->ColumnNames()) {
    if (c != target) model_features.push_back(c);
  }
  MLPIPE_ASSIGN_OR_RETURN(auto x, BuildFeatureMatrix(*prepared, model_features));
  return std::pair{std::move(x), std::move(prepared)};
}

std::vector<int64_t> RowsWithRole(const std::vector<RowRole>& roles, RowRole role) {
  std::vector<int64_t> rows;
  for (size_t i = 0; i < roles.size(); ++i) {
    if (roles[i] == role) rows.push_back(static_cast<int64_t>(i));
  }
  return rows;
}

}  // namespace

Result<TrainingData> LoadTrainingData(const config::JobConfig& config, const std::string& path,
                                      const std::string& run_id) {
  const auto& d = config.data;
  ReadOptions read = ReadOptionsFor(d);
  MLPIPE_ASSIGN_OR_RETURN(auto table, ReadTable(path, read));
  TrainingData out;
  out.warnings = NumberColumnsReadAsText(*table, "'" + path + "'");
  if (fs::is_directory(path)) {
    MLPIPE_ASSIGN_OR_RETURN(out.upstream, ReadLineage(path));
  }
  if (!out.upstream && !d.feature_pipeline.empty()) {
    MLPIPE_RETURN_NOT_OK(CheckTargetColumn(d, *table->schema(), path));
    MLPIPE_ASSIGN_OR_RETURN(out.labels,
                            EncodeLabels(*table->GetColumnByName(d.target_column), d.target_column,
                                         config.model.task, config.model.positive_class));
    out.input_columns = table->schema()->field_names();
    out.pipeline_note = FeaturePipelineNote("", d.feature_pipeline.size());
    out.raw = std::move(table);
    out.data_config = d;
    out.algorithm = config.model.algorithm;
    out.path = path;
    out.run_id = run_id;
    return out;
  }
  out.pipeline_note = FeaturePipelineNote(out.upstream ? out.upstream->pipeline_id : "", 0);
  MLPIPE_ASSIGN_OR_RETURN(auto selected, FeaturesAndTarget(d, *table, path));
  const auto& [features, columns] = selected;
  out.input_columns = out.upstream ? out.upstream->input_schema->field_names() : features;
  MLPIPE_ASSIGN_OR_RETURN(
      out.model_input,
      FittedPipeline::Fit(ModelInputSteps(config.model.algorithm, *columns->schema(), features),
                          *columns, FitOptionsOf(d)));
  MLPIPE_ASSIGN_OR_RETURN(auto encoded, Encode(out.model_input, *columns, d.target_column));
  out.x = std::move(encoded.first);
  MLPIPE_ASSIGN_OR_RETURN(
      out.labels, EncodeLabels(*encoded.second->GetColumnByName(d.target_column), d.target_column,
                               config.model.task, config.model.positive_class));
  return out;
}

Result<FitData> TrainingData::Fit(const std::vector<RowRole>& roles) const {
  const std::vector<int64_t> train_rows = RowsWithRole(roles, RowRole::kTrain);
  const std::vector<int64_t> test_rows = RowsWithRole(roles, RowRole::kTest);
  FitData out;
  if (!raw) {
    out.rows = {SelectRows(x, train_rows), SelectRows(x, test_rows),
                SelectRows(labels.y, train_rows), SelectRows(labels.y, test_rows)};
    out.upstream = upstream;
    out.model_input = model_input;
    return out;
  }
  const auto& d = data_config;
  const FitOptions fit = FitOptionsOf(d);
  MLPIPE_ASSIGN_OR_RETURN(auto train_raw, SelectTableRows(*raw, train_rows));
  MLPIPE_ASSIGN_OR_RETURN(auto test_raw, SelectTableRows(*raw, test_rows));
  MLPIPE_ASSIGN_OR_RETURN(auto pipeline, FittedPipeline::Fit(d.feature_pipeline, *train_raw, fit));
  MLPIPE_ASSIGN_OR_RETURN(auto train, pipeline.Transform(*train_raw, RowPolicy::kApplyRowSteps));
  MLPIPE_ASSIGN_OR_RETURN(auto test, pipeline.Transform(*test_raw, RowPolicy::kApplyRowSteps));
  if (train->num_rows() == 0) {
    return Status::DataError(PipelineKeptNoTrainingRows(train_raw->num_rows(), path));
  }
  MLPIPE_ASSIGN_OR_RETURN(auto train_selected, FeaturesAndTarget(d, *train, path));
  const auto& [features, train_columns] = train_selected;
  MLPIPE_ASSIGN_OR_RETURN(auto test_selected, FeaturesAndTarget(d, *test, path));
  MLPIPE_ASSIGN_OR_RETURN(
      out.model_input,
      FittedPipeline::Fit(ModelInputSteps(algorithm, *train_columns->schema(), features),
                          *train_columns, fit));
  MLPIPE_ASSIGN_OR_RETURN(auto train_encoded,
                          Encode(out.model_input, *train_columns, d.target_column));
  MLPIPE_ASSIGN_OR_RETURN(auto test_encoded,
                          Encode(out.model_input, *test_selected.second, d.target_column));
  out.rows.train_x = std::move(train_encoded.first);
  out.rows.test_x = std::move(test_encoded.first);
  MLPIPE_ASSIGN_OR_RETURN(out.rows.train_y,
                          EncodeTarget(*train_encoded.second->GetColumnByName(d.target_column),
                                       d.target_column, labels.task, labels.classes));
  MLPIPE_ASSIGN_OR_RETURN(out.rows.test_y,
                          EncodeTarget(*test_encoded.second->GetColumnByName(d.target_column),
                                       d.target_column, labels.task, labels.classes));
  out.upstream = LineageOf(std::move(pipeline), raw->schema(), run_id);
  return out;
}

std::string PipelineKeptNoTrainingRows(int64_t rows, const std::string& path) {
  return fmt::format(
      "data_config.feature_pipeline kept none of the {} training rows of '{}'; check its filter "
      "and "
      "dropna steps",
      rows, path);
}

std::string FeaturePipelineNote(const std::string& upstream_id, size_t steps_fitted) {
  if (!upstream_id.empty()) return "applied by data_processing (pipeline " + upstream_id + ")";
  if (steps_fitted == 0) return "none configured";
  return fmt::format(
      "{} steps fitted on the training rows of each fit (the input has no data_processing lineage)",
      steps_fitted);
}

nlohmann::json HyperparametersToJson(const config::ModelConfig& model) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& entry : model.hyperparameters) {
    const std::string& name = entry.first;  // captured below: clang 14 cannot capture a binding
    const auto& value = entry.second;
    std::visit(
        [&out, &name](const auto& v) {
          if constexpr (std::is_same_v<std::decay_t<decltype(v)>, std::monostate>) {
            out[name] = nullptr;
          } else {
            out[name] = v;
          }
        },
        value);
  }
  return out;
}

}  // namespace mlpipe::engine
