#include "engine/jobs/prediction_output.h"

#include "engine/metrics/metrics.h"

namespace mlpipe::engine {

namespace {

template <typename Builder, typename Fn>
Result<std::shared_ptr<arrow::Array>> BuildArray(int64_t n, Fn value_at) {
  Builder b;
  if (!b.Reserve(n).ok()) return Status::Internal("out of memory building prediction output");
  for (int64_t i = 0; i < n; ++i) b.UnsafeAppend(value_at(i));
  std::shared_ptr<arrow::Array> out;
  if (!b.Finish(&out).ok()) return Status::Internal("finishing prediction output column");
  return out;
}

}  // namespace

Result<std::shared_ptr<arrow::RecordBatch>> PredictionOutput::Build(const arrow::RecordBatch& input,
                                                                    const std::vector<float>& pred,
                                                                    int64_t first_row) const {
  const int64_t n = input.num_rows();
  arrow::FieldVector fields;
  arrow::ArrayVector arrays;
  for (const auto& id : id_columns_) {
    auto col = input.GetColumnByName(id);
    if (!col) {
      return Status::DataError("id column '" + id +
                               "' (data_config.id_columns) is missing from the prediction input");
    }
    fields.push_back(input.schema()->GetFieldByName(id));
    arrays.push_back(col);
  }
  if (id_columns_.empty()) {
    MLPIPE_ASSIGN_OR_RETURN(
        auto rows, BuildArray<arrow::Int64Builder>(n, [&](int64_t i) { return first_row + i; }));
    fields.push_back(arrow::field("row_number", arrow::int64()));
    arrays.push_back(rows);
  }
  if (bundle_.task == Task::kRegression) {
    MLPIPE_ASSIGN_OR_RETURN(auto values, BuildArray<arrow::DoubleBuilder>(n, [&](int64_t i) {
                              return static_cast<double>(pred[i]);
                            }));
    fields.push_back(arrow::field("prediction", arrow::float64()));
    arrays.push_back(values);
    return arrow::RecordBatch::Make(arrow::schema(fields), n, arrays);
  }
  const int k = bundle_.num_class();
  const bool binary = bundle_.task == Task::kBinary;
  auto prob = [&](int64_t row, int cls) -> double {
    if (binary) return cls == 1 ? pred[row] : 1.0 - pred[row];
    return pred[static_cast<size_t>(row * k + cls)];
  };
  const std::vector<int> predicted = PredictedClasses(pred, binary ? 2 : k);
  arrow::StringBuilder labels;
  for (int64_t i = 0; i < n; ++i) {
    if (!labels.Append(bundle_.classes[static_cast<size_t>(predicted[i])]).ok()) {
      return Status::Internal("building prediction labels");
    }
  }
  std::shared_ptr<arrow::Array> label_array;
  if (!labels.Finish(&label_array).ok()) return Status::Internal("building prediction labels");
  fields.push_back(arrow::field("prediction", arrow::utf8()));
  arrays.push_back(label_array);
  for (int c = 0; c < k; ++c) {
    MLPIPE_ASSIGN_OR_RETURN(
        auto p, BuildArray<arrow::DoubleBuilder>(n, [&](int64_t i) { return prob(i, c); }));
    fields.push_back(
        arrow::field("probability_" + bundle_.classes[static_cast<size_t>(c)], arrow::float64()));
    arrays.push_back(p);
  }
  return arrow::RecordBatch::Make(arrow::schema(fields), n, arrays);
}

}  // namespace mlpipe::engine
