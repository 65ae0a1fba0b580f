#include "engine/features/step.h"

#include <algorithm>

#include "config/names.h"
#include "engine/features/steps_internal.h"
#include "engine/io/arrow_status.h"
#include "util/strings.h"

namespace mlpipe::engine {

using Kind = config::StepSpec::Kind;

bool StepContext::IsReserved(const std::string& column) const {
  return column == target_column ||
         std::find(id_columns.begin(), id_columns.end(), column) != id_columns.end();
}

std::string Step::Describe() const {
  std::string where = spec_.where.file.empty() ? "" : " at " + spec_.where.ToString();
  return "feature_pipeline step " + std::to_string(index_) + " (" +
         std::string(config::StepKindName(spec_.kind)) + where + ")";
}

Status Step::Fit(const arrow::RecordBatch& data, const StepContext& ctx) {
  MLPIPE_ASSIGN_OR_RETURN(StepFitStats stats, CollectFitStats(data, ctx));
  return FitFromStats(stats, ctx);
}

Result<StepFitStats> Step::CollectFitStats(const arrow::RecordBatch&, const StepContext&) const {
  return StepFitStats{};
}

Status Step::FitFromStats(const StepFitStats&, const StepContext&) { return Status::OK(); }

Result<std::shared_ptr<arrow::Array>> Step::RowKeys(const arrow::RecordBatch&,
                                                    const StepContext&) const {
  return Status::Internal(Describe() + " has no row keys; only dedupe needs every row at once");
}

nlohmann::json Step::FittedToJson() const { return nullptr; }

Status Step::FittedFromJson(const nlohmann::json&) { return Status::OK(); }

Status Step::Error(const std::string& message) const {
  return Status::DataError(Describe() + ": " + message);
}

Result<std::shared_ptr<arrow::Array>> Step::RequireColumn(const arrow::RecordBatch& data,
                                                          const std::string& name,
                                                          const StepContext& ctx) const {
  if (auto array = data.GetColumnByName(name)) return array;
  if (ctx.policy == RowPolicy::kKeepAllRows && name == ctx.target_column) {
    return std::shared_ptr<arrow::Array>();
  }
  return Error("column '" + name + "' does not exist" +
               DidYouMeanSuffix(name, data.schema()->field_names()) +
               "; available columns: " + Join(data.schema()->field_names(), ", "));
}

Result<std::unique_ptr<Step>> MakeStep(const config::StepSpec& spec, int index) {
  switch (spec.kind) {
    case Kind::kSelect:
      return MakeSelectStep(spec, index);
    case Kind::kDrop:
      return MakeDropStep(spec, index);
    case Kind::kFilter:
      return MakeFilterStep(spec, index);
    case Kind::kCast:
      return MakeCastStep(spec, index);
    case Kind::kImpute:
      return MakeImputeStep(spec, index);
    case Kind::kScale:
      return MakeScaleStep(spec, index);
    case Kind::kEncode:
      return MakeEncodeStep(spec, index);
    case Kind::kDerive:
      return MakeDeriveStep(spec, index);
    case Kind::kDedupe:
      return MakeDedupeStep(spec, index);
  }
  return Status::Internal("unknown feature_pipeline step kind");
}

Result<std::shared_ptr<arrow::RecordBatch>> SetColumn(
    const std::shared_ptr<arrow::RecordBatch>& batch, const std::string& name,
    const std::shared_ptr<arrow::Array>& array) {
  auto field = arrow::field(name, array->type());
  const int i = batch->schema()->GetFieldIndex(name);
  auto result = i >= 0 ? batch->SetColumn(i, field, array)
                       : batch->AddColumn(batch->num_columns(), field, array);
  return FromArrow(std::move(result), "cannot set column '" + name + "'");
}

bool IsNumericType(const arrow::DataType& type) {
  return arrow::is_integer(type.id()) || arrow::is_floating(type.id());
}

}  // namespace mlpipe::engine
