// Parsers for the ResourceManager and NodeManager REST answers. Tolerant by design: a collection
// may be null or absent, a one-element list may come as a bare object (Jersey 1's JSON notation),
// numbers may come as strings, and the NM's containerLogsInfo may be an object or an array
// (YARN-11897). A body that is not the expected JSON is an error the caller wraps with its URL.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "cluster/resource_manager.h"
#include "util/result.h"

namespace mlpipe::cluster {

Result<std::vector<YarnApp>> ParseAppsResponse(std::string_view body);  // {"apps":{"app":[…]}}
Result<YarnApp> ParseAppResponse(std::string_view body);                // {"app":{…}}
Result<std::vector<std::string>> ParseNodeHttpAddresses(
    std::string_view body);  // {"nodes":{"node":[…]}}
// {"app":{"containerids":[…]}} from the NM's /ws/v1/node/apps/{id}.
Result<std::vector<std::string>> ParseNodeAppContainerIds(std::string_view body);
struct AmContainer {
  std::string container_id, node_http_address;
};
// The AM container of every attempt, from the RM's /apps/{id}/appattempts (finished apps too).
Result<std::vector<AmContainer>> ParseAppAttempts(std::string_view body);
// File names from the NM's /ws/v1/node/containers/{cid}/logs, each once, LOCAL entries first.
Result<std::vector<std::string>> ParseContainerLogFiles(std::string_view body);

}  // namespace mlpipe::cluster
