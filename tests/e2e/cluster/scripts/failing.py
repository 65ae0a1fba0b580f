"""A custom job that fails: the driver raises after Spark started."""
from pyspark.sql import SparkSession

spark = SparkSession.builder.getOrCreate()
raise ValueError("column 'no_such_column' is not in the input (test of a failing job)")
