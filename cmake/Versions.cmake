# Reads the pinned wheel versions from scripts/versions.sh so shell and CMake agree.
file(STRINGS "${PROJECT_SOURCE_DIR}/scripts/versions.sh" _mlpipe_versions REGEX "^[A-Z_]+=")
foreach(_line IN LISTS _mlpipe_versions)
  string(REGEX MATCH "^([A-Z_]+)=(.*)$" _m "${_line}")
  set(MLPIPE_${CMAKE_MATCH_1} "${CMAKE_MATCH_2}")
endforeach()
string(REGEX MATCH "^([0-9]+)\\.([0-9]+)" _m "${MLPIPE_PYARROW_VERSION}")
math(EXPR MLPIPE_ARROW_SOVERSION "${CMAKE_MATCH_1} * 100 + ${CMAKE_MATCH_2}")
