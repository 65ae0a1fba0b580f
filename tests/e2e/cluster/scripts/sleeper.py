"""A custom job that runs until it is killed: one Spark stage that sleeps, so the app is RUNNING."""
import time

from pyspark.sql import SparkSession

spark = SparkSession.builder.getOrCreate()
print("sleeper started", flush=True)
spark.sparkContext.parallelize(range(1), 1).map(lambda _: time.sleep(600)).collect()
spark.stop()
