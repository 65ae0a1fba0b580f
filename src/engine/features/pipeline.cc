#include "engine/features/pipeline.h"

#include <algorithm>

#include "engine/features/step_spec_json.h"
#include "engine/io/arrow_status.h"

namespace mlpipe::engine {

namespace {

Result<std::shared_ptr<arrow::RecordBatch>> ToBatch(const arrow::Table& data) {
  return FromArrow(data.CombineChunksToBatch(), "cannot combine the input table into one batch");
}

}  // namespace

StepContext FittedPipeline::Context(RowPolicy policy) const {
  return StepContext{opts_.target_column, opts_.id_columns, policy};
}

Result<FittedPipeline> FittedPipeline::Fit(const std::vector<config::StepSpec>& steps,
                                           const arrow::Table& data, const FitOptions& opts) {
  FittedPipeline p;
  p.opts_ = opts;
  const StepContext ctx = p.Context(RowPolicy::kApplyRowSteps);
  MLPIPE_ASSIGN_OR_RETURN(auto batch, ToBatch(data));
  for (size_t i = 0; i < steps.size(); ++i) {
    MLPIPE_ASSIGN_OR_RETURN(std::unique_ptr<Step> step,
                            MakeStep(steps[i], static_cast<int>(i) + 1));
    MLPIPE_RETURN_NOT_OK(step->Fit(*batch, ctx));
    MLPIPE_ASSIGN_OR_RETURN(batch, step->Apply(batch, ctx));
    p.steps_.push_back(std::move(step));
  }
  p.output_columns_ = batch->schema()->field_names();
  return p;
}

FittedPipeline FittedPipeline::Empty(const FitOptions& opts) {
  FittedPipeline p;
  p.opts_ = opts;
  return p;
}

Result<StepFitStats> FittedPipeline::CollectStepStats(const config::StepSpec& spec,
                                                      const arrow::RecordBatch& rows) const {
  MLPIPE_ASSIGN_OR_RETURN(std::unique_ptr<Step> step,
                          MakeStep(spec, static_cast<int>(steps_.size()) + 1));
  return step->CollectFitStats(rows, Context(RowPolicy::kApplyRowSteps));
}

Result<FittedPipeline> FittedPipeline::AppendFitted(const config::StepSpec& spec,
                                                    const StepFitStats& stats,
                                                    const arrow::Schema& input_schema) const {
  FittedPipeline p = *this;
  MLPIPE_ASSIGN_OR_RETURN(std::unique_ptr<Step> step,
                          MakeStep(spec, static_cast<int>(steps_.size()) + 1));
  MLPIPE_RETURN_NOT_OK(step->FitFromStats(stats, Context(RowPolicy::kApplyRowSteps)));
  p.steps_.push_back(std::move(step));
  MLPIPE_ARROW_ASSIGN_OR_RETURN(
      auto no_rows, arrow::RecordBatch::MakeEmpty(std::make_shared<arrow::Schema>(input_schema)),
      "cannot make an empty batch");
  MLPIPE_ASSIGN_OR_RETURN(auto out, p.TransformBatch(*no_rows, RowPolicy::kApplyRowSteps));
  p.output_columns_ = out->schema()->field_names();
  return p;
}

Result<std::shared_ptr<arrow::Array>> FittedPipeline::RowKeys(
    size_t step, const arrow::RecordBatch& rows) const {
  if (step >= steps_.size()) {
    return Status::InvalidArgument("pipeline has " + std::to_string(steps_.size()) +
                                   " steps, no step " + std::to_string(step + 1));
  }
  return steps_[step]->RowKeys(rows, Context(RowPolicy::kApplyRowSteps));
}

Result<std::shared_ptr<arrow::RecordBatch>> FittedPipeline::TransformBatch(
    const arrow::RecordBatch& batch, RowPolicy policy, size_t first_step, size_t end_step) const {
  const StepContext ctx = Context(policy);
  auto out = arrow::RecordBatch::Make(batch.schema(), batch.num_rows(), batch.columns());
  for (size_t i = first_step; i < std::min(end_step, steps_.size()); ++i) {
    MLPIPE_ASSIGN_OR_RETURN(out, steps_[i]->Apply(out, ctx));
  }
  return out;
}

Result<std::shared_ptr<arrow::Table>> FittedPipeline::Transform(const arrow::Table& data,
                                                                RowPolicy policy) const {
  MLPIPE_ASSIGN_OR_RETURN(auto batch, ToBatch(data));
  MLPIPE_ASSIGN_OR_RETURN(batch, TransformBatch(*batch, policy));
  return FromArrow(arrow::Table::FromRecordBatches(batch->schema(), {batch}),
                   "cannot assemble the transformed table");
}

nlohmann::json FittedPipeline::ToJson() const {
  nlohmann::json steps = nlohmann::json::array();
  for (const auto& step : steps_) {
    steps.push_back({{"spec", StepSpecToJson(step->spec())}, {"fitted", step->FittedToJson()}});
  }
  return {{"version", kJsonVersion},
          {"target_column", opts_.target_column},
          {"id_columns", opts_.id_columns},
          {"output_columns", output_columns_},
          {"steps", steps}};
}

Result<FittedPipeline> FittedPipeline::FromJson(const nlohmann::json& j) {
  FittedPipeline p;
  try {
    const int version = j.at("version").get<int>();
    if (version != kJsonVersion) {
      return Status::DataError("fitted feature pipeline has version " + std::to_string(version) +
                               ", this mlpipe reads version " + std::to_string(kJsonVersion) +
                               "; retrain the model with this mlpipe");
    }
    p.opts_.target_column = j.at("target_column").get<std::string>();
    p.opts_.id_columns = j.at("id_columns").get<std::vector<std::string>>();
    p.output_columns_ = j.at("output_columns").get<std::vector<std::string>>();
    int index = 0;
    for (const auto& item : j.at("steps")) {
      MLPIPE_ASSIGN_OR_RETURN(config::StepSpec spec, StepSpecFromJson(item.at("spec")));
      MLPIPE_ASSIGN_OR_RETURN(std::unique_ptr<Step> step, MakeStep(spec, ++index));
      MLPIPE_RETURN_NOT_OK(step->FittedFromJson(item.at("fitted")));
      p.steps_.push_back(std::move(step));
    }
  } catch (const nlohmann::json::exception& e) {
    return Status::DataError(std::string("malformed fitted feature pipeline: ") + e.what());
  }
  return p;
}

}  // namespace mlpipe::engine
