// The engine's Python bindings, the extension module mlpipe_spark._engine used by the Spark
// drivers. Conventions for every binding:
//   - Arrow data crosses as pyarrow objects through the Arrow C Data Interface (arrow_bridge.h);
//     batches coming in are not copied.
//   - A non-OK Status raises mlpipe_spark._engine.EngineError carrying the Status message, and
//     its code as the attribute `code` ("not_found", "data_error", ... from StatusCodeName).
//   - JSON crosses as text, mergeable partials (fit statistics, metrics) as bytes.
//   - Calls that may run long (fitting, scoring, training) release the GIL.
// One Register function per area; module.cc calls them all.
#pragma once

#include <nanobind/nanobind.h>

#include <stdexcept>
#include <string>

#include "util/result.h"

namespace mlpipe::python {

namespace nb = nanobind;

// The Python-side EngineError: raised for every non-OK Status, with the Status message and code
// (module.cc translates it). Errors of the bindings themselves are kInvalidArgument.
class EngineError : public std::runtime_error {
 public:
  explicit EngineError(const std::string& message, StatusCode code = StatusCode::kInvalidArgument)
      : std::runtime_error(message), code_(code) {}
  StatusCode code() const { return code_; }

 private:
  StatusCode code_;
};

inline void Check(const Status& status) {
  if (!status.ok()) throw EngineError(status.message(), status.code());
}

template <typename T>
T Unwrap(Result<T> result) {
  if (!result.ok()) throw EngineError(result.status().message(), result.status().code());
  return std::move(result).value();
}

inline nb::bytes ToBytes(const std::string& data) { return nb::bytes(data.data(), data.size()); }
inline std::string FromBytes(const nb::bytes& data) {
  return std::string(data.c_str(), data.size());
}

void RegisterConfig(nb::module_& m);
void RegisterFeatures(nb::module_& m);
void RegisterOutputs(nb::module_& m);  // after RegisterConfig: it adds methods to JobConfig
void RegisterScoring(nb::module_& m);
void RegisterTraining(nb::module_& m);

}  // namespace mlpipe::python
