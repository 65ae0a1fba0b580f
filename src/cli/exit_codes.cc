#include "cli/exit_codes.h"

namespace mlpipe::cli {

int ExitCodeFor(const Status& status) {
  switch (status.code()) {
    case StatusCode::kOk:
      return kExitSuccess;
    case StatusCode::kInvalidArgument:
      return kExitUsage;
    case StatusCode::kConfigError:
      return kExitConfig;
    case StatusCode::kNotFound:
      return kExitNotFound;
    case StatusCode::kUnavailable:
      return kExitBackendUnavailable;
    case StatusCode::kCancelled:
      return kExitJobKilled;
    case StatusCode::kIOError:
    case StatusCode::kAlreadyExists:
      return kExitStorage;
    case StatusCode::kDataError:
    case StatusCode::kTimeout:
      return kExitJobFailed;
    case StatusCode::kInternal:
      return kExitInternal;
  }
  return kExitInternal;
}

}  // namespace mlpipe::cli
