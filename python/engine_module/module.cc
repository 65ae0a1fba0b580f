// mlpipe_spark._engine: the C++ engine for the Spark drivers (see bindings.h for the conventions).
#include <cctype>
#include <string>

#include "bindings.h"

namespace {

// StatusCodeName in snake case: "Not found" -> "not_found", "IO error" -> "io_error".
std::string CodeAttribute(mlpipe::StatusCode code) {
  std::string out;
  for (char c : mlpipe::StatusCodeName(code)) {
    out += c == ' ' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

}  // namespace

NB_MODULE(_engine, m) {
  namespace py = mlpipe::python;
  namespace nb = nanobind;
  m.doc() =
      "mlpipe's C++ engine for the Spark drivers: feature pipeline, scoring, metrics and training.";
  PyObject* error_type = PyErr_NewExceptionWithDoc(
      "mlpipe_spark._engine.EngineError",
      "A failed engine call: str() is the engine's message, `code` its status code (\"not_found\", "
      "\"data_error\", \"config_error\", ...).",
      PyExc_Exception, nullptr);
  m.attr("EngineError") = nb::steal(error_type);
  nb::register_exception_translator(
      [](const std::exception_ptr& p, void* type) {
        try {
          std::rethrow_exception(p);
        } catch (const py::EngineError& e) {
          nb::object error = nb::handle(static_cast<PyObject*>(type))(nb::str(e.what()));
          error.attr("code") = nb::str(CodeAttribute(e.code()).c_str());
          PyErr_SetObject(static_cast<PyObject*>(type), error.ptr());
        }
      },
      error_type);
  py::RegisterConfig(m);
  py::RegisterOutputs(m);
  py::RegisterFeatures(m);
  py::RegisterScoring(m);
  py::RegisterTraining(m);
}
