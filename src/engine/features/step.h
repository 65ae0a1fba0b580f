// One step of the feature pipeline (config::StepSpec) with its fitted state. A Step is fitted once
// on the rows reaching it (Fit), then is immutable: Apply may be called from several threads.
// Fitting has two halves so it can be spread over parts of the data (fit_stats.h): CollectFitStats
// on each part, merge, FitFromStats once. Steps work on single record batches; FittedPipeline
// (pipeline.h) chains them.
#pragma once

#include <arrow/api.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "config/job_config.h"
#include "engine/features/fit_stats.h"
#include "util/result.h"

namespace mlpipe::engine {

// kApplyRowSteps: data processing and training, filter/dedupe drop rows. kKeepAllRows: prediction,
// filter/dedupe are skipped so every input row gets an output row, and a missing target is fine.
enum class RowPolicy { kApplyRowSteps, kKeepAllRows };

struct StepContext {
  std::string target_column;  // may be empty
  std::vector<std::string> id_columns;
  RowPolicy policy = RowPolicy::kApplyRowSteps;

  // Target and id columns are never picked by the "all applicable columns" defaults.
  bool IsReserved(const std::string& column) const;
};

class Step {
 public:
  Step(config::StepSpec spec, int index) : spec_(std::move(spec)), index_(index) {}
  virtual ~Step() = default;

  const config::StepSpec& spec() const { return spec_; }
  // "step 3 (encode at job.yaml:12:5)", the prefix of every runtime error.
  std::string Describe() const;

  // Learns statistics from `data`, the rows reaching this step: CollectFitStats + FitFromStats.
  Status Fit(const arrow::RecordBatch& data, const StepContext& ctx);
  // What this step learns from `data` (one part of the rows reaching it). Also checks the spec and
  // the columns, so a bad config fails on the first part. Default: nothing to learn.
  virtual Result<StepFitStats> CollectFitStats(const arrow::RecordBatch& data,
                                               const StepContext& ctx) const;
  // Fits from the merged statistics of all the rows reaching this step. Default: nothing to learn.
  virtual Status FitFromStats(const StepFitStats& stats, const StepContext& ctx);
  // Row steps that need every row at once (dedupe): the key that identifies a row, one per row of
  // `data`. Internal for other steps.
  virtual Result<std::shared_ptr<arrow::Array>> RowKeys(const arrow::RecordBatch& data,
                                                        const StepContext& ctx) const;
  virtual Result<std::shared_ptr<arrow::RecordBatch>> Apply(
      const std::shared_ptr<arrow::RecordBatch>& data, const StepContext& ctx) const = 0;
  // Fitted statistics (null when the step has none) and their inverse.
  virtual nlohmann::json FittedToJson() const;
  virtual Status FittedFromJson(const nlohmann::json& fitted);

 protected:
  // DataError "<Describe()>: <message>".
  Status Error(const std::string& message) const;
  // Column `name` of `data`; nullptr when it is the target and absent under kKeepAllRows;
  // DataError naming the column (with a did-you-mean) when absent otherwise.
  Result<std::shared_ptr<arrow::Array>> RequireColumn(const arrow::RecordBatch& data,
                                                      const std::string& name,
                                                      const StepContext& ctx) const;
  // The explicitly listed columns, or every non-reserved column of `data` accepted by `fits`.
  template <typename Pred>
  std::vector<std::string> ResolveColumns(const arrow::RecordBatch& data, const StepContext& ctx,
                                          Pred fits) const {
    if (!spec_.columns.empty()) return spec_.columns;
    std::vector<std::string> out;
    for (int i = 0; i < data.num_columns(); ++i) {
      const std::string& name = data.schema()->field(i)->name();
      if (!ctx.IsReserved(name) && fits(*data.column(i))) out.push_back(name);
    }
    return out;
  }

 private:
  config::StepSpec spec_;
  int index_;
};

// Builds the step for `spec` (parsing its expression); `index` is its 1-based pipeline position.
Result<std::unique_ptr<Step>> MakeStep(const config::StepSpec& spec, int index);

// `batch` with column `name` replaced by `array` (same position), or appended when absent.
Result<std::shared_ptr<arrow::RecordBatch>> SetColumn(
    const std::shared_ptr<arrow::RecordBatch>& batch, const std::string& name,
    const std::shared_ptr<arrow::Array>& array);

bool IsNumericType(const arrow::DataType& type);  // integer or floating point

}  // namespace mlpipe::engine
