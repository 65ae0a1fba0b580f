// Shared by the commands that act on one job (-a APPLICATION_ID): open the registry, find the
// record and its backend. Returns the exit code to use when something is missing.
#pragma once

#include <memory>
#include <string>

#include "backends/backend.h"
#include "store/registry.h"

namespace mlpipe::cli {

struct JobHandle {
  std::unique_ptr<store::Registry> registry;
  std::unique_ptr<backends::Backend> backend;
  store::JobRecord record;  // refreshed from the backend
};

// On failure prints the error and returns its exit code in `*exit_code`.
std::optional<JobHandle> OpenJob(const std::string& app_id, int* exit_code);

}  // namespace mlpipe::cli
