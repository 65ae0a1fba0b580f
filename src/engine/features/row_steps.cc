// filter and dedupe: the steps that drop rows. Both are skipped under RowPolicy::kKeepAllRows.
#include <arrow/compute/api.h>

#include <algorithm>
#include <vector>

#include "config/expression.h"
#include "engine/features/expression_eval.h"
#include "engine/features/row_identity.h"
#include "engine/features/steps_internal.h"
#include "engine/io/arrow_status.h"

namespace mlpipe::engine {

namespace {

Result<std::shared_ptr<arrow::RecordBatch>> TakeRows(
    const std::shared_ptr<arrow::RecordBatch>& data, const arrow::Datum& selection,
    const std::string& context) {
  MLPIPE_RETURN_NOT_OK(EnsureArrowCompute());
  MLPIPE_ARROW_ASSIGN_OR_RETURN(arrow::Datum out,
                                selection.type()->id() == arrow::Type::BOOL
                                    ? arrow::compute::Filter(data, selection)
                                    : arrow::compute::Take(data, selection),
                                context);
  return out.record_batch();
}

class FilterStep : public Step {
 public:
  FilterStep(const config::StepSpec& spec, int index, config::Expr expr)
      : Step(spec, index), expr_(std::move(expr)) {}
  Result<std::shared_ptr<arrow::RecordBatch>> Apply(const std::shared_ptr<arrow::RecordBatch>& data,
                                                    const StepContext& ctx) const override {
    if (ctx.policy == RowPolicy::kKeepAllRows) return data;
    MLPIPE_ASSIGN_OR_RETURN(auto mask, EvaluateExpression(expr_, *data, spec().expression));
    if (mask->type_id() == arrow::Type::NA) {  // `filter: null` keeps nothing, as in SQL
      return data->Slice(0, 0);
    }
    if (mask->type_id() != arrow::Type::BOOL) {
      return Error("filter expression '" + spec().expression + "' gives " +
                   mask->type()->ToString() + " values, not true/false; use a comparison");
    }
    return TakeRows(data, arrow::Datum(mask), Describe());  // null rows are dropped
  }

 private:
  config::Expr expr_;
};

// Keeps the first row of each group of rows equal on the key columns (all columns when empty).
class DedupeStep : public Step {
 public:
  using Step::Step;
  Result<std::shared_ptr<arrow::RecordBatch>> Apply(const std::shared_ptr<arrow::RecordBatch>& data,
                                                    const StepContext& ctx) const override {
    if (ctx.policy == RowPolicy::kKeepAllRows) return data;
    MLPIPE_ASSIGN_OR_RETURN(RowIdentity rows, Identity(*data, ctx));
    const std::vector<uint8_t> keep = rows.KeepFirst();
    if (std::find(keep.begin(), keep.end(), 0) == keep.end()) return data;
    arrow::BooleanBuilder mask;
    MLPIPE_ARROW_RETURN_NOT_OK(mask.AppendValues(keep.data(), static_cast<int64_t>(keep.size())),
                               Describe());
    MLPIPE_ARROW_ASSIGN_OR_RETURN(auto selection, mask.Finish(), Describe());
    return TakeRows(data, arrow::Datum(selection), Describe());
  }

  Result<std::shared_ptr<arrow::Array>> RowKeys(const arrow::RecordBatch& data,
                                                const StepContext& ctx) const override {
    MLPIPE_ASSIGN_OR_RETURN(RowIdentity rows, Identity(data, ctx));
    return rows.EncodeKeys();
  }

 private:
  // Equality on the key columns (all columns when none are listed).
  Result<RowIdentity> Identity(const arrow::RecordBatch& data, const StepContext& ctx) const {
    std::vector<std::shared_ptr<arrow::Array>> columns;
    const std::vector<std::string> names =
        spec().columns.empty() ? data.schema()->field_names() : spec().columns;
    for (const auto& name : names) {
      MLPIPE_ASSIGN_OR_RETURN(auto array, RequireColumn(data, name, ctx));
      columns.push_back(std::move(array));
    }
    auto identity = RowIdentity::Make(columns, data.num_rows());
    if (!identity.ok()) return Error("cannot compare rows: " + identity.status().message());
    return identity;
  }
};

}  // namespace

Result<std::unique_ptr<Step>> MakeFilterStep(const config::StepSpec& spec, int index) {
  MLPIPE_ASSIGN_OR_RETURN(config::Expr expr, config::ParseExpression(spec.expression, spec.where));
  return std::unique_ptr<Step>(std::make_unique<FilterStep>(spec, index, std::move(expr)));
}

std::unique_ptr<Step> MakeDedupeStep(const config::StepSpec& spec, int index) {
  return std::make_unique<DedupeStep>(spec, index);
}

}  // namespace mlpipe::engine
