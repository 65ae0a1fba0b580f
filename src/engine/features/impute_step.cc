// impute: fills nulls per column. mean/median make the column float64; most_frequent/constant keep
// its type. Fitted state: the fill value of each column.
#include <arrow/compute/api.h>

#include <cmath>
#include <map>

#include "engine/features/column_stats.h"
#include "engine/features/steps_internal.h"
#include "engine/io/arrow_status.h"

namespace mlpipe::engine {

namespace {

struct Fill {
  bool numeric = false;  // mean/median: `number` into a float64 column; else `text` cast to type
  double number = 0;
  std::string text;
};

class ImputeStep : public Step {
 public:
  using Step::Step;

  // Candidate columns are chosen by type here; FitFromStats keeps those with nulls when no
  // columns are listed (a column may have nulls in one part of the data only).
  Result<StepFitStats> CollectFitStats(const arrow::RecordBatch& data,
                                       const StepContext& ctx) const override {
    MLPIPE_RETURN_NOT_OK(EnsureArrowCompute());
    const std::string& method = spec().method;
    const bool numeric = method == "mean" || method == "median";
    if (!numeric && method != "most_frequent" && method != "constant") {
      return Error("unknown strategy '" + method +
                   "'; use mean, median, most_frequent or constant");
    }
    if (method == "constant" && !spec().fill_value) {
      return Error("strategy constant needs a fill_value");
    }
    const auto columns = ResolveColumns(data, ctx, [&](const arrow::Array& a) {
      return numeric ? IsNumericType(*a.type()) : Fits(a);
    });
    StepFitStats stats;
    for (const auto& name : columns) {
      MLPIPE_ASSIGN_OR_RETURN(auto array, RequireColumn(data, name, ctx));
      if (!array) continue;
      if (numeric && !IsNumericType(*array->type()) && array->type_id() != arrow::Type::BOOL) {
        return Error("strategy " + method + " needs a numeric column, but '" + name + "' is " +
                     array->type()->ToString() + "; use most_frequent or constant, or cast first");
      }
      if (method == "constant") {
        Fill fill;
        fill.text = *spec().fill_value;
        MLPIPE_RETURN_NOT_OK(CheckFill(name, array->type(), fill));
      }
      ColumnFitStats& column = stats.Add(name);
      column.rows = array->length();
      column.nulls = array->null_count();
      if (method == "mean") {
        MLPIPE_RETURN_NOT_OK(column.moments.emplace().AddArray(*array));
      } else if (method == "median") {
        MLPIPE_RETURN_NOT_OK(column.values.emplace().AddArray(*array));
      } else if (method == "most_frequent") {
        MLPIPE_RETURN_NOT_OK(column.categories.emplace().AddArray(*array));
      }
    }
    return stats;
  }

  Status FitFromStats(const StepFitStats& stats, const StepContext&) override {
    const std::string& method = spec().method;
    for (const auto& [name, column] : stats.columns()) {
      if (spec().columns.empty() && column.nulls == 0) continue;
      Fill fill;
      if (method == "constant") {
        fill.text = *spec().fill_value;
      } else if (column.nulls == column.rows) {
        return Error("column '" + name + "' has no values to compute a " + method + " from");
      } else if (method == "mean") {
        fill.numeric = true;
        fill.number = column.moments->mean;
      } else if (method == "median") {
        fill.numeric = true;
        fill.number = column.values->Median();
      } else {
        fill.text = column.categories->ByFrequency().front();
      }
      fills_[name] = std::move(fill);
    }
    return Status::OK();
  }

  Result<std::shared_ptr<arrow::RecordBatch>> Apply(const std::shared_ptr<arrow::RecordBatch>& data,
                                                    const StepContext& ctx) const override {
    MLPIPE_RETURN_NOT_OK(EnsureArrowCompute());
    std::shared_ptr<arrow::RecordBatch> out = data;
    for (const auto& [name, fill] : fills_) {
      MLPIPE_ASSIGN_OR_RETURN(auto array, RequireColumn(*out, name, ctx));
      if (!array) continue;
      if (fill.numeric) {
        auto doubles = ToDoubleArray(array);
        if (!doubles.ok()) return Error("column '" + name + "': " + doubles.status().message());
        array = *doubles;
      }
      MLPIPE_ASSIGN_OR_RETURN(auto scalar, FillScalar(name, array->type(), fill));
      MLPIPE_ARROW_ASSIGN_OR_RETURN(arrow::Datum filled,
                                    arrow::compute::CallFunction("coalesce", {array, scalar}),
                                    Describe() + ": cannot fill column '" + name + "'");
      MLPIPE_ASSIGN_OR_RETURN(out, SetColumn(out, name, filled.make_array()));
    }
    return out;
  }

  nlohmann::json FittedToJson() const override {
    nlohmann::json j = nlohmann::json::object();
    for (const auto& [name, fill] : fills_) {
      j[name] = fill.numeric ? nlohmann::json{{"number", fill.number}}
                             : nlohmann::json{{"text", fill.text}};
    }
    return j;
  }

  Status FittedFromJson(const nlohmann::json& fitted) override {
    for (const auto& [name, v] : fitted.items()) {
      Fill fill;
      fill.numeric = v.contains("number");
      if (fill.numeric) {
        fill.number = v.at("number").get<double>();
      } else {
        fill.text = v.at("text").get<std::string>();
      }
      fills_[name] = std::move(fill);
    }
    return Status::OK();
  }

 private:
  // most_frequent takes numeric, string and boolean columns; constant those fill_value fits.
  bool Fits(const arrow::Array& a) const {
    const auto id = a.type_id();
    if (!IsNumericType(*a.type()) && id != arrow::Type::STRING && id != arrow::Type::BOOL) {
      return false;
    }
    if (spec().method == "most_frequent") return true;
    Fill fill;
    fill.text = *spec().fill_value;
    return CheckFill("", a.type(), fill).ok();
  }

  Result<std::shared_ptr<arrow::Scalar>> FillScalar(const std::string& name,
                                                    const std::shared_ptr<arrow::DataType>& type,
                                                    const Fill& fill) const {
    if (fill.numeric) return arrow::MakeScalar(fill.number);
    auto scalar = arrow::MakeScalar(fill.text)->CastTo(type);
    if (!scalar.ok()) {
      return Error("fill value '" + fill.text + "' does not fit column '" + name + "' of type " +
                   type->ToString() + ": " + scalar.status().message());
    }
    return *scalar;
  }

  Status CheckFill(const std::string& name, const std::shared_ptr<arrow::DataType>& type,
                   const Fill& fill) const {
    return FillScalar(name, type, fill).status();
  }

  std::map<std::string, Fill> fills_;
};

}  // namespace

std::unique_ptr<Step> MakeImputeStep(const config::StepSpec& spec, int index) {
  return std::make_unique<ImputeStep>(spec, index);
}

}  // namespace mlpipe::engine
