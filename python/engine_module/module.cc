// mlpipe_spark._engine: the C++ engine for the Spark drivers (see bindings.h for the conventions).
#include "bindings.h"

NB_MODULE(_engine, m) {
  namespace py = mlpipe::python;
  m.doc() =
      "mlpipe's C++ engine for the Spark drivers: feature pipeline, scoring, metrics and training.";
  nanobind::exception<py::EngineError>(m, "EngineError");
  py::RegisterConfig(m);
  py::RegisterOutputs(m);
  py::RegisterFeatures(m);
  py::RegisterScoring(m);
  py::RegisterTraining(m);
}
