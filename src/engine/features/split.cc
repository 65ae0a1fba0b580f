#include "engine/features/split.h"

#include <arrow/compute/api.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <vector>

#include "engine/features/column_stats.h"
#include "engine/io/arrow_status.h"
#include "util/strings.h"

namespace mlpipe::engine {

namespace {

// Fisher-Yates with an explicit draw, so the order does not depend on the standard library.
void Shuffle(std::vector<int64_t>& rows, std::mt19937_64& rng) {
  for (size_t i = rows.size(); i > 1; --i) {
    const size_t j = static_cast<size_t>(rng() % i);
    std::swap(rows[i - 1], rows[j]);
  }
}

// Row indices grouped by SplitGroupKeys (one group "" when there is no column).
Result<std::map<std::string, std::vector<int64_t>>> GroupRows(const arrow::Table& data,
                                                              const std::string& column) {
  std::map<std::string, std::vector<int64_t>> groups;
  if (column.empty()) {
    auto& all = groups[""];
    for (int64_t r = 0; r < data.num_rows(); ++r) all.push_back(r);
    return groups;
  }
  auto chunked = data.GetColumnByName(column);
  if (!chunked) {
    return Status::NotFound("stratify column '" + column + "' does not exist" +
                            DidYouMeanSuffix(column, data.schema()->field_names()));
  }
  int64_t row = 0;
  for (const auto& chunk : chunked->chunks()) {
    MLPIPE_ASSIGN_OR_RETURN(auto keys, SplitGroupKeys(chunk));
    for (auto& key : keys) groups[std::move(key)].push_back(row++);
  }
  return groups;
}

}  // namespace

Result<std::shared_ptr<arrow::Table>> SelectTableRows(const arrow::Table& data,
                                                      std::vector<int64_t> rows) {
  std::sort(rows.begin(), rows.end());
  arrow::Int64Builder b;
  MLPIPE_ARROW_RETURN_NOT_OK(b.AppendValues(rows), "cannot build split indices");
  MLPIPE_ARROW_ASSIGN_OR_RETURN(auto indices, b.Finish(), "cannot build split indices");
  MLPIPE_ARROW_ASSIGN_OR_RETURN(arrow::Datum taken,
                                arrow::compute::Take(arrow::Datum(data), arrow::Datum(indices)),
                                "cannot split the table");
  return taken.table();
}

Result<std::vector<std::string>> SplitGroupKeys(
    const std::shared_ptr<arrow::Array>& stratify_values) {
  MLPIPE_ASSIGN_OR_RETURN(auto text, ToStringArray(stratify_values));
  std::vector<std::string> keys;
  keys.reserve(static_cast<size_t>(text->length()));
  for (int64_t i = 0; i < text->length(); ++i) {
    keys.push_back(text->IsNull(i) ? std::string("\0null", 5) : "v" + text->GetString(i));
  }
  return keys;
}

Result<std::vector<std::vector<bool>>> ValidationByRank(const std::vector<int64_t>& sizes,
                                                        const config::SplitSpec& spec) {
  if (!(spec.test_size >= 0 && spec.test_size < 1)) {
    return Status::InvalidArgument("split test_size must be in [0, 1), got " +
                                   std::to_string(spec.test_size));
  }
  std::mt19937_64 rng(spec.seed);
  std::vector<std::vector<bool>> out;
  for (int64_t size : sizes) {
    std::vector<int64_t> ranks(static_cast<size_t>(size));
    for (int64_t r = 0; r < size; ++r) ranks[static_cast<size_t>(r)] = r;
    Shuffle(ranks, rng);
    const auto n_val =
        static_cast<size_t>(std::llround(static_cast<double>(size) * spec.test_size));
    std::vector<bool> validation(static_cast<size_t>(size), false);
    for (size_t i = 0; i < n_val; ++i) validation[static_cast<size_t>(ranks[i])] = true;
    out.push_back(std::move(validation));
  }
  return out;
}

Result<std::pair<std::shared_ptr<arrow::Table>, std::shared_ptr<arrow::Table>>>
TrainValidationSplit(const arrow::Table& data, const config::SplitSpec& spec,
                     const std::string& stratify_column) {
  MLPIPE_RETURN_NOT_OK(EnsureArrowCompute());
  MLPIPE_ASSIGN_OR_RETURN(auto groups, GroupRows(data, stratify_column));
  std::vector<int64_t> sizes;
  for (const auto& [key, rows] : groups) sizes.push_back(static_cast<int64_t>(rows.size()));
  MLPIPE_ASSIGN_OR_RETURN(auto validation_by_rank, ValidationByRank(sizes, spec));
  std::vector<int64_t> train;
  std::vector<int64_t> validation;
  size_t g = 0;
  for (const auto& [key, rows] : groups) {
    for (size_t r = 0; r < rows.size(); ++r)
      (validation_by_rank[g][r] ? validation : train).push_back(rows[r]);
    ++g;
  }
  MLPIPE_ASSIGN_OR_RETURN(auto train_table, SelectTableRows(data, std::move(train)));
  MLPIPE_ASSIGN_OR_RETURN(auto validation_table, SelectTableRows(data, std::move(validation)));
  return std::make_pair(std::move(train_table), std::move(validation_table));
}

}  // namespace mlpipe::engine
