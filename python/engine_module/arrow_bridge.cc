#include "arrow_bridge.h"

#include <arrow/c/abi.h>
#include <arrow/c/bridge.h>

#include "bindings.h"

namespace mlpipe::python {

namespace {

template <typename T>
T* CapsulePointer(nb::handle capsule, const char* name) {
  void* p = PyCapsule_GetPointer(capsule.ptr(), name);
  if (p == nullptr) {
    PyErr_Clear();
    throw EngineError(std::string("expected a PyCapsule named '") + name +
                      "' from the Arrow C Data Interface");
  }
  return static_cast<T*>(p);
}

// (schema capsule, array capsule) of an object implementing __arrow_c_array__.
std::pair<ArrowSchema*, ArrowArray*> ArrayCapsules(nb::handle obj, nb::object& keep_alive) {
  if (!nb::hasattr(obj, "__arrow_c_array__")) {
    throw EngineError(
        "expected a pyarrow RecordBatch or Array (an object with __arrow_c_array__), got " +
        nb::cast<std::string>(nb::str(obj.type())));
  }
  keep_alive = obj.attr("__arrow_c_array__")();
  nb::tuple pair = nb::cast<nb::tuple>(keep_alive);
  return {CapsulePointer<ArrowSchema>(pair[0], "arrow_schema"),
          CapsulePointer<ArrowArray>(pair[1], "arrow_array")};
}

template <typename T>
T ImportOrRaise(arrow::Result<T> result, const char* what) {
  if (!result.ok())
    throw EngineError(std::string("cannot import ") + what +
                      " from Python: " + result.status().ToString());
  return std::move(result).ValueUnsafe();
}

void ReleaseSchema(void* p) noexcept {
  auto* s = static_cast<ArrowSchema*>(p);
  if (s->release != nullptr) s->release(s);
  delete s;
}

void ReleaseArray(void* p) noexcept {
  auto* a = static_cast<ArrowArray*>(p);
  if (a->release != nullptr) a->release(a);
  delete a;
}

nb::object PyArrow(const char* cls) { return nb::module_::import_("pyarrow").attr(cls); }

}  // namespace

std::shared_ptr<arrow::RecordBatch> ImportBatch(nb::handle batch) {
  nb::object capsules;
  auto [schema, array] = ArrayCapsules(batch, capsules);
  return ImportOrRaise(arrow::ImportRecordBatch(array, schema), "a record batch");
}

std::shared_ptr<arrow::Array> ImportArray(nb::handle obj) {
  nb::object capsules;
  auto [schema, array] = ArrayCapsules(obj, capsules);
  return ImportOrRaise(arrow::ImportArray(array, schema), "an array");
}

std::shared_ptr<arrow::Schema> ImportSchema(nb::handle obj) {
  if (!nb::hasattr(obj, "__arrow_c_schema__")) throw EngineError("expected a pyarrow Schema");
  nb::object capsule = obj.attr("__arrow_c_schema__")();
  return ImportOrRaise(arrow::ImportSchema(CapsulePointer<ArrowSchema>(capsule, "arrow_schema")),
                       "a schema");
}

nb::object ExportBatch(const std::shared_ptr<arrow::RecordBatch>& batch) {
  auto* schema = new ArrowSchema{};
  auto* array = new ArrowArray{};
  nb::capsule schema_capsule(schema, "arrow_schema", &ReleaseSchema);
  nb::capsule array_capsule(array, "arrow_array", &ReleaseArray);
  arrow::Status st = arrow::ExportRecordBatch(*batch, array, schema);
  if (!st.ok()) throw EngineError("cannot export a record batch to Python: " + st.ToString());
  return PyArrow("RecordBatch").attr("_import_from_c_capsule")(schema_capsule, array_capsule);
}

nb::object ExportArray(const std::shared_ptr<arrow::Array>& array) {
  auto* schema = new ArrowSchema{};
  auto* c_array = new ArrowArray{};
  nb::capsule schema_capsule(schema, "arrow_schema", &ReleaseSchema);
  nb::capsule array_capsule(c_array, "arrow_array", &ReleaseArray);
  arrow::Status st = arrow::ExportArray(*array, c_array, schema);
  if (!st.ok()) throw EngineError("cannot export an array to Python: " + st.ToString());
  return PyArrow("Array").attr("_import_from_c_capsule")(schema_capsule, array_capsule);
}

nb::object ExportSchema(const arrow::Schema& schema) {
  auto* c_schema = new ArrowSchema{};
  nb::capsule capsule(c_schema, "arrow_schema", &ReleaseSchema);
  arrow::Status st = arrow::ExportSchema(schema, c_schema);
  if (!st.ok()) throw EngineError("cannot export a schema to Python: " + st.ToString());
  return PyArrow("Schema").attr("_import_from_c_capsule")(capsule);
}

}  // namespace mlpipe::python
