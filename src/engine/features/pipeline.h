// FittedPipeline: the data_config.feature_pipeline steps plus the statistics they learned from the
// training data. Fit once, then Transform any table or batch the same way (training, validation,
// prediction); it is saved with the model as JSON. Immutable after Fit/FromJson, so it is cheap
// to copy (steps are shared) and safe to use from several threads.
#pragma once

#include <arrow/api.h>

#include <cstdint>
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

  // Fitting when the rows are spread over many parts (Spark partitions), one step at a time.
  // For step i: CollectStepStats on every part of the rows reaching it (the output of the steps
  // fitted so far), StepFitStats::Merge them, then AppendFitted. Doing this for every step gives
  // what Fit gives on all the rows together, provided the caller removes duplicate rows across
  // parts before a dedupe step (RowKeys) and keeps the parts in input order.
  static FittedPipeline Empty(const FitOptions& opts);
  Result<StepFitStats> CollectStepStats(const config::StepSpec& spec,
                                        const arrow::RecordBatch& rows) const;
  // This pipeline plus `spec` fitted from `stats`. `input_schema`: the schema of the data the
  // pipeline is fitted on (gives OutputColumns).
  Result<FittedPipeline> AppendFitted(const config::StepSpec& spec, const StepFitStats& stats,
                                      const arrow::Schema& input_schema) const;
  // Dedupe step `step` (0-based): the key of each row of `rows` (the output of the steps before
  // it); rows with equal keys are duplicates, the first in input order is kept.
  Result<std::shared_ptr<arrow::Array>> RowKeys(size_t step, const arrow::RecordBatch& rows) const;

  // The whole table is processed as one batch, so dedupe sees every row.
  Result<std::shared_ptr<arrow::Table>> Transform(const arrow::Table& data, RowPolicy policy) const;
  // Applies steps [first_step, end_step) (all by default); dedupe only removes duplicates within
  // `batch`.
  Result<std::shared_ptr<arrow::RecordBatch>> TransformBatch(const arrow::RecordBatch& batch,
                                                             RowPolicy policy,
                                                             size_t first_step = 0,
                                                             size_t end_step = SIZE_MAX) const;

  nlohmann::json ToJson() const;
  // DataError for an unknown version or malformed content.
  static Result<FittedPipeline> FromJson(const nlohmann::json& j);

  // Column names of the fitting data after all steps (the training schema).
  const std::vector<std::string>& OutputColumns() const { return output_columns_; }
  const FitOptions& options() const { return opts_; }
  bool empty() const { return steps_.empty(); }
  size_t num_steps() const { return steps_.size(); }

 private:
  StepContext Context(RowPolicy policy) const;

  FitOptions opts_;
  std::vector<std::shared_ptr<const Step>> steps_;
  std::vector<std::string> output_columns_;
};

}  // namespace mlpipe::engine
