// CSV records handed over as lines, as Spark's text reader gives a split of a CSV file: parsed with
// the same options as ReadTable parses whole files, into exactly the column types fixed for the
// file (inferred once, by InferCsvSchema, on the driver). Records must not contain line breaks.
#pragma once

#include <arrow/api.h>

#include <memory>
#include <string_view>

#include "config/job_config.h"
#include "util/result.h"

namespace mlpipe::engine {

// `lines` (no line ends; nulls skipped) under the CSV `header` line, cells in `na_values` read as
// missing. DataError naming the problem when a value does not fit its column type or a line has
// the wrong number of fields.
Result<std::shared_ptr<arrow::RecordBatch>> ParseCsvLines(
    std::string_view header, const arrow::StringArray& lines, const arrow::Schema& schema,
    const std::vector<std::string>& na_values = config::DefaultNaValues());

}  // namespace mlpipe::engine
