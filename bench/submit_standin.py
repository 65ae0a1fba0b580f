#!/usr/bin/env python3
"""Bench-only stand-in for the deployment document's Python submit script (submit_job.py), used to time
its start-up against `mlpipe submit --dry-run`: it imports what such a script imports, parses the same
arguments, loads job_config.yaml and builds the spark-submit command, then prints it instead of running
it. (tools/submit_job.py is not this: it execs mlpipe.)
Usage: submit_standin.py TYPE --config job_config.yaml [--app-args "..."]
"""
import argparse
import logging
import os
import shlex
import subprocess  # noqa: F401  (the real script runs spark-submit through it)
import sys
from pathlib import Path

import yaml


def spark_submit_command(job_type: str, config: dict, app_args: str) -> list[str]:
    spark = config.get("spark_config", {})
    env = config.get("environment_config", {})
    cmd = ["spark-submit", "--master", "yarn", "--deploy-mode", "cluster", "--queue", str(env.get("queue", "default")),
           "--num-executors", str(spark.get("num_executors", 2)), "--executor-cores", str(spark.get("executor_cores", 1)),
           "--executor-memory", str(spark.get("executor_memory", "1g")),
           "--driver-memory", str(spark.get("driver_memory", "1g"))]
    for key, value in spark.items():
        if key.startswith("spark."):
            cmd += ["--conf", f"{key}={value}"]
    job = config.get("job_specific_config", {}).get(job_type, {})
    for key, value in job.get("custom_spark_conf", {}).items():
        cmd += ["--conf", f"{key}={value}"]
    cmd.append(str(Path(os.environ.get("ML_PIPELINE_HOME", ".")) / "scripts" / f"{job_type}_job.py"))
    return cmd + shlex.split(app_args)


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("job_type", choices=["training", "prediction", "data_processing", "evaluation"])
    p.add_argument("--config", required=True)
    p.add_argument("--app-args", default="")
    a = p.parse_args()
    with open(a.config) as f:
        config = yaml.safe_load(f)
    print(shlex.join(spark_submit_command(a.job_type, config, a.app_args)), file=sys.stdout)


if __name__ == "__main__":
    main()
