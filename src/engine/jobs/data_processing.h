// Pieces of the data_processing job (jobs.h: RunDataProcessing) shared with the Spark driver.
#pragma once

#include <arrow/api.h>

#include <cstdint>
#include <map>
#include <string>

#include "config/job_config.h"
#include "util/result.h"

namespace mlpipe::engine {

// The column the train/validation split stratifies on: the target when split.stratify is set and
// the target looks categorical in `schema` (string, bool or integer); "" otherwise.
std::string StratifyColumn(const config::JobConfig& config, const arrow::Schema& schema);

// Adds the rows of `values` (chunks of the stratify column) to `class_rows`, keyed as
// SplitGroupKeys keys them.
Status CountClasses(const arrow::Array& values, std::map<std::string, int64_t>& class_rows);

// A stratified split needs 2+ rows of every class of a classification target, or a class cannot
// be on both sides: checked for text or bool targets and for model_config.task binary|multiclass
// (an integer target under task auto may be a regression's, where one-row values are normal), when
// split.test_size > 0. DataError naming up to 5 smaller classes, the input and what to do; `where`
// ("file:line:col: " of the key, for validate) starts it.
Status CheckStratifiedClasses(const config::JobConfig& config, const arrow::DataType& target_type,
                              const std::map<std::string, int64_t>& class_rows,
                              const std::string& input, const std::string& where = "");

}  // namespace mlpipe::engine
