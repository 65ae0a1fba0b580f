// FittedPipeline: the data_config.feature_pipeline steps plus the statistics they learned from the
// training data. Fit once, then Transform any table or batch the same way (training, validation,
// prediction); it is saved with the model as JSON. Immutable after Fit/FromJson, so it is cheap
// to copy (steps are shared) and safe to use from several threads.
#pragma once

#include <arrow/api.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "config/job_config.h"
#include "engine/features/step.h"
#include "util/result.h"

namespace mlpipe::engine {

struct FitOptions {
  std::string target_column;            // never scaled/imputed/encoded by "all columns" defaults
  std::vector<std::string> id_columns;  // likewise
};

class FittedPipeline {
 public:
  static constexpr int kJsonVersion = 1;

  FittedPipeline() = default;  // no steps: Transform returns its input

  // Fits the steps in order; each step learns from the rows as they reach it (after the earlier
  // steps, filter and dedupe included). Errors name the step and its config location.
  static Result<FittedPipeline> Fit(const std::vector<config::StepSpec>& steps,
                                    const arrow::Table& data, const FitOptions& opts);

  // The whole table is processed as one batch, so dedupe sees every row.
  Result<std::shared_ptr<arrow::Table>> Transform(const arrow::Table& data, RowPolicy policy) const;
  // dedupe only removes duplicates within `batch`.
  Result<std::shared_ptr<arrow::RecordBatch>> TransformBatch(const arrow::RecordBatch& batch,
                                                             RowPolicy policy) const;

  nlohmann::json ToJson() const;
  // DataError for an unknown version or malformed content.
  static Result<FittedPipeline> FromJson(const nlohmann::json& j);

  // Column names of the fitting data after all steps (the training schema).
  const std::vector<std::string>& OutputColumns() const { return output_columns_; }
  const FitOptions& options() const { return opts_; }
  bool empty() const { return steps_.empty(); }

  // This pipeline followed by `next` (fitted on this one's output). Keeps this one's target/id
  // options unless it has none.
  FittedPipeline Then(const FittedPipeline& next) const;

 private:
  StepContext Context(RowPolicy policy) const;

  FitOptions opts_;
  std::vector<std::shared_ptr<const Step>> steps_;
  std::vector<std::string> output_columns_;
};

}  // namespace mlpipe::engine
