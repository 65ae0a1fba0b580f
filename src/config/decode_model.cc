// Decoder for model_config, including the per-algorithm hyperparameter checks.
#include <algorithm>
#include <regex>

#include "config/algorithms.h"
#include "config/decoder.h"
#include "config/hyperparameters.h"
#include "config/names.h"

namespace mlpipe::config {
namespace {

HyperValue ToHyperValue(const ConfigNode& node) {
  if (node.IsNull()) return std::monostate{};
  if (node.quoted) return node.scalar;
  if (const auto b = ParseBool(node.scalar);
      b && (node.scalar == "true" || node.scalar == "false")) {
    return *b;
  }
  if (const auto i = ParseInteger(node.scalar)) return *i;
  if (const auto d = ParseNumber(node.scalar)) return *d;
  return node.scalar;
}

void DecodeHyperparameters(Section& s, const ConfigNode* node, Algorithm algorithm,
                           std::map<std::string, HyperValue>& out) {
  if (node == nullptr) return;
  if (!node->IsMap()) {
    s.decoder().Error(node->where, s.PathOf("hyperparameters") +
                                       ": expected a map of name: value, got " +
                                       std::string(KindName(node->kind)));
    return;
  }
  for (const MapEntry& e : node->entries) {
    if (!e.value.IsScalar() && !e.value.IsNull()) {
      s.decoder().Error(e.value.where, s.PathOf("hyperparameters." + e.key) +
                                           ": expected a single value, got " +
                                           std::string(KindName(e.value.kind)));
      continue;
    }
    HyperValue value = ToHyperValue(e.value);
    const Status st = CheckHyperparameter(algorithm, e.key, value);
    if (!st.ok()) {
      const auto& table = TraitsOf(algorithm).hyperparameters;
      const bool known = std::any_of(table.begin(), table.end(),
                                     [&](const HyperparameterSpec& h) { return h.name == e.key; });
      s.decoder().Error(known ? e.value.where : e.key_where,
                        "model_config.hyperparameters: " + st.message());
      continue;
    }
    out[e.key] = std::move(value);
  }
}

// "", "latest", or a version number (v optional) that fits int64.
bool IsValidModelVersion(const std::string& v) {
  static const std::regex kVersion("|latest|v?[1-9][0-9]*");
  if (!std::regex_match(v, kVersion)) return false;
  if (v.empty() || v == "latest") return true;
  return ParseInteger(std::string_view(v).substr(v[0] == 'v' ? 1 : 0)).has_value();
}

}  // namespace

void DecodeModel(Section& s, ModelConfig& out) {
  s.String("model_name", out.model_name);
  static const std::regex kModelName("[A-Za-z0-9_.-]+");
  if (!std::regex_match(out.model_name, kModelName) || out.model_name == "." ||
      out.model_name == "..") {
    const auto where = s.decoder().WhereWritten(s.PathOf("model_name")).value_or(SourceLocation{});
    s.decoder().Error(where,
                      s.PathOf("model_name") + ": '" + out.model_name +
                          "' is not a valid model name; use letters, digits, '_', '.' and '-' "
                          "(not '.' or '..')");
  }
  std::string algorithm(AlgorithmName(out.algorithm));
  s.Choice("algorithm", algorithm, AllAlgorithmNames());
  out.algorithm = ParseAlgorithm(algorithm).ValueOr(out.algorithm);
  std::string task(TaskName(out.task));
  s.Choice("task", task, AllTaskNames());
  out.task = ParseTask(task).ValueOr(out.task);
  if (!TrainsTask(TraitsOf(out.algorithm), out.task)) {
    const auto where = s.decoder().WhereWritten(s.PathOf("task")).value_or(SourceLocation{});
    s.decoder().Error(where, s.PathOf("task") + ": " + std::string(AlgorithmName(out.algorithm)) +
                                 " does not train " + task +
                                 " tasks; choose another algorithm or task");
  }
  DecodeHyperparameters(s, s.Get("hyperparameters"), out.algorithm, out.hyperparameters);
  s.Int("cv_folds", out.cv_folds, 0);
  s.Double("test_size", out.test_size);
  s.Uint64("seed", out.seed);
  s.String("model_version", out.model_version);
  s.String("positive_class", out.positive_class);
  s.Finish();
  if (out.cv_folds == 1) {
    s.decoder().Error(
        *s.decoder().WhereWritten(s.PathOf("cv_folds")),
        s.PathOf("cv_folds") + ": must be 0 (no cross-validation) or at least 2, got 1");
  }
  if (out.test_size < 0 || out.test_size >= 1) {
    s.decoder().Error(s.decoder().WhereWritten(s.PathOf("test_size")).value_or(SourceLocation{}),
                      s.PathOf("test_size") + ": must be in [0, 1), e.g. 0.2, got " +
                          FormatNumber(out.test_size));
  }
  if (!IsValidModelVersion(out.model_version)) {
    s.decoder().Error(
        s.decoder().WhereWritten(s.PathOf("model_version")).value_or(SourceLocation{}),
        s.PathOf("model_version") +
            ": expected \"latest\" or a number below 2^63 such as 3 or v3, got '" +
            out.model_version + "'");
  }
}

}  // namespace mlpipe::config
