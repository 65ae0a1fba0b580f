// Shared by the commands that act on one job (-a APPLICATION_ID): open the registry, find the
// record and its backend.
#pragma once

#include <memory>
#include <string>

#include "backends/backend.h"
#include "store/registry.h"
#include "util/result.h"

namespace mlpipe::cli {

struct JobHandle {
  std::unique_ptr<store::Registry> registry;
  std::unique_ptr<backends::Backend> backend;
  store::JobRecord record;  // refreshed from the backend
};

// NotFound for an unknown id; the registry's or backend's error when either cannot be reached.
Result<JobHandle> OpenJob(const std::string& app_id);

}  // namespace mlpipe::cli
