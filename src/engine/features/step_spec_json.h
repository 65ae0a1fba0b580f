// JSON form of config::StepSpec, stored inside a fitted pipeline so a saved model can rebuild its
// steps without the job config. Round-trips every field, including the source location.
#pragma once

#include <nlohmann/json.hpp>

#include "config/job_config.h"
#include "util/result.h"

namespace mlpipe::engine {

nlohmann::json StepSpecToJson(const config::StepSpec& spec);
// DataError naming the problem when `j` is not a step written by StepSpecToJson.
Result<config::StepSpec> StepSpecFromJson(const nlohmann::json& j);

}  // namespace mlpipe::engine
