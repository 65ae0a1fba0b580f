# cmake -P script: assembles the Spark environment archive (python/README.md has the layout).
# Inputs: PYTHON_DIR (the assembled package root), STAGING (scratch directory), ARCHIVE (output),
# ARROW_LIBS, XGBOOST_LIB, XGBOOST_DEPS, SYSTEM_LIBS (shared libraries to ship, lists separated by
# '|'; symlinks are copied as the files they name), STRIP (the strip tool: the module ships
# without debug information).
foreach(list ARROW_LIBS XGBOOST_DEPS SYSTEM_LIBS)
  string(REPLACE "|" ";" ${list} "${${list}}")
endforeach()
file(REMOVE_RECURSE "${STAGING}")
file(MAKE_DIRECTORY "${STAGING}/lib/pyarrow" "${STAGING}/lib/xgboost/lib" "${STAGING}/lib/xgboost_cpu.libs"
                    "${STAGING}/lib/system")
file(COPY "${PYTHON_DIR}/mlpipe_spark" DESTINATION "${STAGING}/python"
     PATTERN "__pycache__" EXCLUDE)
file(GLOB module "${STAGING}/python/mlpipe_spark/_engine*.so")
execute_process(COMMAND "${STRIP}" --strip-debug ${module} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cannot strip ${module}")
endif()
file(COPY ${ARROW_LIBS} DESTINATION "${STAGING}/lib/pyarrow")
file(COPY "${XGBOOST_LIB}" DESTINATION "${STAGING}/lib/xgboost/lib")
file(COPY ${XGBOOST_DEPS} DESTINATION "${STAGING}/lib/xgboost_cpu.libs")
foreach(lib IN LISTS SYSTEM_LIBS)
  get_filename_component(name "${lib}" NAME)
  file(COPY_FILE "${lib}" "${STAGING}/lib/system/${name}")
endforeach()
file(REMOVE "${ARCHIVE}")
execute_process(COMMAND "${CMAKE_COMMAND}" -E tar czf "${ARCHIVE}" python lib
                WORKING_DIRECTORY "${STAGING}" RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cannot write ${ARCHIVE}")
endif()
# Its content digest, computed once here so that every submission names the archive on HDFS
# (mlpipe-spark-env-<digest>.tar.gz: uploaded once per content) without hashing 30 MB again.
file(SHA256 "${ARCHIVE}" digest)
file(WRITE "${ARCHIVE}.sha256" "${digest}\n")
