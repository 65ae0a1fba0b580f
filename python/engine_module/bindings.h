// The engine's Python bindings, the extension module mlpipe_spark._engine used by the Spark
// drivers. Conventions for every binding:
//   - Arrow data crosses as pyarrow objects through the Arrow C Data Interface (arrow_bridge.h);
//     batches coming in are not copied.
//   - A non-OK Status raises mlpipe_spark._engine.EngineError carrying the Status message.
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

// The Python-side EngineError: raised for every non-OK Status, with the Status message.
class EngineError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

inline void Check(const Status& status) {
  if (!status.ok()) throw EngineError(status.message());
}

template <typename T>
T Unwrap(Result<T> result) {
  if (!result.ok()) throw EngineError(result.status().message());
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
