#include "engine/features/step_spec_json.h"

#include "config/names.h"

namespace mlpipe::engine {

using Kind = config::StepSpec::Kind;

nlohmann::json StepSpecToJson(const config::StepSpec& spec) {
  nlohmann::json j = {
      {"kind", config::StepKindName(spec.kind)},
      {"columns", spec.columns},
      {"expression", spec.expression},
      {"output", spec.output},
      {"cast_types", spec.cast_types},
      {"method", spec.method},
      {"handle_unknown", spec.handle_unknown},
      {"max_categories", spec.max_categories},
      {"where",
       {{"file", spec.where.file}, {"line", spec.where.line}, {"column", spec.where.column}}},
  };
  j["fill_value"] = spec.fill_value ? nlohmann::json(*spec.fill_value) : nlohmann::json(nullptr);
  return j;
}

Result<config::StepSpec> StepSpecFromJson(const nlohmann::json& j) {
  config::StepSpec spec;
  try {
    const std::string kind = j.at("kind").get<std::string>();
    Result<Kind> known = config::ParseStepKind(kind);
    if (!known.ok()) return Status::DataError("unknown feature pipeline step kind '" + kind + "'");
    spec.kind = *known;
    spec.columns = j.at("columns").get<std::vector<std::string>>();
    spec.expression = j.at("expression").get<std::string>();
    spec.output = j.at("output").get<std::string>();
    spec.cast_types = j.at("cast_types").get<std::map<std::string, std::string>>();
    spec.method = j.at("method").get<std::string>();
    spec.handle_unknown = j.at("handle_unknown").get<std::string>();
    spec.max_categories = j.at("max_categories").get<int>();
    if (!j.at("fill_value").is_null()) spec.fill_value = j.at("fill_value").get<std::string>();
    const auto& where = j.at("where");
    spec.where.file = where.at("file").get<std::string>();
    spec.where.line = where.at("line").get<int>();
    spec.where.column = where.at("column").get<int>();
  } catch (const nlohmann::json::exception& e) {
    return Status::DataError(std::string("malformed feature pipeline step: ") + e.what());
  }
  return spec;
}

}  // namespace mlpipe::engine
