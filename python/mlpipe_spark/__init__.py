"""mlpipe on Spark: the package the driver scripts run from (python/README.md).

The C++ engine does all feature, model and metric work through the extension module
mlpipe_spark._engine; this package only orchestrates it with PySpark. pyarrow is imported first so
the engine module shares pyarrow's Arrow libraries when both are present.
"""
import pyarrow  # noqa: F401  (load Arrow before the engine module; see the docstring)

from mlpipe_spark import _engine as engine  # noqa: E402

EngineError = engine.EngineError

__all__ = ["engine", "EngineError"]
