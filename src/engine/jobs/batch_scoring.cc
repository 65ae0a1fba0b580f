#include "engine/jobs/batch_scoring.h"

#include <fmt/format.h>

#include "engine/jobs/prediction_output.h"
#include "engine/models/labels.h"

namespace mlpipe::engine {

Result<std::shared_ptr<arrow::RecordBatch>> PredictBatch(const ModelBundle& bundle,
                                                         const arrow::RecordBatch& batch,
                                                         const std::string& lineage_id,
                                                         const std::vector<std::string>& id_columns,
                                                         int64_t first_row) {
  MLPIPE_ASSIGN_OR_RETURN(auto x, bundle.Features(batch, lineage_id));
  MLPIPE_ASSIGN_OR_RETURN(auto pred, bundle.booster->Predict(x));
  return PredictionOutput(bundle, id_columns).Build(batch, pred, first_row);
}

Status AccumulateEvaluation(const ModelBundle& bundle, const arrow::RecordBatch& batch,
                            const std::string& lineage_id, MetricsAccumulator* acc) {
  auto target = batch.GetColumnByName(bundle.target_column);
  if (!target) {
    return Status::DataError(fmt::format("target column '{}' is missing from the evaluation data",
                                         bundle.target_column));
  }
  MLPIPE_ASSIGN_OR_RETURN(auto y, EncodeTarget(arrow::ChunkedArray(target), bundle.target_column,
                                               bundle.task, bundle.classes));
  MLPIPE_ASSIGN_OR_RETURN(auto x, bundle.Features(batch, lineage_id));
  MLPIPE_ASSIGN_OR_RETURN(auto pred, bundle.booster->Predict(x));
  acc->Add(y, pred);
  return Status::OK();
}

MetricsAccumulator EvaluationAccumulator(const ModelBundle& bundle) {
  return MetricsAccumulator(bundle.task, bundle.task == Task::kRegression ? 0 : bundle.num_class());
}

}  // namespace mlpipe::engine
