#include "engine/jobs/training_data.h"

#include <fmt/format.h>

#include <algorithm>

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

Result<std::vector<std::string>> FeatureColumns(const config::DataConfig& d, const arrow::Schema& schema,
                                                const std::string& path) {
  const auto names = schema.field_names();
  auto has = [&names](const std::string& c) { return std::find(names.begin(), names.end(), c) != names.end(); };
  if (!has(d.target_column)) {
    return Status::DataError(fmt::format("target column '{}' (data_config.target_column) is not in '{}'{}; its "
                                         "columns are: {}",
                                         d.target_column, path, DidYouMeanSuffix(d.target_column, names),
                                         Join(names, ", ")));
  }
  if (d.feature_columns) {
    std::vector<std::string> missing;
    for (const auto& c : *d.feature_columns) {
      if (!has(c)) missing.push_back(c);
    }
    if (!missing.empty()) {
      return Status::DataError(fmt::format("data_config.feature_columns names columns missing from '{}': {}",
                                           path, Join(missing, ", ")));
    }
    return *d.feature_columns;
  }
  std::vector<std::string> out;
  for (const auto& c : names) {
    if (c != d.target_column && std::find(d.id_columns.begin(), d.id_columns.end(), c) == d.id_columns.end()) {
      out.push_back(c);
    }
  }
  return out;
}

std::vector<config::StepSpec> ModelInputSteps(config::Algorithm algorithm, const arrow::Schema& schema,
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
  const bool linear = algorithm == config::Algorithm::kLogisticRegression ||
                      algorithm == config::Algorithm::kLinearRegression;
  if (linear && !numeric.empty()) {
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

Result<TrainingData> LoadTrainingData(const config::JobConfig& config, const std::string& path) {
  const auto& d = config.data;
  ReadOptions read;
  read.format = d.input_format;
  MLPIPE_ASSIGN_OR_RETURN(auto table, ReadTable(path, read));
  TrainingData out;
  out.warnings = NumberColumnsReadAsText(*table, "'" + path + "'");
  if (fs::is_directory(path)) {
    MLPIPE_ASSIGN_OR_RETURN(out.upstream, ReadLineage(path));
  }
  MLPIPE_ASSIGN_OR_RETURN(auto features, FeatureColumns(d, *table->schema(), path));
  std::vector<std::string> keep = features;
  keep.push_back(d.target_column);
  std::vector<int> indices;
  for (const auto& c : keep) indices.push_back(table->schema()->GetFieldIndex(c));
  MLPIPE_ASSIGN_OR_RETURN(auto selected, [&]() -> Result<std::shared_ptr<arrow::Table>> {
    auto r = table->SelectColumns(indices);
    if (!r.ok()) return Status::Internal("selecting feature columns: " + r.status().ToString());
    return *r;
  }());
  out.input_columns = out.upstream ? out.upstream->input_schema->field_names() : features;
  FitOptions fit;
  fit.target_column = d.target_column;
  fit.id_columns = d.id_columns;
  MLPIPE_ASSIGN_OR_RETURN(out.model_input, FittedPipeline::Fit(ModelInputSteps(config.model.algorithm,
                                                                               *selected->schema(), features),
                                                               *selected, fit));
  MLPIPE_ASSIGN_OR_RETURN(auto prepared, out.model_input.Transform(*selected, RowPolicy::kKeepAllRows));
  MLPIPE_ASSIGN_OR_RETURN(out.labels, EncodeLabels(*prepared->GetColumnByName(d.target_column), d.target_column, config.model.task));
  std::vector<std::string> model_features;
  for (const auto& c : prepared->ColumnNames()) {
    if (c != d.target_column) model_features.push_back(c);
  }
  MLPIPE_ASSIGN_OR_RETURN(out.x, BuildFeatureMatrix(*prepared, model_features));
  return out;
}

RowSplit SplitRows(const FeatureMatrix& x, const std::vector<float>& y, const std::vector<bool>& holdout) {
  const auto train = RowsWhere(holdout, false);
  const auto test = RowsWhere(holdout, true);
  return {SelectRows(x, train), SelectRows(x, test), SelectRows(y, train), SelectRows(y, test)};
}

nlohmann::json HyperparametersToJson(const config::ModelConfig& model) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [name, value] : model.hyperparameters) {
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
