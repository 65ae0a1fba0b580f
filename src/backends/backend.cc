#include "backends/backend.h"

#include <fmt/format.h>

#include "backends/local_backend.h"
#include "backends/yarn/yarn_backend.h"

namespace mlpipe::backends {

namespace {

Result<std::unique_ptr<Backend>> Make(std::string_view kind, store::Registry& registry) {
  if (kind == "local")
    return std::unique_ptr<Backend>(std::make_unique<LocalBackend>(registry, SystemEnv()));
  if (kind == "yarn") return yarn::MakeYarnBackend(registry);
  return Status::Unavailable(
      fmt::format("the '{}' backend is not available in this build of mlpipe; use "
                  "environment_config.backend: local or yarn",
                  kind));
}

}  // namespace

Result<std::unique_ptr<Backend>> BackendFor(const store::JobRecord& record,
                                            store::Registry& registry) {
  return Make(record.backend, registry);
}

Result<std::unique_ptr<Backend>> BackendFor(const config::JobConfig& config,
                                            store::Registry& registry) {
  return Make(config.environment.backend == config::BackendKind::kYarn ? "yarn" : "local",
              registry);
}

}  // namespace mlpipe::backends
