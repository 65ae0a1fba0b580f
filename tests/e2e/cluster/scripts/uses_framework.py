"""The document's "Custom Job Scripts": a user's PySpark job with the framework importable. It reads
the job config mlpipe shipped and writes a small dataset to HDFS."""
import sys

from pyspark.sql import SparkSession

import mlpipe_spark  # noqa: F401  (importable from the environment archive)

args = sys.argv[1:]
assert args[args.index("--config") + 1] == "job_config.yaml", args
out = args[args.index("--out") + 1]
spark = SparkSession.builder.getOrCreate()
spark.range(10).write.mode("overwrite").parquet(out)
print("custom job wrote", out, flush=True)
spark.stop()
