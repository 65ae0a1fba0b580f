#include "backends/output_paths.h"

#include <fmt/format.h>

#include "engine/io/output_owner.h"
#include "util/strings.h"

namespace mlpipe::backends {

namespace {

// `inner` is `outer` or lies below it.
bool Within(const std::string& inner, const std::string& outer) {
  if (inner == outer) return true;
  if (outer.ends_with("/")) return inner.starts_with(outer);  // "/" or "hdfs://nn/"
  return inner.size() > outer.size() && inner.starts_with(outer) && inner[outer.size()] == '/';
}

enum class Relation { kNone, kEqual, kContains, kInside };

Relation Relate(const std::vector<std::string>& output, const std::vector<std::string>& other) {
  for (const auto& o : output) {
    for (const auto& p : other) {
      if (o == p) return Relation::kEqual;
      if (Within(p, o)) return Relation::kContains;
    }
  }
  for (const auto& o : output) {
    for (const auto& p : other) {
      if (Within(o, p)) return Relation::kInside;
    }
  }
  return Relation::kNone;
}

Status Violation(const engine::OutputTarget& out, std::string_view relation, const NamedPath& other,
                 std::string_view consequence) {
  return Status::ConfigError(
      fmt::format("output '{}' ({}) {} {} '{}': {}; choose an output path of its own", out.path,
                  out.role, relation, other.what, other.path, consequence));
}

// data_processing's outputs are meant to be read by the later jobs: evaluation and prediction may
// name one of them as their input.
bool IsPipelineLink(const engine::OutputTarget& out, const NamedPath& other) {
  const bool processed = out.role == "data_config.training_data_path" ||
                         out.role == "data_config.validation_data_path";
  const bool reader = other.what == "data_config.evaluation_data_path" ||
                      other.what == "data_config.prediction_input_path";
  return processed && reader && other.path == out.path;
}

// The config's data paths other than `out` itself, pipeline links (IsPipelineLink) left out.
std::vector<NamedPath> OtherDataPaths(const config::JobConfig& mapped,
                                      const engine::OutputTarget& out) {
  const auto& d = mapped.data;
  std::vector<NamedPath> all = {{"data_config.raw_data_path", d.raw_data_path},
                                {"data_config.training_data_path", d.training_data_path},
                                {"data_config.validation_data_path", d.validation_data_path},
                                {"data_config.evaluation_data_path", d.evaluation_data_path},
                                {"data_config.prediction_input_path", d.prediction_input_path},
                                {"data_config.predictions_output_path", d.predictions_output_path}};
  std::vector<NamedPath> others;
  for (auto& p : all) {
    if (!p.path.empty() && p.what != out.role && !IsPipelineLink(out, p))
      others.push_back(std::move(p));
  }
  return others;
}

Status CheckOne(const engine::OutputTarget& out, const config::JobConfig& mapped,
                const ProtectedPaths& protect, const PathForms& forms) {
  const auto o = forms(out.path);
  for (const auto& p : protect.never_replaced) {
    const Relation r = Relate(o, forms(p.path));
    if (r == Relation::kEqual)
      return Violation(out, "is", p, "mlpipe never writes an output there");
    if (r == Relation::kContains)
      return Violation(out, "contains", p, "writing it would replace it");
  }
  for (const auto& p : OtherDataPaths(mapped, out)) {
    switch (Relate(o, forms(p.path))) {
      case Relation::kNone:
        break;
      case Relation::kEqual:
        return Violation(out, "is the same path as", p, "writing it would replace that data");
      case Relation::kContains:
        return Violation(out, "contains", p, "writing it would replace that data");
      case Relation::kInside:
        return Violation(out, "is inside", p, "a job's output must not change its data");
    }
  }
  for (const auto& p : protect.never_inside) {
    if (Relate(o, forms(p.path)) != Relation::kInside) continue;
    if (!p.except_inside.empty() && Relate(o, forms(p.except_inside)) == Relation::kInside)
      continue;
    return Violation(out, "is inside", p, "that place holds mlpipe's own files");
  }
  return Status::OK();
}

}  // namespace

std::string NormalizePath(const std::string& path) {
  size_t start = 0;
  if (const size_t scheme = path.find("://"); scheme != std::string::npos) {
    const size_t slash = path.find('/', scheme + 3);
    start = slash == std::string::npos ? path.size() : slash;
  }
  std::vector<std::string> parts;
  for (const auto& seg : Split(std::string_view(path).substr(start), '/')) {
    if (seg.empty() || seg == ".") continue;
    if (seg == "..") {
      if (!parts.empty()) parts.pop_back();
      continue;
    }
    parts.push_back(seg);
  }
  return path.substr(0, start) + "/" + Join(parts, "/");
}

Status CheckOutputPaths(config::JobType type, const config::JobConfig& mapped,
                        const ProtectedPaths& protect, const PathForms& forms) {
  for (const auto& out : engine::ConfiguredOutputs(type, mapped)) {
    if (!out.path.empty()) MLPIPE_RETURN_NOT_OK(CheckOne(out, mapped, protect, forms));
  }
  return Status::OK();
}

}  // namespace mlpipe::backends
