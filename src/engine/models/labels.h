// Turns the target column into training labels: detects the task (when config says auto), fixes
// the class order and encodes each row as a class index (classification) or value (regression).
// Nulls in the target are a DataError naming the column and the count.
#pragma once

#include <arrow/api.h>

#include <string>
#include <string_view>
#include <vector>

#include "config/job_config.h"
#include "engine/metrics/task.h"
#include "util/result.h"

namespace mlpipe::engine {

struct Labels {
  Task task = Task::kBinary;
  std::vector<float> y;  // class index (0..k-1) or the regression value, per row
  std::vector<std::string>
      classes;  // classification: index -> label text; binary: [negative, positive]
};

// Task detection for `requested` == kAuto: strings and booleans are classes; integers with <= 20
// distinct values are classes, more are regression; floats are regression. Two classes always
// make a binary task (even if multiclass was requested). Its positive class (classes[1]) is
// `positive_class` when given (model_config.positive_class; DataError with a did-you-mean when it
// is not one of the two values, ConfigError for a target that is not binary); else the one not
// spelled like a negative (no, false, 0, n, neg, negative; any case); else the second in order.
// Classes are ordered numerically for numeric targets, else as text.
Result<Labels> EncodeLabels(const arrow::ChunkedArray& target, std::string_view column,
                            config::Task requested, const std::string& positive_class = "");

// Class indices for new data (evaluation) using the classes fixed at training. DataError names
// the first label not in `classes` and lists the known ones.
Result<std::vector<float>> EncodeWithClasses(const arrow::ChunkedArray& target,
                                             std::string_view column,
                                             const std::vector<std::string>& classes);

// Regression values for new data; DataError for nulls or a non-numeric column.
Result<std::vector<float>> EncodeRegressionTarget(const arrow::ChunkedArray& target,
                                                  std::string_view column);

// Labels for new data of a model trained for `task` on `classes`: EncodeRegressionTarget for
// regression, else EncodeWithClasses.
Result<std::vector<float>> EncodeTarget(const arrow::ChunkedArray& target, std::string_view column,
                                        Task task, const std::vector<std::string>& classes);

}  // namespace mlpipe::engine
