#include "config/names.h"

#include <array>
#include <utility>

#include "config/algorithms.h"
#include "util/strings.h"

namespace mlpipe::config {
namespace {

template <typename E, size_t N = 4>
using NameTable = std::array<std::pair<std::string_view, E>, N>;

constexpr NameTable<JobType> kJobTypes = {{{"training", JobType::kTraining},
                                           {"prediction", JobType::kPrediction},
                                           {"data_processing", JobType::kDataProcessing},
                                           {"evaluation", JobType::kEvaluation}}};
constexpr NameTable<Task> kTasks = {{{"auto", Task::kAuto},
                                     {"binary", Task::kBinary},
                                     {"multiclass", Task::kMulticlass},
                                     {"regression", Task::kRegression}}};
constexpr NameTable<StepSpec::Kind, 9> kStepKinds = {{{"select", StepSpec::Kind::kSelect},
                                                      {"drop", StepSpec::Kind::kDrop},
                                                      {"filter", StepSpec::Kind::kFilter},
                                                      {"cast", StepSpec::Kind::kCast},
                                                      {"impute", StepSpec::Kind::kImpute},
                                                      {"scale", StepSpec::Kind::kScale},
                                                      {"encode", StepSpec::Kind::kEncode},
                                                      {"derive", StepSpec::Kind::kDerive},
                                                      {"dedupe", StepSpec::Kind::kDedupe}}};
constexpr NameTable<WriteMode, 3> kWriteModes = {{{"replace_own", WriteMode::kReplaceOwn},
                                                  {"error", WriteMode::kError},
                                                  {"new_version", WriteMode::kNewVersion}}};

template <typename E, size_t N>
std::vector<std::string> Names(const NameTable<E, N>& table) {
  std::vector<std::string> out;
  for (const auto& [name, value] : table) out.emplace_back(name);
  return out;
}

template <typename E, size_t N>
std::string_view NameOf(const NameTable<E, N>& table, E value) {
  for (const auto& [name, v] : table) {
    if (v == value) return name;
  }
  return "?";
}

// " (did you mean 'x'?)" for a near typo, or for a name that `word` abbreviates ("logistic").
std::string Suggestion(std::string_view word, const std::vector<std::string>& names) {
  std::string suffix = DidYouMeanSuffix(word, names);
  if (!suffix.empty() || word.size() < 3) return suffix;
  for (const std::string& n : names) {
    if (StartsWith(n, word)) return " (did you mean '" + n + "'?)";
  }
  return "";
}

Status Unknown(std::string_view what, std::string_view name, const std::vector<std::string>& names,
               StatusCode code) {
  return Status(code, "unknown " + std::string(what) + " '" + std::string(name) + "'" +
                          Suggestion(name, names) + "; valid: " + Join(names, ", "));
}

template <typename E, size_t N>
Result<E> Lookup(const NameTable<E, N>& table, std::string_view name, std::string_view what,
                 StatusCode code) {
  for (const auto& [n, v] : table) {
    if (n == name) return v;
  }
  return Unknown(what, name, Names(table), code);
}

}  // namespace

std::string_view JobTypeName(JobType t) { return NameOf(kJobTypes, t); }
std::string_view TimeoutKey(JobType t) {
  return t == JobType::kPrediction ? "prediction_timeout" : "timeout";
}
std::string_view AlgorithmName(Algorithm a) { return TraitsOf(a).name; }
std::string_view TaskName(Task t) { return NameOf(kTasks, t); }
std::string_view WriteModeName(WriteMode m) { return NameOf(kWriteModes, m); }
std::vector<std::string> AllJobTypeNames() { return Names(kJobTypes); }
std::vector<std::string> AllAlgorithmNames() {
  std::vector<std::string> out;
  for (const AlgorithmTraits& a : AllAlgorithms()) out.push_back(a.name);
  return out;
}
std::vector<std::string> AllTaskNames() { return Names(kTasks); }
std::vector<std::string> AllWriteModeNames() { return Names(kWriteModes); }
std::string_view StepKindName(StepSpec::Kind k) { return NameOf(kStepKinds, k); }
std::vector<std::string> AllStepKindNames() { return Names(kStepKinds); }
Result<StepSpec::Kind> ParseStepKind(std::string_view name) {
  return Lookup(kStepKinds, name, "step", StatusCode::kConfigError);
}

Result<JobType> ParseJobType(std::string_view name) {
  return Lookup(kJobTypes, name, "job type", StatusCode::kInvalidArgument);
}
Result<Algorithm> ParseAlgorithm(std::string_view name) {
  for (const AlgorithmTraits& a : AllAlgorithms()) {
    if (a.name == name) return a.algorithm;
  }
  return Unknown("algorithm", name, AllAlgorithmNames(), StatusCode::kConfigError);
}
Result<Task> ParseTask(std::string_view name) {
  return Lookup(kTasks, name, "task", StatusCode::kConfigError);
}
Result<WriteMode> ParseWriteMode(std::string_view name) {
  return Lookup(kWriteModes, name, "write mode", StatusCode::kConfigError);
}

Result<BackendKind> ParseBackend(std::string_view name) {
  if (name == "local") return BackendKind::kLocal;
  if (name == "yarn") return BackendKind::kYarn;
  return Status::ConfigError("unknown backend '" + std::string(name) + "'" +
                             DidYouMeanSuffix(name, {"local", "yarn"}) + "; valid: local, yarn");
}

std::string_view BackendName(BackendKind b) { return b == BackendKind::kYarn ? "yarn" : "local"; }

}  // namespace mlpipe::config
