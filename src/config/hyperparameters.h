// A hyperparameter's type and range (the per-algorithm tables are in config/algorithms.h), and the
// one check of a value against them: config validation and the engine's XGBoost mapping both call
// CheckHyperparameter, so a range is written once.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/job_config.h"
#include "util/status.h"

namespace mlpipe::config {

struct HyperparameterSpec {
  enum class Type { kInt, kFloat, kString };
  std::string name;
  Type type = Type::kInt;
  std::optional<double> min;  // inclusive unless min_exclusive
  bool min_exclusive = false;
  std::optional<double> max;         // inclusive
  std::optional<double> excluded;    // a number inside the range that is refused (n_jobs: 0)
  bool nullable = false;             // `null` accepted (scikit-learn's None)
  std::vector<std::string> choices;  // kString: the allowed values; numbers: extra allowed words
  std::string doc;                   // one line for docs/CONFIG.md
};

// The accepted values in words, e.g. "an integer >= 1 or null", "'sqrt', 'log2' or a number in
// (0, 1]".
std::string DescribeSpec(const HyperparameterSpec& spec);

// Checks one `name: value` for algorithm `a`. ConfigError without location (the caller adds it):
// unknown names carry a did-you-mean and the list of valid names; bad values say what is accepted.
// Integers are accepted where a float is expected.
Status CheckHyperparameter(Algorithm a, const std::string& name, const HyperValue& value);

}  // namespace mlpipe::config
