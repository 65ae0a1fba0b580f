// Maps a model's scikit-learn style hyperparameters (already validated by config) onto XGBoost
// booster parameters. The full table is in docs/MODELS.md. Pure: no XGBoost calls, so every row of
// the table is unit tested. Unknown or mistyped names fail with InvalidArgument naming the choices.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "config/job_config.h"
#include "engine/metrics/task.h"
#include "util/result.h"

namespace mlpipe::engine {

struct TrainParams {
  std::vector<std::pair<std::string, std::string>> booster;  // XGBoosterSetParam name -> value
  int num_rounds = 100;                                      // boosting rounds (>= 1)
  // gblinear: "lambda" and "alpha" are penalties on the summed loss (scikit-learn's convention);
  // Booster::Train divides them by the training row count, as XGBoost's linear updater multiplies
  // them by the sum of row weights.
  bool penalties_per_dataset = false;
  // Rows of the whole training set, for penalties_per_dataset; 0 = the rows Booster::Train gets.
  // Set when the rows are spread over distributed workers.
  int64_t dataset_rows = 0;

  // The value of booster parameter `name`, or "" when unset.
  std::string Get(const std::string& name) const;
  // {"num_rounds": n, "penalties_per_dataset": b, "params": {name: value, ...}} for logs and
  // model metadata.
  nlohmann::json ToJson() const;
};

// REQUIRES: num_class >= 3 for kMulticlass; num_features >= 1.
Result<TrainParams> MapHyperparameters(const config::ModelConfig& model, Task task, int num_class,
                                       int num_features);

}  // namespace mlpipe::engine
