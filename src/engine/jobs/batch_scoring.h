// Scoring one batch of input rows with a model bundle: the per-batch work of the prediction job and
// the per-partition work of prediction and evaluation on Spark.
#pragma once

#include <arrow/api.h>

#include <memory>
#include <string>
#include <vector>

#include "engine/jobs/model_bundle.h"
#include "engine/metrics/metrics_accumulator.h"
#include "util/result.h"

namespace mlpipe::engine {

// The prediction output of `batch` (prediction_output.h); `first_row` is the input row number of
// its first row, used when there are no id columns. `lineage_id`: the input's (InputLineageId).
Result<std::shared_ptr<arrow::RecordBatch>> PredictBatch(const ModelBundle& bundle,
                                                         const arrow::RecordBatch& batch,
                                                         const std::string& lineage_id,
                                                         const std::vector<std::string>& id_columns,
                                                         int64_t first_row);

// Adds the labels of `batch` (its target column) and the model's predictions to `acc`.
Status AccumulateEvaluation(const ModelBundle& bundle, const arrow::RecordBatch& batch,
                            const std::string& lineage_id, MetricsAccumulator* acc);

// The accumulator for evaluating `bundle`.
MetricsAccumulator EvaluationAccumulator(const ModelBundle& bundle);

}  // namespace mlpipe::engine
