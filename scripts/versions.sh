# Pinned versions of the wheels the C++ build links against. One XGBoost version everywhere:
# models written by one version are read by the same version (see docs/ARCHITECTURE.md).
PYARROW_VERSION=26.0.1
XGBOOST_VERSION=3.2.0
# Spark on YARN: PySpark's spark-submit and jars; the engine's Python bindings.
PYSPARK_VERSION=4.3.0
NANOBIND_VERSION=3.1.0
