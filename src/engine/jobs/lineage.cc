#include "engine/jobs/lineage.h"

#include "util/checksum.h"
#include "util/fs.h"

namespace mlpipe::engine {

namespace {

Result<std::shared_ptr<arrow::DataType>> TypeFromName(const std::string& name) {
  static const std::map<std::string, std::shared_ptr<arrow::DataType>> kTypes = {
      {"bool", arrow::boolean()},
      {"int8", arrow::int8()},
      {"int16", arrow::int16()},
      {"int32", arrow::int32()},
      {"int64", arrow::int64()},
      {"uint8", arrow::uint8()},
      {"uint16", arrow::uint16()},
      {"uint32", arrow::uint32()},
      {"uint64", arrow::uint64()},
      {"float", arrow::float32()},
      {"double", arrow::float64()},
      {"string", arrow::utf8()},
      {"large_string", arrow::large_utf8()},
      {"null", arrow::null()},
  };
  auto it = kTypes.find(name);
  if (it == kTypes.end())
    return Status::DataError("unsupported column type '" + name + "' in lineage schema");
  return it->second;
}

}  // namespace

nlohmann::json SchemaToJson(const arrow::Schema& schema) {
  nlohmann::json cols = nlohmann::json::array();
  for (const auto& f : schema.fields())
    cols.push_back({{"name", f->name()}, {"type", f->type()->ToString()}});
  return cols;
}

Result<std::shared_ptr<arrow::Schema>> SchemaFromJson(const nlohmann::json& j) {
  arrow::FieldVector fields;
  for (const auto& c : j) {
    MLPIPE_ASSIGN_OR_RETURN(auto type, TypeFromName(c.at("type").get<std::string>()));
    fields.push_back(arrow::field(c.at("name").get<std::string>(), type));
  }
  return arrow::schema(fields);
}

std::map<std::string, std::shared_ptr<arrow::DataType>> ColumnTypes(const arrow::Schema& schema) {
  std::map<std::string, std::shared_ptr<arrow::DataType>> out;
  for (const auto& f : schema.fields()) {
    if (f->type()->id() != arrow::Type::NA) out[f->name()] = f->type();
  }
  return out;
}

std::string PipelineIdentity(const FittedPipeline& pipeline, const arrow::Schema& input_schema) {
  nlohmann::json content = pipeline.ToJson();
  for (auto& step : content["steps"]) step["spec"].erase("where");
  return ContentChecksum(
      nlohmann::json{{"pipeline", content}, {"input_schema", SchemaToJson(input_schema)}}.dump());
}

Lineage LineageOf(FittedPipeline pipeline, std::shared_ptr<arrow::Schema> input_schema,
                  std::string run_id) {
  std::string id = PipelineIdentity(pipeline, *input_schema);
  return {std::move(id), std::move(pipeline), std::move(input_schema), std::move(run_id)};
}

nlohmann::json LineageToJson(const Lineage& lineage) {
  return {{"format_version", 1},
          {"pipeline_id", lineage.pipeline_id},
          {"produced_by", lineage.produced_by},
          {"input_schema", SchemaToJson(*lineage.input_schema)},
          {"pipeline", lineage.pipeline.ToJson()}};
}

Result<Lineage> LineageFromJson(const nlohmann::json& j) {
  if (!j.is_object() || j.value("format_version", 0) != 1) {
    return Status::DataError("unsupported lineage format (expected format_version 1)");
  }
  Lineage out;
  out.pipeline_id = j.value("pipeline_id", "");
  out.produced_by = j.value("produced_by", "");
  MLPIPE_ASSIGN_OR_RETURN(out.input_schema, SchemaFromJson(j.at("input_schema")));
  MLPIPE_ASSIGN_OR_RETURN(out.pipeline, FittedPipeline::FromJson(j.at("pipeline")));
  return out;
}

Result<std::optional<Lineage>> ReadLineage(const std::filesystem::path& dir) {
  const auto file = dir / kLineageFile;
  if (!PathExists(file)) return std::optional<Lineage>();
  MLPIPE_ASSIGN_OR_RETURN(auto text, ReadFile(file));
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded()) return Status::DataError("'" + file.string() + "' is not valid JSON");
  auto lineage = LineageFromJson(j);
  if (!lineage.ok()) return lineage.status().WithContext(file.string());
  return std::optional<Lineage>(std::move(*lineage));
}

}  // namespace mlpipe::engine
