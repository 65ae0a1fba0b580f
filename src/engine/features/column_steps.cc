// select, drop, cast and derive: steps that reshape or retype columns and learn nothing.
#include <arrow/compute/api.h>

#include "config/expression.h"
#include "engine/features/expression_eval.h"
#include "engine/features/steps_internal.h"
#include "engine/io/arrow_status.h"

namespace mlpipe::engine {

namespace {

class SelectStep : public Step {
 public:
  using Step::Step;
  Result<std::shared_ptr<arrow::RecordBatch>> Apply(const std::shared_ptr<arrow::RecordBatch>& data,
                                                    const StepContext& ctx) const override {
    arrow::FieldVector fields;
    arrow::ArrayVector arrays;
    for (const auto& name : spec().columns) {
      MLPIPE_ASSIGN_OR_RETURN(auto array, RequireColumn(*data, name, ctx));
      if (!array) continue;
      fields.push_back(data->schema()->GetFieldByName(name));
      arrays.push_back(std::move(array));
    }
    return arrow::RecordBatch::Make(arrow::schema(std::move(fields)), data->num_rows(),
                                    std::move(arrays));
  }
};

class DropStep : public Step {
 public:
  using Step::Step;
  // Fitting checks the names, so a typo fails once; later inputs may lack a dropped column.
  Result<StepFitStats> CollectFitStats(const arrow::RecordBatch& data,
                                       const StepContext& ctx) const override {
    for (const auto& name : spec().columns) {
      MLPIPE_ASSIGN_OR_RETURN(auto array, RequireColumn(data, name, ctx));
    }
    return StepFitStats{};
  }
  Result<std::shared_ptr<arrow::RecordBatch>> Apply(const std::shared_ptr<arrow::RecordBatch>& data,
                                                    const StepContext&) const override {
    std::shared_ptr<arrow::RecordBatch> out = data;
    for (const auto& name : spec().columns) {
      const int i = out->schema()->GetFieldIndex(name);
      if (i < 0) continue;
      MLPIPE_ARROW_ASSIGN_OR_RETURN(out, out->RemoveColumn(i), Describe());
    }
    return out;
  }
};

class CastStep : public Step {
 public:
  using Step::Step;
  Result<std::shared_ptr<arrow::RecordBatch>> Apply(const std::shared_ptr<arrow::RecordBatch>& data,
                                                    const StepContext& ctx) const override {
    MLPIPE_RETURN_NOT_OK(EnsureArrowCompute());
    std::shared_ptr<arrow::RecordBatch> out = data;
    for (const auto& [name, type_name] : spec().cast_types) {
      MLPIPE_ASSIGN_OR_RETURN(auto array, RequireColumn(*out, name, ctx));
      if (!array) continue;
      MLPIPE_ASSIGN_OR_RETURN(auto type, TypeFor(type_name));
      auto cast = arrow::compute::Cast(*array, type);
      if (!cast.ok()) {
        return Error("cannot cast column '" + name + "' from " + array->type()->ToString() +
                     " to " + type_name + ": " + cast.status().message() +
                     "; clean the data or impute first");
      }
      MLPIPE_ASSIGN_OR_RETURN(out, SetColumn(out, name, *cast));
    }
    return out;
  }

 private:
  Result<std::shared_ptr<arrow::DataType>> TypeFor(const std::string& name) const {
    if (name == "int64") return arrow::int64();
    if (name == "double") return arrow::float64();
    if (name == "string") return arrow::utf8();
    if (name == "bool") return arrow::boolean();
    return Error("unknown cast type '" + name + "'; use int64, double, string or bool");
  }
};

class DeriveStep : public Step {
 public:
  DeriveStep(const config::StepSpec& spec, int index, config::Expr expr)
      : Step(spec, index), expr_(std::move(expr)) {}
  Result<std::shared_ptr<arrow::RecordBatch>> Apply(const std::shared_ptr<arrow::RecordBatch>& data,
                                                    const StepContext&) const override {
    MLPIPE_ASSIGN_OR_RETURN(auto value, EvaluateExpression(expr_, *data, spec().expression));
    if (value->type_id() == arrow::Type::STRING) {
      return Error("expression '" + spec().expression + "' gives text, but derive makes a " +
                   "numeric column '" + spec().output + "'; use a numeric expression");
    }
    MLPIPE_ARROW_ASSIGN_OR_RETURN(auto number, arrow::compute::Cast(*value, arrow::float64()),
                                  Describe());
    return SetColumn(data, spec().output, number);
  }

 private:
  config::Expr expr_;
};

}  // namespace

std::unique_ptr<Step> MakeSelectStep(const config::StepSpec& spec, int index) {
  return std::make_unique<SelectStep>(spec, index);
}

std::unique_ptr<Step> MakeDropStep(const config::StepSpec& spec, int index) {
  return std::make_unique<DropStep>(spec, index);
}

std::unique_ptr<Step> MakeCastStep(const config::StepSpec& spec, int index) {
  return std::make_unique<CastStep>(spec, index);
}

Result<std::unique_ptr<Step>> MakeDeriveStep(const config::StepSpec& spec, int index) {
  MLPIPE_ASSIGN_OR_RETURN(config::Expr expr, config::ParseExpression(spec.expression, spec.where));
  return std::unique_ptr<Step>(std::make_unique<DeriveStep>(spec, index, std::move(expr)));
}

}  // namespace mlpipe::engine
