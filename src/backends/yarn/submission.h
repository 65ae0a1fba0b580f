// Pieces of a yarn submission that do not talk to the cluster: the driver's
// arguments (the contract with python/mlpipe_spark/drivers), where the job's result and the
// engine's environment archive live on HDFS, and reading the application id out of spark-submit's
// output.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "config/job_config.h"

namespace mlpipe::backends::yarn {

// The cluster URIs of the mlpipe tree: <default_fs><base_path>/<area>.
struct ClusterTree {
  std::string root;  // e.g. hdfs://nn:8020/ml-pipeline
  std::string Area(std::string_view area) const { return root + "/" + std::string(area); }
  // Where the driver writes what the job produced (a JSON object), read back when it finishes.
  std::string ResultUri(const std::string& tag) const {
    return Area("logs") + "/" + tag + "/result.json";
  }
};

std::vector<std::string> DriverArguments(const std::string& config_file_name,
                                         const std::string& tag, const ClusterTree& tree);

// The last "application_<digits>_<digits>" in spark-submit's output.
std::optional<std::string> FindApplicationId(std::string_view output);

}  // namespace mlpipe::backends::yarn
