// pyarrow objects <-> Arrow C++ objects through the Arrow C Data Interface (PyCapsules of
// ArrowSchema / ArrowArray, the __arrow_c_array__ / __arrow_c_schema__ protocol). Import moves the
// C structs (zero copy: the C++ object keeps the Python-owned buffers alive); export hands newly
// exported structs to pyarrow. Errors raise EngineError.
#pragma once

#include <arrow/api.h>
#include <nanobind/nanobind.h>

#include <memory>

namespace mlpipe::python {

namespace nb = nanobind;

std::shared_ptr<arrow::RecordBatch> ImportBatch(nb::handle batch);
std::shared_ptr<arrow::Array> ImportArray(nb::handle array);
std::shared_ptr<arrow::Schema> ImportSchema(nb::handle schema);

nb::object ExportBatch(const std::shared_ptr<arrow::RecordBatch>& batch);
nb::object ExportArray(const std::shared_ptr<arrow::Array>& array);
nb::object ExportSchema(const arrow::Schema& schema);

}  // namespace mlpipe::python
