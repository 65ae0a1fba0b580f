// How a job record is shown: JSON for scripts and Airflow (stable field names), a multi-line text
// block for `status`, and an aligned table for `list`.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/common.h"
#include "store/registry.h"

namespace mlpipe::cli {

nlohmann::json JobToJson(const store::JobRecord& job);
std::string JobStatusText(const store::JobRecord& job);
// One job as `status` and `monitor` print it: JobToJson as one JSON document, or JobStatusText.
std::string JobView(const store::JobRecord& job, OutputFormat format);
std::string JobTable(const std::vector<store::JobRecord>& jobs);
// "1m 02s", "350ms": elapsed from submit (or start) to finish, or to now while running.
std::string FormatElapsed(const store::JobRecord& job);

}  // namespace mlpipe::cli
