// data_processing: raw input -> split -> fit the feature pipeline on the training part -> transform
// both parts -> data/training and data/validation as Parquet, each carrying the fitted pipeline
// (lineage), plus the pipeline as an artifact.
#include "engine/jobs/data_processing.h"

#include <fmt/format.h>

#include <tuple>

#include "engine/features/pipeline.h"
#include "engine/features/split.h"
#include "engine/io/column_warnings.h"
#include "engine/io/output_commit.h"
#include "engine/io/parquet_writer.h"
#include "engine/io/table_reader.h"
#include "engine/jobs/job_warnings.h"
#include "engine/jobs/jobs.h"
#include "engine/jobs/lineage.h"
#include "engine/jobs/training_data.h"
#include "util/fs.h"
#include "util/strings.h"

namespace mlpipe::engine {

std::string StratifyColumn(const config::JobConfig& config, const arrow::Schema& schema) {
  const auto& d = config.data;
  if (!d.split.stratify || d.target_column.empty()) return "";
  auto field = schema.GetFieldByName(d.target_column);
  if (!field) return "";
  const auto id = field->type()->id();
  const bool categorical = id == arrow::Type::STRING || id == arrow::Type::LARGE_STRING ||
                           id == arrow::Type::BOOL || arrow::is_integer(id);
  return categorical ? d.target_column : "";
}

Status CountClasses(const arrow::Array& values, std::map<std::string, int64_t>& class_rows) {
  MLPIPE_ASSIGN_OR_RETURN(auto keys, SplitGroupKeys(arrow::MakeArray(values.data())));
  for (auto& key : keys) ++class_rows[std::move(key)];
  return Status::OK();
}

Status CheckStratifiedClasses(const config::JobConfig& config, const arrow::DataType& target_type,
                              const std::map<std::string, int64_t>& class_rows,
                              const std::string& input, const std::string& where) {
  const auto& d = config.data;
  const bool text_or_bool = target_type.id() == arrow::Type::STRING ||
                            target_type.id() == arrow::Type::LARGE_STRING ||
                            target_type.id() == arrow::Type::BOOL;
  const bool classification = text_or_bool || config.model.task == config::Task::kBinary ||
                              config.model.task == config::Task::kMulticlass;
  if (!classification || !(d.split.test_size > 0)) return Status::OK();
  std::vector<std::string> small;
  for (const auto& [key, rows] : class_rows) {
    if (rows >= 2) continue;
    if (small.size() == 5) {
      small.push_back("...");
      break;
    }
    small.push_back(key.front() == 'v' ? "'" + key.substr(1) + "'" : std::string("null"));
  }
  if (small.empty()) return Status::OK();
  return Status::DataError(fmt::format(
      "{}data_config.split.stratify: class(es) {} of target '{}' have a single row in '{}'; a "
      "stratified split needs at least 2 rows of every class. Remove those rows (a filter step), "
      "or set data_config.split.stratify: false",
      where, Join(small, ", "), d.target_column, input));
}

Result<nlohmann::json> RunDataProcessing(const config::JobConfig& config, const JobDirs& dirs,
                                         const JobContext& ctx) {
  const auto& d = config.data;
  const auto type = config::JobType::kDataProcessing;
  const std::vector<OutputTarget> targets = ConfiguredOutputs(type, config);
  for (const auto& target : targets)
    MLPIPE_RETURN_NOT_OK(CheckLocalOutput(target));  // both, before either is written
  ctx.log("reading raw data from " + d.raw_data_path);
  ReadOptions read = ReadOptionsFor(d);
  MLPIPE_ASSIGN_OR_RETURN(auto raw, ReadTable(d.raw_data_path, read));
  ctx.report_progress(0.2, fmt::format("read {} rows", raw->num_rows()));
  for (const std::string& warning : NumberColumnsReadAsText(*raw, "'" + d.raw_data_path + "'"))
    ctx.warn(warning);
  MLPIPE_RETURN_NOT_OK(ctx.CheckStop("after reading input"));

  if (!d.target_column.empty())
    MLPIPE_RETURN_NOT_OK(CheckTargetColumn(d, *raw->schema(), d.raw_data_path));
  const std::string stratify = StratifyColumn(config, *raw->schema());
  if (!stratify.empty()) {
    std::map<std::string, int64_t> class_rows;
    const auto column = raw->GetColumnByName(stratify);
    for (const auto& chunk : column->chunks())
      MLPIPE_RETURN_NOT_OK(CountClasses(*chunk, class_rows));
    MLPIPE_RETURN_NOT_OK(
        CheckStratifiedClasses(config, *column->type(), class_rows, d.raw_data_path));
  }
  MLPIPE_ASSIGN_OR_RETURN(auto parts, TrainValidationSplit(*raw, d.split, stratify));
  auto& [train_raw, valid_raw] = parts;
  FitOptions fit;
  fit.target_column = d.target_column;
  fit.id_columns = d.id_columns;
  MLPIPE_ASSIGN_OR_RETURN(auto pipeline, FittedPipeline::Fit(d.feature_pipeline, *train_raw, fit));
  ctx.report_progress(0.5, fmt::format("fitted {} pipeline steps", d.feature_pipeline.size()));
  MLPIPE_RETURN_NOT_OK(ctx.CheckStop("after fitting the pipeline"));

  MLPIPE_ASSIGN_OR_RETURN(auto train, pipeline.Transform(*train_raw, RowPolicy::kApplyRowSteps));
  MLPIPE_ASSIGN_OR_RETURN(auto valid, pipeline.Transform(*valid_raw, RowPolicy::kApplyRowSteps));
  ctx.report_progress(0.7, fmt::format("transformed: {} training rows, {} validation rows",
                                       train->num_rows(), valid->num_rows()));
  MLPIPE_RETURN_NOT_OK(ctx.CheckStop("after transforming"));
  for (const auto& [part, before, after] :
       {std::tuple{"training", train_raw, train}, {"validation", valid_raw, valid}}) {
    if (auto warning = PipelineKeptNoRowsWarning(part, before->num_rows(), after->num_rows()))
      ctx.warn(*warning);
  }

  const Lineage lineage = LineageOf(pipeline, raw->schema(), ctx.run_id);
  const std::string lineage_json = LineageToJson(lineage).dump(2);
  MLPIPE_ASSIGN_OR_RETURN(
      auto compression,
      ParseCompression(config.ForJob(config::JobType::kDataProcessing).output_compression));
  const std::map<std::string, std::string> sidecars = {{kLineageFile, lineage_json}};
  const OutputWriter writer = WriterOf(type, config, ctx.run_id);
  std::vector<StagedOutput> staged;
  for (const auto& [target, split] : {std::pair{targets[0], train}, std::pair{targets[1], valid}}) {
    const auto& table = *split;  // captured below: clang 14 cannot capture a structured binding
    MLPIPE_ASSIGN_OR_RETURN(auto output,
                            StageLocalOutput(target, writer, [&](const fs::path& staging) {
                              return WriteParquetDataset(table, staging, compression, sidecars);
                            }));
    staged.push_back(std::move(output));
  }
  const fs::path artifact = FeaturePipelineArtifact(dirs, config.model.model_name, ctx.run_id);
  ctx.report_progress(1.0, "wrote training and validation data");
  return ctx.commit([&]() -> Result<nlohmann::json> {
    MLPIPE_RETURN_NOT_OK(WriteFileAtomic(artifact, lineage_json));
    std::vector<std::string> written;
    for (StagedOutput& output : staged) {
      MLPIPE_ASSIGN_OR_RETURN(auto dir, output.Publish());
      written.push_back(dir.string());
    }
    return nlohmann::json{
        {"training_data", written[0]},           {"validation_data", written[1]},
        {"feature_pipeline", artifact.string()}, {"rows_in", raw->num_rows()},
        {"rows_training", train->num_rows()},    {"rows_validation", valid->num_rows()},
        {"columns_out", train->num_columns()}};
  });
}

}  // namespace mlpipe::engine
