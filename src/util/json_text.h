// JSON as text that never fails: bytes that are not UTF-8 in a string become U+FFFD, so one bad
// record cannot break a listing or a job's recorded outputs. Everything mlpipe prints or records
// as JSON text goes through it.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>

namespace mlpipe {

// `value` as JSON text (indent < 0: one line).
std::string JsonText(const nlohmann::json& value, int indent = 2);

}  // namespace mlpipe
