# Locates the C++ libraries mlpipe links against and exposes them as IMPORTED targets:
#   mlpipe::arrow (arrow, arrow_compute, parquet) from the pyarrow wheel,
#   mlpipe::xgboost (libxgboost.so from the xgboost-cpu wheel, c_api.h from the same sdist),
#   plus Debian's yaml-cpp, CLI11, nlohmann-json, SQLite, fmt, libcurl and tinyxml2.
# The wheels live in the project venv made by scripts/setup.sh (MLPIPE_VENV overrides it).
set(MLPIPE_VENV "${PROJECT_SOURCE_DIR}/.venv" CACHE PATH "Project venv holding pyarrow and xgboost")
include("${PROJECT_SOURCE_DIR}/cmake/Versions.cmake")

execute_process(
  COMMAND "${MLPIPE_VENV}/bin/python" -c
    "import pyarrow, xgboost, os; print(pyarrow.get_include()); print(os.path.dirname(pyarrow.__file__)); print(os.path.join(os.path.dirname(xgboost.__file__), 'lib'))"
  OUTPUT_VARIABLE _mlpipe_py_out RESULT_VARIABLE _mlpipe_py_rc OUTPUT_STRIP_TRAILING_WHITESPACE)
if(NOT _mlpipe_py_rc EQUAL 0)
  message(FATAL_ERROR "Cannot import pyarrow/xgboost from ${MLPIPE_VENV}. Run scripts/setup.sh first.")
endif()
string(REPLACE "\n" ";" _mlpipe_py_out "${_mlpipe_py_out}")
list(GET _mlpipe_py_out 0 ARROW_INCLUDE_DIR)
list(GET _mlpipe_py_out 1 ARROW_LIB_DIR)
list(GET _mlpipe_py_out 2 XGBOOST_LIB_DIR)
set(MLPIPE_RUNTIME_RPATH "${ARROW_LIB_DIR};${XGBOOST_LIB_DIR}" CACHE INTERNAL "")

add_library(mlpipe_arrow INTERFACE)
add_library(mlpipe::arrow ALIAS mlpipe_arrow)
target_include_directories(mlpipe_arrow SYSTEM INTERFACE "${ARROW_INCLUDE_DIR}")
foreach(_lib arrow arrow_compute parquet)
  set(_path "${ARROW_LIB_DIR}/lib${_lib}.so.${MLPIPE_ARROW_SOVERSION}")
  if(NOT EXISTS "${_path}")
    message(FATAL_ERROR "Missing ${_path}: pyarrow ${MLPIPE_PYARROW_VERSION} expected in ${MLPIPE_VENV}")
  endif()
  target_link_libraries(mlpipe_arrow INTERFACE "${_path}")
endforeach()

set(XGBOOST_INCLUDE_DIR "${PROJECT_SOURCE_DIR}/.deps/xgboost-${MLPIPE_XGBOOST_VERSION}/include")
if(NOT EXISTS "${XGBOOST_INCLUDE_DIR}/xgboost/c_api.h")
  message(FATAL_ERROR "Missing ${XGBOOST_INCLUDE_DIR}/xgboost/c_api.h. Run scripts/setup.sh first.")
endif()
add_library(mlpipe_xgboost INTERFACE)
add_library(mlpipe::xgboost ALIAS mlpipe_xgboost)
target_include_directories(mlpipe_xgboost SYSTEM INTERFACE "${XGBOOST_INCLUDE_DIR}")
target_link_libraries(mlpipe_xgboost INTERFACE "${XGBOOST_LIB_DIR}/libxgboost.so")

find_package(yaml-cpp REQUIRED)
find_package(CLI11 REQUIRED)
find_package(nlohmann_json REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(fmt REQUIRED)
find_package(CURL REQUIRED)
find_package(tinyxml2 REQUIRED)
find_package(GTest REQUIRED)
find_package(Threads REQUIRED)
