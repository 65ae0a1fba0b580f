#include "engine/models/xgboost_api.h"

#include <fmt/format.h>
#include <xgboost/c_api.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "util/strings.h"

namespace mlpipe::engine {
namespace {

constexpr const char* kNamesAttr = "mlpipe_feature_names";

// Turns an XGBoost return code into a Status naming the call.
Status Check(int rc, std::string_view call) {
  if (rc == 0) return Status::OK();
  return Status::Internal(fmt::format("XGBoost {} failed: {}", call, XGBGetLastError()));
}

struct DMatrixDeleter {
  void operator()(void* handle) const { XGDMatrixFree(handle); }
};
using DMatrix = std::unique_ptr<void, DMatrixDeleter>;

// Applies XgbFeatureNames(names) through `set` (a DMatrix or Booster feature-info setter).
template <typename Setter>
Status SetFeatureNames(const std::vector<std::string>& names, Setter set, std::string_view call) {
  std::vector<std::string> xgb_names = XgbFeatureNames(names);
  std::vector<const char*> pointers;
  for (const std::string& n : xgb_names) pointers.push_back(n.c_str());
  return Check(set("feature_name", pointers.data(), static_cast<bst_ulong>(pointers.size())), call);
}

Result<DMatrix> MakeDMatrix(const FeatureMatrix& x) {
  DMatrixHandle raw = nullptr;
  static const float kNoRows = 0;  // XGBoost wants a data pointer even for no rows
  MLPIPE_RETURN_NOT_OK(Check(XGDMatrixCreateFromMat(x.rows == 0 ? &kNoRows : x.values.data(),
                                                    static_cast<bst_ulong>(x.rows),
                                                    static_cast<bst_ulong>(x.cols), NAN, &raw),
                             "XGDMatrixCreateFromMat"));
  DMatrix m(raw);
  MLPIPE_RETURN_NOT_OK(SetFeatureNames(
      x.names, [&](auto... args) { return XGDMatrixSetStrFeatureInfo(raw, args...); },
      "XGDMatrixSetStrFeatureInfo(feature_name)"));
  return m;
}

// A penalty on the summed loss as XGBoost's linear updater wants it: divided by the row count.
Result<std::string> PerRowPenalty(const std::string& name, const std::string& value, int64_t rows) {
  double v = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
  if (ec != std::errc() || end != value.data() + value.size()) {
    return Status::InvalidArgument(
        fmt::format("XGBoost parameter {}='{}' is not a number", name, value));
  }
  return fmt::format("{}", v / static_cast<double>(rows));
}

Status CheckColumns(const std::vector<std::string>& expected, const std::vector<std::string>& got) {
  if (expected == got) return Status::OK();
  std::set<std::string> have(got.begin(), got.end()), want(expected.begin(), expected.end());
  std::vector<std::string> missing, extra;
  for (const std::string& n : expected) {
    if (have.count(n) == 0) missing.push_back(n);
  }
  for (const std::string& n : got) {
    if (want.count(n) == 0) extra.push_back(n);
  }
  return Status::DataError(
      fmt::format("the feature columns differ from the model's: missing [{}], unexpected [{}]{}; "
                  "apply the same "
                  "feature_pipeline and feature_columns as in training",
                  Join(missing, ", "), Join(extra, ", "),
                  missing.empty() && extra.empty() ? " (same columns in a different order)" : ""));
}

}  // namespace

std::vector<std::string> XgbFeatureNames(const std::vector<std::string>& names) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (size_t i = 0; i < names.size(); ++i) {
    std::string s;
    for (char c : names[i]) {
      if (c == '[') {
        s += '(';
      } else if (c == ']') {
        s += ')';
      } else if (c == '<') {
        s += "(lt)";
      } else {
        s += c;
      }
    }
    if (seen.count(s) != 0) s += "#" + std::to_string(i);
    seen.insert(s);
    out.push_back(std::move(s));
  }
  return out;
}

void Booster::HandleDeleter::operator()(void* handle) const { XGBoosterFree(handle); }

Result<Booster> Booster::Train(const FeatureMatrix& x, const std::vector<float>& y,
                               const TrainParams& params, const TrainCallbacks& callbacks) {
  if (static_cast<int64_t>(y.size()) != x.rows) {
    return Status::InvalidArgument(
        fmt::format("training needs one label per row: {} rows but {} labels", x.rows, y.size()));
  }
  const bool distributed = XGCommunicatorIsDistributed() != 0;
  if (x.rows == 0 && !distributed) {
    return Status::DataError("no training rows left; check the data path and filters");
  }
  MLPIPE_ASSIGN_OR_RETURN(DMatrix train, MakeDMatrix(x));
  MLPIPE_RETURN_NOT_OK(
      Check(XGDMatrixSetFloatInfo(train.get(), "label", y.data(), static_cast<bst_ulong>(y.size())),
            "XGDMatrixSetFloatInfo(label)"));
  DMatrixHandle dmats[] = {train.get()};
  BoosterHandle raw = nullptr;
  MLPIPE_RETURN_NOT_OK(Check(XGBoosterCreate(dmats, 1, &raw), "XGBoosterCreate"));
  Booster booster(Handle(raw), x.names);
  for (const auto& [name, given] : params.booster) {
    std::string value = given;
    if (params.penalties_per_dataset && (name == "lambda" || name == "alpha")) {
      MLPIPE_ASSIGN_OR_RETURN(
          value,
          PerRowPenalty(name, given, params.dataset_rows > 0 ? params.dataset_rows : x.rows));
    }
    MLPIPE_RETURN_NOT_OK(Check(XGBoosterSetParam(raw, name.c_str(), value.c_str()),
                               fmt::format("XGBoosterSetParam({}={})", name, value)));
  }
  for (int round = 0; round < params.num_rounds; ++round) {
    if (callbacks.should_stop && callbacks.should_stop()) {
      return Status::Cancelled(fmt::format("training stopped on request after {} of {} rounds",
                                           round, params.num_rounds));
    }
    MLPIPE_RETURN_NOT_OK(Check(XGBoosterUpdateOneIter(raw, round, train.get()),
                               fmt::format("XGBoosterUpdateOneIter(round {})", round + 1)));
    if (callbacks.on_round) callbacks.on_round(round + 1, params.num_rounds);
  }
  MLPIPE_RETURN_NOT_OK(SetFeatureNames(
      x.names, [&](auto... args) { return XGBoosterSetStrFeatureInfo(raw, args...); },
      "XGBoosterSetStrFeatureInfo(feature_name)"));
  std::string names = nlohmann::json(x.names).dump();
  MLPIPE_RETURN_NOT_OK(Check(XGBoosterSetAttr(raw, kNamesAttr, names.c_str()), "XGBoosterSetAttr"));
  return booster;
}

Result<Booster> Booster::Load(const fs::path& path) {
  if (!PathExists(path)) {
    return Status::NotFound(fmt::format("model file '{}' does not exist", path.string()));
  }
  MLPIPE_ASSIGN_OR_RETURN(std::string bytes, ReadFile(path));
  return FromBytes(bytes, path.string());
}

Result<Booster> Booster::FromBytes(std::string_view bytes, const std::string& source) {
  BoosterHandle raw = nullptr;
  MLPIPE_RETURN_NOT_OK(Check(XGBoosterCreate(nullptr, 0, &raw), "XGBoosterCreate"));
  Handle handle(raw);
  Status st = Check(XGBoosterLoadModelFromBuffer(raw, bytes.data(), bytes.size()),
                    "XGBoosterLoadModelFromBuffer");
  if (!st.ok()) {
    return Status::DataError(fmt::format(
        "cannot load model '{}': {}; was it written by mlpipe train?", source, st.message()));
  }
  const char* names = nullptr;
  int found = 0;
  MLPIPE_RETURN_NOT_OK(
      Check(XGBoosterGetAttr(raw, kNamesAttr, &names, &found), "XGBoosterGetAttr"));
  nlohmann::json parsed = found ? nlohmann::json::parse(names, nullptr, false) : nlohmann::json();
  if (!parsed.is_array()) {
    return Status::DataError(
        fmt::format("model '{}' has no feature names (attribute {}); retrain it with mlpipe",
                    source, kNamesAttr));
  }
  return Booster(std::move(handle), parsed.get<std::vector<std::string>>());
}

namespace {

constexpr const char* kPredictConfig =
    R"({"type": 0, "training": false, "iteration_begin": 0, "iteration_end": 0, "strict_shape": false,)"
    R"( "missing": NaN, "cache_id": 0})";  // type 0: probabilities for logistic/softprob, all trees

std::vector<float> CopyPrediction(const bst_ulong* shape, bst_ulong dim, const float* out) {
  size_t size = 1;
  for (bst_ulong i = 0; i < dim; ++i) size *= shape[i];
  return std::vector<float>(out, out + size);
}

}  // namespace

Result<std::vector<float>> Booster::Predict(const FeatureMatrix& x) const {
  MLPIPE_RETURN_NOT_OK(CheckColumns(feature_names_, x.names));
  if (!in_place_) {
    MLPIPE_ASSIGN_OR_RETURN(auto kind, BoosterKind());
    in_place_ = kind != "gblinear";
  }
  if (*in_place_) {
    if (x.rows == 0) return std::vector<float>();
    return PredictInPlace(x);
  }
  // Inside the collective, making a DMatrix is a collective call, so workers without rows take
  // part too.
  if (x.rows == 0 && XGCommunicatorIsDistributed() == 0) return std::vector<float>();
  return PredictViaDMatrix(x);
}

Result<std::vector<float>> Booster::PredictInPlace(const FeatureMatrix& x) const {
  // Our row-major buffer described as a NumPy __array_interface__: no DMatrix copy.
  const std::string values =
      fmt::format(R"({{"data": [{}, true], "shape": [{}, {}], "typestr": "<f4", "version": 3}})",
                  reinterpret_cast<uintptr_t>(x.values.data()), x.rows, x.cols);
  const bst_ulong* shape = nullptr;
  bst_ulong dim = 0;
  const float* out = nullptr;
  MLPIPE_RETURN_NOT_OK(Check(XGBoosterPredictFromDense(handle_.get(), values.c_str(),
                                                       kPredictConfig, nullptr, &shape, &dim, &out),
                             "XGBoosterPredictFromDense"));
  return CopyPrediction(shape, dim, out);
}

Result<std::vector<float>> Booster::PredictViaDMatrix(const FeatureMatrix& x) const {
  MLPIPE_ASSIGN_OR_RETURN(DMatrix data, MakeDMatrix(x));
  const bst_ulong* shape = nullptr;
  bst_ulong dim = 0;
  const float* out = nullptr;
  MLPIPE_RETURN_NOT_OK(Check(
      XGBoosterPredictFromDMatrix(handle_.get(), data.get(), kPredictConfig, &shape, &dim, &out),
      "XGBoosterPredictFromDMatrix"));
  return CopyPrediction(shape, dim, out);
}

Status Booster::Save(const fs::path& path) const {
  MLPIPE_ASSIGN_OR_RETURN(std::string bytes, Serialize());
  return WriteFileAtomic(path, bytes);
}

Result<std::string> Booster::Serialize() const {
  bst_ulong len = 0;
  const char* bytes = nullptr;
  MLPIPE_RETURN_NOT_OK(
      Check(XGBoosterSaveModelToBuffer(handle_.get(), R"({"format": "ubj"})", &len, &bytes),
            "XGBoosterSaveModelToBuffer"));
  return std::string(bytes, len);
}

Result<std::string> Booster::BoosterKind() const {
  bst_ulong len = 0;
  const char* text = nullptr;
  MLPIPE_RETURN_NOT_OK(
      Check(XGBoosterSaveJsonConfig(handle_.get(), &len, &text), "XGBoosterSaveJsonConfig"));
  nlohmann::json config = nlohmann::json::parse(std::string_view(text, len), nullptr, false);
  const nlohmann::json* name = nullptr;
  if (config.is_object() && config.contains("learner")) {
    name = &config["learner"]["gradient_booster"]["name"];
  }
  if (name == nullptr || !name->is_string()) {
    return Status::Internal("XGBoost model config has no learner.gradient_booster.name");
  }
  return name->get<std::string>();
}

Result<std::vector<std::pair<std::string, double>>> Booster::FeatureImportance() const {
  MLPIPE_ASSIGN_OR_RETURN(std::string kind, BoosterKind());
  bool linear = kind == "gblinear";
  std::string config =
      linear ? R"({"importance_type": "weight"})" : R"({"importance_type": "gain"})";
  bst_ulong n_features = 0, dim = 0;
  const char** names = nullptr;
  const bst_ulong* shape = nullptr;
  const float* scores = nullptr;
  MLPIPE_RETURN_NOT_OK(Check(XGBoosterFeatureScore(handle_.get(), config.c_str(), &n_features,
                                                   &names, &dim, &shape, &scores),
                             "XGBoosterFeatureScore"));
  size_t per_feature = dim == 2 ? shape[1] : 1;
  std::map<std::string, double> by_xgb_name;
  for (size_t f = 0; f < n_features; ++f) {
    double total = 0;
    for (size_t k = 0; k < per_feature; ++k) total += std::abs(scores[f * per_feature + k]);
    by_xgb_name[names[f]] = total;
  }
  std::vector<std::string> xgb_names = XgbFeatureNames(feature_names_);
  std::vector<std::pair<std::string, double>> out;
  for (size_t i = 0; i < feature_names_.size(); ++i) {
    auto it = by_xgb_name.find(xgb_names[i]);
    out.emplace_back(feature_names_[i], it == by_xgb_name.end() ? 0.0 : it->second);
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  return out;
}

}  // namespace mlpipe::engine
