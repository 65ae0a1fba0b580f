// Translates the document's `--app-args "--input-path X --output-path Y"` into config overrides for
// the chosen job type, so existing Airflow DAGs keep working. Unknown or inapplicable arguments are
// a usage error that lists what the job type accepts.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "config/job_config.h"
#include "util/result.h"

namespace mlpipe::cli {

// Shell-like split: whitespace separates, single and double quotes group, backslash escapes.
Result<std::vector<std::string>> SplitArgs(std::string_view text);

// "key=value" overrides (config/loader.h syntax) for `app_args` under `type`.
Result<std::vector<std::string>> AppArgsToOverrides(config::JobType type,
                                                    std::string_view app_args);

// A YAML double-quoted scalar for `value`, so paths with ':' or '#' survive as strings.
std::string QuoteYaml(std::string_view value);

}  // namespace mlpipe::cli
