// Builds the output batch of a prediction: the id columns (or `row_number` when none are
// configured), `prediction` (class label, or value for regression) and `probability_<class>` per
// class.
#pragma once

#include <arrow/api.h>

#include <memory>
#include <string>
#include <vector>

#include "engine/jobs/model_bundle.h"
#include "util/result.h"

namespace mlpipe::engine {

class PredictionOutput {
 public:
  PredictionOutput(const ModelBundle& bundle, std::vector<std::string> id_columns)
      : bundle_(bundle), id_columns_(std::move(id_columns)) {}

  // `pred` is the booster output for `input`'s rows; `first_row` numbers rows when there are no
  // ids. DataError naming the column when a configured id column is missing from the input.
  Result<std::shared_ptr<arrow::RecordBatch>> Build(const arrow::RecordBatch& input,
                                                    const std::vector<float>& pred,
                                                    int64_t first_row) const;

 private:
  const ModelBundle& bundle_;
  std::vector<std::string> id_columns_;
};

}  // namespace mlpipe::engine
