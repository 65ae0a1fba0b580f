// The model algorithms, one row each: the config name, the tasks it trains, whether it is linear
// (gblinear: features are imputed and standardized before training) and its hyperparameters with
// their types and ranges. Config validation, the engine's feature preparation and task check, and
// docs/CONFIG.md all read this table; the engine's XGBoost mapping (engine/models/hyperparams.cc)
// has one entry per row. Adding an algorithm: a value of config::Algorithm, a row here, a mapping
// there (docs/MODELS.md "Adding an algorithm"); unit tests walk every row.
#pragma once

#include <string>
#include <vector>

#include "config/hyperparameters.h"
#include "config/job_config.h"

namespace mlpipe::config {

struct AlgorithmTraits {
  Algorithm algorithm;
  std::string name;                                 // as written in model_config.algorithm
  bool classification = false;                      // trains binary and multiclass tasks
  bool regression = false;                          // trains regression tasks
  bool linear = false;                              // a linear model (else a tree ensemble)
  std::vector<HyperparameterSpec> hyperparameters;  // in documentation order
};

// Every algorithm, in documentation order.
const std::vector<AlgorithmTraits>& AllAlgorithms();
const AlgorithmTraits& TraitsOf(Algorithm a);
// Whether `a` trains `task` (kAuto: always; the task is resolved from the labels later).
bool TrainsTask(const AlgorithmTraits& a, Task task);

}  // namespace mlpipe::config
