// What a job asks the cluster for: executors, cores and memory. Each resource has a named key in
// spark_config (num_executors, executor_cores, executor_memory, driver_memory; also the submit
// flags --num-executors ...) and a raw Spark property (spark.executor.instances,
// spark.executor.cores, spark.executor.memory, spark.driver.memory). This file owns how they
// combine:
// - in spark_config, the value written at the higher level wins (command line over config files);
//   the named key and its property written at the same level with different values is an error
//   naming both. The winner is kept in the named key and the property is dropped, so spark-submit
//   gets one value (its named flags would otherwise silently beat --conf);
// - a job type's custom_spark_conf property overrides spark_config for that job type;
// - resource_limits are checked on the effective value of every job type, naming the key that set
//   it; with dynamic allocation on, spark.dynamicAllocation.maxExecutors bounds the executors.
#pragma once

#include <array>
#include <string_view>

#include "config/job_config.h"

namespace mlpipe::config {

struct ResourceKey {
  std::string_view named;     // in spark_config
  std::string_view property;  // the Spark property
};
inline constexpr std::array<ResourceKey, 4> kResourceKeys = {{
    {"num_executors", "spark.executor.instances"},
    {"executor_cores", "spark.executor.cores"},
    {"executor_memory", "spark.executor.memory"},
    {"driver_memory", "spark.driver.memory"},
}};

// True for the Spark properties of kResourceKeys.
bool IsResourceProperty(std::string_view key);

// spark_config as a job of `type` runs with it: the job type's custom_spark_conf resource
// properties applied to the named keys (values were validated when the config was loaded).
SparkConfig EffectiveSpark(const JobConfig& config, JobType type);

}  // namespace mlpipe::config
