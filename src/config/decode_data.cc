// Decoder for data_config (paths, columns, split) and its feature_pipeline steps.
#include <algorithm>
#include <utility>

#include "config/decoder.h"
#include "config/expression.h"
#include "config/names.h"
#include "util/strings.h"

namespace mlpipe::config {
namespace {

using Kind = StepSpec::Kind;

void ParseStepExpression(Decoder& d, const ConfigNode& node, const std::string& path,
                         StepSpec& step) {
  if (!node.IsScalar()) {
    d.Error(node.where,
            path + ": expected an expression string, got " + std::string(KindName(node.kind)));
    return;
  }
  Result<Expr> parsed = ParseExpression(node.scalar, node.where);
  if (!parsed.ok()) return d.AddMessage(parsed.status().message() + " (" + path + ")");
  step.expression = node.scalar;
}

void DecodeColumnList(Decoder& d, const ConfigNode& body, const std::string& path, StepSpec& step) {
  if (!body.IsSequence() || body.items.empty()) {
    d.Error(body.where, path + ": expected a non-empty list of column names");
    return;
  }
  for (const ConfigNode& item : body.items) {
    if (item.IsScalar()) {
      step.columns.push_back(item.scalar);
    } else {
      d.Error(item.where,
              path + ": expected a column name, got " + std::string(KindName(item.kind)));
    }
  }
}

void DecodeCast(Decoder& d, const ConfigNode& body, const std::string& path, StepSpec& step) {
  static const std::vector<std::string> kTypes = {"int64", "double", "string", "bool"};
  if (!body.IsMap() || body.entries.empty()) {
    d.Error(body.where, path + ": expected a map of column: type (int64, double, string or bool)");
    return;
  }
  for (const MapEntry& e : body.entries) {
    const std::string type = e.value.IsScalar() ? e.value.scalar : "";
    if (std::find(kTypes.begin(), kTypes.end(), type) == kTypes.end()) {
      d.Error(e.value.where, path + "." + e.key + ": unknown type '" + type + "'" +
                                 DidYouMeanSuffix(type, kTypes) +
                                 "; use int64, double, string or bool");
      continue;
    }
    step.columns.push_back(e.key);
    step.cast_types[e.key] = type;
  }
}

void DecodeMapStep(Decoder& d, const ConfigNode& body, const std::string& path, StepSpec& step) {
  Section s(d, &body, path);
  s.StringList("columns", step.columns);
  switch (step.kind) {
    case Kind::kImpute: {
      step.method = "mean";
      s.Choice("strategy", step.method, {"mean", "median", "most_frequent", "constant"});
      std::string fill;
      s.String("fill_value", fill);
      if (s.Get("fill_value") != nullptr) step.fill_value = fill;
      if (step.method == "constant" && !step.fill_value) {
        d.Error(body.where, path + ": strategy constant needs fill_value");
      } else if (step.method != "constant" && step.fill_value) {
        d.Error(body.where, path + ": fill_value is only used with strategy: constant");
      }
      break;
    }
    case Kind::kScale:
      step.method = "standard";
      s.Choice("method", step.method, {"standard", "minmax"});
      break;
    case Kind::kEncode:
      step.method = "onehot";
      s.Choice("method", step.method, {"onehot", "ordinal"});
      s.Choice("handle_unknown", step.handle_unknown, {"ignore", "error"});
      s.Int("max_categories", step.max_categories, 1);
      break;
    case Kind::kDerive:
      s.String("name", step.output);
      if (const ConfigNode* expr = s.Get("expr"))
        ParseStepExpression(d, *expr, path + ".expr", step);
      if (step.output.empty()) d.Error(body.where, path + ": derive needs name: <new column>");
      if (s.Get("expr") == nullptr) d.Error(body.where, path + ": derive needs expr: <expression>");
      break;
    default:  // dedupe
      break;
  }
  s.Finish();
}

void DecodeStep(Decoder& d, const MapEntry& entry, const std::string& path, StepSpec& step) {
  const std::string step_path = path + "." + entry.key;
  const ConfigNode& body = entry.value;
  switch (step.kind) {
    case Kind::kSelect:
    case Kind::kDrop:
      return DecodeColumnList(d, body, step_path, step);
    case Kind::kFilter:
      return ParseStepExpression(d, body, step_path, step);
    case Kind::kCast:
      return DecodeCast(d, body, step_path, step);
    case Kind::kDedupe:
      if (body.IsScalar() && body.scalar == "true") return;
      if (body.IsMap()) return DecodeMapStep(d, body, step_path, step);
      return d.Error(body.where, step_path + ": expected true or {columns: [...]}");
    default:
      if (!body.IsMap()) {
        return d.Error(body.where, step_path + ": expected a map of options, got " +
                                       std::string(KindName(body.kind)));
      }
      return DecodeMapStep(d, body, step_path, step);
  }
}

// A data path is read by either backend: a plain path, file:///absolute or hdfs://[authority]/path.
// Other schemes (s3://, gs://, abfs://, ...) are refused here, at validate time, not at submit.
void DataPath(Section& s, std::string_view key, std::string& out) {
  s.String(key, out);
  const size_t sep = out.find("://");
  if (sep == std::string::npos) return;
  const std::string scheme = out.substr(0, sep);
  std::string why;
  if (scheme != "hdfs" && scheme != "file") {
    why = "unsupported scheme '" + scheme +
          "://'; mlpipe reads hdfs://, file:/// or plain paths (copy the "
          "data to HDFS first, e.g. with hadoop distcp)";
  } else if (scheme == "file" && !StartsWith(std::string_view(out).substr(sep + 3), "/")) {
    why = "a file URI must be absolute: file:///path";
  }
  if (why.empty()) return;
  const auto where = s.decoder().WhereWritten(s.PathOf(key)).value_or(SourceLocation{});
  s.decoder().Error(where, s.PathOf(key) + ": '" + out + "': " + why);
}

// `written_at: "file:line:col"` (rendered into run snapshots) -> where the step was first written.
void DecodeWrittenAt(Decoder& d, const MapEntry& entry, const std::string& path, StepSpec& step) {
  const std::string& text = entry.value.scalar;
  const size_t col_sep = text.rfind(':');
  const size_t line_sep = col_sep == std::string::npos || col_sep == 0
                              ? std::string::npos
                              : text.rfind(':', col_sep - 1);
  std::optional<int64_t> line, column;
  if (entry.value.IsScalar() && line_sep != std::string::npos && line_sep > 0) {
    line = ParseInteger(std::string_view(text).substr(line_sep + 1, col_sep - line_sep - 1));
    column = ParseInteger(std::string_view(text).substr(col_sep + 1));
  }
  if (!line || !column || *line < 1 || *column < 1 || *line > INT32_MAX || *column > INT32_MAX)
    return d.Error(entry.value.where, path + "." + entry.key + ": expected file:line:col");
  step.where =
      SourceLocation{text.substr(0, line_sep), static_cast<int>(*line), static_cast<int>(*column)};
}

}  // namespace

void DecodeFeaturePipeline(Decoder& d, const ConfigNode& list, std::vector<StepSpec>& out) {
  const std::string path = "data_config.feature_pipeline";
  if (!list.IsSequence()) {
    return d.Error(list.where,
                   path + ": expected a list of steps, got " + std::string(KindName(list.kind)));
  }
  const std::vector<std::string> names = AllStepKindNames();
  for (size_t i = 0; i < list.items.size(); ++i) {
    const ConfigNode& item = list.items[i];
    const std::string item_path = path + "[" + std::to_string(i) + "]";
    const auto is_step_key = [](const MapEntry& e) { return e.key != kStepWrittenAtKey; };
    const size_t step_keys =
        item.IsMap() ? std::count_if(item.entries.begin(), item.entries.end(), is_step_key) : 0;
    if (step_keys != 1) {
      d.Error(item.where, item_path + ": each step is a map with one key, the step kind (" +
                              Join(names, ", ") + ")");
      continue;
    }
    const MapEntry& entry = *std::find_if(item.entries.begin(), item.entries.end(), is_step_key);
    StepSpec step;
    step.where = item.where;
    for (const MapEntry& e : item.entries) {
      if (!is_step_key(e)) DecodeWrittenAt(d, e, item_path, step);
    }
    Result<Kind> kind = ParseStepKind(entry.key);
    if (!kind.ok()) {
      d.Error(entry.key_where, item_path + ": " + kind.status().message());
      continue;
    }
    step.kind = *kind;
    DecodeStep(d, entry, item_path, step);
    out.push_back(std::move(step));
  }
}

// data_config.write_mode: a mode for every output ("error"), or a map from output key to mode.
void DecodeWriteModes(Section& s, OutputWriteModes& out) {
  const ConfigNode* node = s.Get("write_mode");
  if (node == nullptr) return;
  const std::vector<std::string> modes = AllWriteModeNames();
  auto decode = [&](Section& section, std::string_view key, WriteMode& mode) {
    std::string name(WriteModeName(mode));
    section.Choice(key, name, modes);
    mode = ParseWriteMode(name).ValueOr(mode);
  };
  if (!node->IsMap()) {
    decode(s, "write_mode", out.predictions_output_path);
    out.training_data_path = out.validation_data_path = out.predictions_output_path;
    return;
  }
  Section per_output(s.decoder(), node, s.PathOf("write_mode"));
  decode(per_output, "predictions_output_path", out.predictions_output_path);
  decode(per_output, "training_data_path", out.training_data_path);
  decode(per_output, "validation_data_path", out.validation_data_path);
  per_output.Finish();
}

void DecodeData(Section& s, DataConfig& out) {
  for (const auto& [key, field] : {std::pair{"raw_data_path", &out.raw_data_path},
                                   {"training_data_path", &out.training_data_path},
                                   {"validation_data_path", &out.validation_data_path},
                                   {"evaluation_data_path", &out.evaluation_data_path},
                                   {"prediction_input_path", &out.prediction_input_path},
                                   {"predictions_output_path", &out.predictions_output_path}}) {
    DataPath(s, key, *field);
  }
  s.Choice("input_format", out.input_format, {"auto", "csv", "parquet"});
  s.String("target_column", out.target_column);
  s.StringList("id_columns", out.id_columns);
  s.StringList("na_values", out.na_values);
  DecodeWriteModes(s, out.write_mode);
  if (s.Get("feature_columns") != nullptr) {
    std::vector<std::string> columns;
    s.StringList("feature_columns", columns);
    out.feature_columns = std::move(columns);
  }
  if (const ConfigNode* steps = s.Get("feature_pipeline")) {
    DecodeFeaturePipeline(s.decoder(), *steps, out.feature_pipeline);
  }
  Section split(s.decoder(), s.Get("split"), s.PathOf("split"));
  split.Double("test_size", out.split.test_size);
  split.Uint64("seed", out.split.seed);
  split.Bool("stratify", out.split.stratify);
  split.Finish();
  if (out.split.test_size < 0 || out.split.test_size >= 1) {
    s.decoder().Error(*s.decoder().WhereWritten(split.PathOf("test_size")),
                      split.PathOf("test_size") + ": must be in [0, 1), e.g. 0.2, got " +
                          FormatNumber(out.split.test_size));
  }
  s.Finish();
}

}  // namespace mlpipe::config
