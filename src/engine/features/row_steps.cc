// filter and dedupe: the steps that drop rows. Both are skipped under RowPolicy::kKeepAllRows.
#include <arrow/compute/api.h>

#include <string_view>
#include <unordered_set>

#include "config/expression.h"
#include "engine/features/column_stats.h"
#include "engine/features/expression_eval.h"
#include "engine/features/steps_internal.h"
#include "engine/io/arrow_status.h"

namespace mlpipe::engine {

namespace {

Result<std::shared_ptr<arrow::RecordBatch>> TakeRows(const std::shared_ptr<arrow::RecordBatch>& data,
                                                     const arrow::Datum& selection,
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
    MLPIPE_ASSIGN_OR_RETURN(auto key_array, RowKeys(*data, ctx));
    const auto& keys = static_cast<const arrow::BinaryArray&>(*key_array);
    std::unordered_set<std::string_view> seen;
    arrow::Int64Builder rows;
    for (int64_t r = 0; r < data->num_rows(); ++r) {
      if (seen.insert(keys.GetView(r)).second) MLPIPE_ARROW_RETURN_NOT_OK(rows.Append(r), Describe());
    }
    if (rows.length() == data->num_rows()) return data;
    MLPIPE_ARROW_ASSIGN_OR_RETURN(auto indices, rows.Finish(), Describe());
    return TakeRows(data, arrow::Datum(indices), Describe());
  }

  // The text of every key column, each value length-prefixed and nulls marked apart from "".
  Result<std::shared_ptr<arrow::Array>> RowKeys(const arrow::RecordBatch& data,
                                                const StepContext& ctx) const override {
    std::vector<std::shared_ptr<arrow::StringArray>> columns;
    const std::vector<std::string> names =
        spec().columns.empty() ? data.schema()->field_names() : spec().columns;
    for (const auto& name : names) {
      MLPIPE_ASSIGN_OR_RETURN(auto array, RequireColumn(data, name, ctx));
      auto text = ToStringArray(array);
      if (!text.ok()) return Error("cannot compare values of column '" + name + "': " +
                                   text.status().message());
      columns.push_back(*text);
    }
    arrow::BinaryBuilder keys;
    std::string key;
    for (int64_t r = 0; r < data.num_rows(); ++r) {
      key.clear();
      for (const auto& k : columns) {
        if (k->IsNull(r)) {
          key.push_back('\0');
          continue;
        }
        const std::string_view v = k->GetView(r);
        key.push_back('\1');
        key.append(std::to_string(v.size())).push_back(':');
        key.append(v);
      }
      MLPIPE_ARROW_RETURN_NOT_OK(keys.Append(key), Describe());
    }
    return FromArrow(keys.Finish(), Describe());
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
