#include "engine/io/arrow_status.h"

#include <arrow/compute/initialize.h>

#include <mutex>

namespace mlpipe::engine {

Status FromArrow(const arrow::Status& status, std::string_view context) {
  if (status.ok()) return Status::OK();
  std::string message = std::string(context) + ": " + status.message();
  switch (status.code()) {
    case arrow::StatusCode::IOError:
      return Status::IOError(std::move(message));
    case arrow::StatusCode::Invalid:
    case arrow::StatusCode::TypeError:
    case arrow::StatusCode::IndexError:
    case arrow::StatusCode::CapacityError:
    case arrow::StatusCode::NotImplemented:
    case arrow::StatusCode::SerializationError:
      return Status::DataError(std::move(message));
    case arrow::StatusCode::KeyError:
      return Status::NotFound(std::move(message));
    case arrow::StatusCode::Cancelled:
      return Status::Cancelled(std::move(message));
    default:
      return Status::Internal(std::move(message));
  }
}

Status EnsureArrowCompute() {
  static std::once_flag once;
  static arrow::Status init_status;
  std::call_once(once, [] { init_status = arrow::compute::Initialize(); });
  return FromArrow(init_status, "cannot register Arrow compute functions");
}

}  // namespace mlpipe::engine
