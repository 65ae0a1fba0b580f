// scale: (x - offset) / scale per numeric column, output float64, nulls kept. standard uses the
// mean and population standard deviation, minmax the minimum and the range; a zero spread
// becomes 1 so constant columns map to 0.
#include <map>

#include "engine/features/column_stats.h"
#include "engine/features/steps_internal.h"
#include "engine/io/arrow_status.h"

namespace mlpipe::engine {

namespace {

struct Affine {
  double offset = 0;
  double scale = 1;
};

class ScaleStep : public Step {
 public:
  using Step::Step;

  Result<StepFitStats> CollectFitStats(const arrow::RecordBatch& data,
                                       const StepContext& ctx) const override {
    const std::string& method = spec().method;
    if (method != "standard" && method != "minmax") {
      return Error("unknown method '" + method + "'; use standard or minmax");
    }
    const auto columns =
        ResolveColumns(data, ctx, [](const arrow::Array& a) { return IsNumericType(*a.type()); });
    StepFitStats stats;
    for (const auto& name : columns) {
      MLPIPE_ASSIGN_OR_RETURN(auto array, RequireColumn(data, name, ctx));
      if (!array) continue;
      if (!IsNumericType(*array->type()) && array->type_id() != arrow::Type::BOOL) {
        return Error("column '" + name + "' is " + array->type()->ToString() +
                     ", scaling needs numbers; encode or cast it first");
      }
      ColumnFitStats& column = stats.Add(name);
      column.rows = array->length();
      column.nulls = array->null_count();
      MLPIPE_RETURN_NOT_OK(column.moments.emplace().AddArray(*array));
    }
    return stats;
  }

  Status FitFromStats(const StepFitStats& stats, const StepContext&) override {
    const bool standard = spec().method == "standard";
    for (const auto& [name, column] : stats.columns()) {
      const NumericStats& m = *column.moments;
      Affine a;
      a.offset = standard ? m.mean : m.min;
      const double spread = standard ? m.PopulationStddev() : m.max - m.min;
      a.scale = spread > 0 ? spread : 1.0;
      affine_[name] = a;
    }
    return Status::OK();
  }

  Result<std::shared_ptr<arrow::RecordBatch>> Apply(const std::shared_ptr<arrow::RecordBatch>& data,
                                                    const StepContext& ctx) const override {
    std::shared_ptr<arrow::RecordBatch> out = data;
    for (const auto& [name, a] : affine_) {
      MLPIPE_ASSIGN_OR_RETURN(auto array, RequireColumn(*out, name, ctx));
      if (!array) continue;
      auto doubles = ToDoubleArray(array);
      if (!doubles.ok()) return Error("column '" + name + "': " + doubles.status().message());
      const auto& in = **doubles;
      // Same offset as the input so its validity bitmap is shared as is.
      const int64_t offset = in.offset();
      std::vector<double> values(static_cast<size_t>(offset + in.length()));
      for (int64_t i = 0; i < in.length(); ++i) {
        values[static_cast<size_t>(offset + i)] = (in.Value(i) - a.offset) / a.scale;
      }
      auto scaled = std::make_shared<arrow::DoubleArray>(
          in.length(), arrow::Buffer::FromVector(std::move(values)),
          in.null_count() > 0 ? in.null_bitmap() : nullptr, in.null_count(), offset);
      MLPIPE_ASSIGN_OR_RETURN(out, SetColumn(out, name, scaled));
    }
    return out;
  }

  nlohmann::json FittedToJson() const override {
    nlohmann::json j = nlohmann::json::object();
    for (const auto& [name, a] : affine_) j[name] = {{"offset", a.offset}, {"scale", a.scale}};
    return j;
  }

  Status FittedFromJson(const nlohmann::json& fitted) override {
    for (const auto& [name, v] : fitted.items()) {
      affine_[name] = Affine{v.at("offset").get<double>(), v.at("scale").get<double>()};
    }
    return Status::OK();
  }

 private:
  std::map<std::string, Affine> affine_;
};

}  // namespace

std::unique_ptr<Step> MakeScaleStep(const config::StepSpec& spec, int index) {
  return std::make_unique<ScaleStep>(spec, index);
}

}  // namespace mlpipe::engine
