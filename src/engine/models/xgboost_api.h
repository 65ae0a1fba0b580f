// The only code that talks to XGBoost's C API. Every call goes through one checker that turns a
// non-zero return plus XGBGetLastError() into a Status naming the call; handles are owned by RAII.
// A Booster remembers its feature names (our column names) and refuses to predict on other columns.
// Not thread-safe: use one Booster per thread, or guard it.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/io/feature_matrix.h"
#include "engine/models/hyperparams.h"
#include "util/fs.h"
#include "util/result.h"

namespace mlpipe::engine {

struct TrainCallbacks {
  std::function<void(int round, int total)> on_round;  // after each round; round is 1-based
  std::function<bool()> should_stop;                   // checked before each round
};

class Booster {
 public:
  // Trains on x (NaN = missing) and labels y (class index or value per row). Cancelled when
  // should_stop() turns true; InvalidArgument when y does not have x.rows entries. Inside XGBoost's
  // collective (collective.h) every worker trains on its own rows and all get the same model; a
  // worker may then have no rows, and params.dataset_rows must be the total over the workers.
  static Result<Booster> Train(const FeatureMatrix& x, const std::vector<float>& y,
                               const TrainParams& params, const TrainCallbacks& callbacks = {});
  // Loads a model written by Save (XGBoost UBJSON). NotFound / DataError name the path.
  static Result<Booster> Load(const fs::path& path);
  // Loads a model from the bytes Serialize gave; `source` names them in errors.
  static Result<Booster> FromBytes(std::string_view bytes, const std::string& source);

  // Binary: P(class 1) per row; multiclass: row-major rows x k probabilities; regression: values.
  // DataError when x's columns differ from the training columns (names and order).
  Result<std::vector<float>> Predict(const FeatureMatrix& x) const;
  // Writes the model atomically in XGBoost's UBJSON format (conventionally "model.ubj").
  Status Save(const fs::path& path) const;
  // The bytes Save writes.
  Result<std::string> Serialize() const;
  // Importance of every training column, highest first: mean split gain for tree models, sum of
  // |coefficient| over classes for linear models; unused columns score 0.
  Result<std::vector<std::pair<std::string, double>>> FeatureImportance() const;

  const std::vector<std::string>& feature_names() const { return feature_names_; }

 private:
  struct HandleDeleter {
    void operator()(void* handle) const;
  };
  using Handle = std::unique_ptr<void, HandleDeleter>;

  Booster(Handle handle, std::vector<std::string> feature_names)
      : handle_(std::move(handle)), feature_names_(std::move(feature_names)) {}
  Result<std::string> BoosterKind() const;  // "gbtree" or "gblinear"
  // Tree boosters predict in place from our buffer; gblinear does not support that.
  Result<std::vector<float>> PredictInPlace(const FeatureMatrix& x) const;
  Result<std::vector<float>> PredictViaDMatrix(const FeatureMatrix& x) const;

  Handle handle_;
  std::vector<std::string> feature_names_;
  mutable std::optional<bool> in_place_;  // decided on the first Predict
};

// Column names as handed to XGBoost, which rejects '[', ']' and '<': those become '(', ')' and
// "(lt)", and a name made equal to an earlier one by that gets "#<index>" appended.
std::vector<std::string> XgbFeatureNames(const std::vector<std::string>& names);

}  // namespace mlpipe::engine
