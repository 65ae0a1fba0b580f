#include "config/resources.h"

#include <optional>
#include <string>

#include "config/decoder.h"
#include "config/units.h"

namespace mlpipe::config {
namespace {

bool IsMemory(const ResourceKey& key) { return key.named.ends_with("_memory"); }

std::optional<int64_t> ParseCount(std::string_view text) {
  const std::optional<int64_t> value = ParseInteger(text);
  if (!value || *value < 1 || *value > INT32_MAX) return std::nullopt;
  return value;
}

// The config path of `property` in job type `type`'s custom_spark_conf.
std::string CustomConfPath(JobType type, std::string_view property) {
  return "job_specific_config." + std::string(JobTypeName(type)) + ".custom_spark_conf." +
         std::string(property);
}

// The resource's value as a number (bytes or a count), or nullopt when malformed.
std::optional<int64_t> Amount(const ResourceKey& key, std::string_view text) {
  if (!IsMemory(key)) return ParseCount(text);
  auto bytes = ParseMemorySize(text);
  return bytes.ok() ? std::optional<int64_t>(*bytes) : std::nullopt;
}

std::string NamedValue(const SparkConfig& spark, const ResourceKey& key) {
  if (key.named == "num_executors") return std::to_string(spark.num_executors);
  if (key.named == "executor_cores") return std::to_string(spark.executor_cores);
  if (key.named == "executor_memory") return spark.executor_memory;
  return spark.driver_memory;
}

void SetNamed(SparkConfig& spark, const ResourceKey& key, const std::string& value) {
  if (key.named == "num_executors") {
    spark.num_executors = static_cast<int>(*ParseCount(value));
  } else if (key.named == "executor_cores") {
    spark.executor_cores = static_cast<int>(*ParseCount(value));
  } else if (key.named == "executor_memory") {
    spark.executor_memory = value;
  } else {
    spark.driver_memory = value;
  }
}

// 0: default, 1: a config file, 2: the command line.
int Level(const std::optional<SourceLocation>& where) {
  if (!where) return 0;
  return where->file.empty() ? 2 : 1;
}

// Checks the raw property `key` written at `path` in `conf`; false (after an error) if malformed.
bool CheckProperty(Decoder& d, const ResourceKey& key, const std::string& path,
                   const std::map<std::string, std::string>& conf) {
  const std::string& value = conf.at(std::string(key.property));
  if (Amount(key, value)) return true;
  d.Error(d.WhereWritten(path).value_or(SourceLocation{}),
          path + ": '" + value + "' is not " +
              (IsMemory(key) ? "a memory size such as 8g" : "a whole number >= 1"));
  return false;
}

using Origins = std::map<std::string_view, std::string>;  // named key -> config path that set it

// A job type's effective resources and the key that set each.
struct Effective {
  SparkConfig spark;
  Origins set_by;
};

Effective EffectiveWithOrigins(const JobConfig& config, JobType type,
                               const Origins& spark_origins) {
  Effective out{EffectiveSpark(config, type), spark_origins};
  const auto& custom = config.ForJob(type).custom_spark_conf;
  for (const ResourceKey& key : kResourceKeys) {
    if (custom.contains(std::string(key.property))) {
      out.set_by[key.named] = CustomConfPath(type, key.property);
    }
  }
  return out;
}

// Limit violations: where, and the message.
using Violations = std::map<std::string, SourceLocation>;

// Where to report a value compared to a limit: the value if it was written, else the limit.
SourceLocation WhereToReport(const Decoder& d, const std::string& value_path,
                             const std::string& limit_path) {
  return d.WhereWritten(value_path).value_or(d.WhereWritten(limit_path).value_or(SourceLocation{}));
}

void CheckMemoryLimit(const Decoder& d, const Effective& e, std::string_view named,
                      const std::optional<int64_t>& limit, const std::string& limit_key,
                      Violations& out) {
  const std::string value =
      named == "executor_memory" ? e.spark.executor_memory : e.spark.driver_memory;
  const Result<int64_t> bytes = ParseMemorySize(value);
  if (!limit || !bytes.ok() || *bytes <= *limit) return;
  const std::string& path = e.set_by.at(named);
  out[path + " " + value + " exceeds resource_limits." + limit_key + " " +
      FormatMemorySize(*limit) + "; lower it or raise the limit"] =
      WhereToReport(d, path, "resource_limits." + limit_key);
}

// The executors a job may hold: num_executors, or with dynamic allocation on its maxExecutors
// (nullopt: unbounded), and the key that says so.
std::pair<std::optional<int64_t>, std::string> MaxExecutors(const JobConfig& config, JobType type,
                                                            const Effective& e) {
  std::map<std::string, std::string> conf = config.spark.spark_conf;
  for (const auto& [k, v] : config.ForJob(type).custom_spark_conf) conf[k] = v;
  auto enabled = conf.find("spark.dynamicAllocation.enabled");
  if (enabled == conf.end() || enabled->second != "true") {
    return {e.spark.num_executors, e.set_by.at("num_executors")};
  }
  constexpr std::string_view kMax = "spark.dynamicAllocation.maxExecutors";
  const std::string path = config.ForJob(type).custom_spark_conf.contains(std::string(kMax))
                               ? CustomConfPath(type, kMax)
                               : "spark_config." + std::string(kMax);
  auto max = conf.find(std::string(kMax));
  if (max == conf.end()) return {std::nullopt, path};
  const std::optional<int64_t> n = ParseCount(max->second);
  return {std::max<int64_t>(n.value_or(0), e.spark.num_executors), path};
}

// resource_limits against job `type`'s effective resources.
void CheckLimits(const Decoder& d, const JobConfig& config, JobType type, const Origins& origins,
                 Violations& out) {
  const ResourceLimits& limits = config.limits;
  const Effective e = EffectiveWithOrigins(config, type, origins);
  CheckMemoryLimit(d, e, "executor_memory", limits.max_executor_memory_bytes, "max_executor_memory",
                   out);
  CheckMemoryLimit(d, e, "driver_memory", limits.max_driver_memory_bytes, "max_driver_memory", out);
  const std::string& cores_path = e.set_by.at("executor_cores");
  if (limits.max_executor_cores && e.spark.executor_cores > *limits.max_executor_cores) {
    out[cores_path + " " + std::to_string(e.spark.executor_cores) +
        " exceeds resource_limits.max_executor_cores " +
        std::to_string(*limits.max_executor_cores) + "; lower it or raise the limit"] =
        WhereToReport(d, cores_path, "resource_limits.max_executor_cores");
  }
  if (!limits.max_total_cores) return;
  const auto [executors, executors_path] = MaxExecutors(config, type, e);
  if (!executors) {
    out["dynamic allocation is on without spark.dynamicAllocation.maxExecutors, so the executors "
        "are unbounded and resource_limits.max_total_cores " +
        std::to_string(*limits.max_total_cores) + " cannot hold; set " + executors_path] =
        WhereToReport(d, "spark_config.spark.dynamicAllocation.enabled",
                      "resource_limits.max_total_cores");
    return;
  }
  const int64_t total = *executors * e.spark.executor_cores;
  if (total > *limits.max_total_cores) {
    out[executors_path + " x " + cores_path + " = " + std::to_string(*executors) + " x " +
        std::to_string(e.spark.executor_cores) + " = " + std::to_string(total) +
        " exceeds resource_limits.max_total_cores " + std::to_string(*limits.max_total_cores) +
        "; use fewer executors or cores"] =
        WhereToReport(d, executors_path, "resource_limits.max_total_cores");
  }
}

}  // namespace

bool IsResourceProperty(std::string_view key) {
  for (const ResourceKey& k : kResourceKeys) {
    if (k.property == key) return true;
  }
  return false;
}

SparkConfig EffectiveSpark(const JobConfig& config, JobType type) {
  SparkConfig spark = config.spark;
  const auto& custom = config.ForJob(type).custom_spark_conf;
  for (const ResourceKey& key : kResourceKeys) {
    auto it = custom.find(std::string(key.property));
    if (it != custom.end() && Amount(key, it->second)) SetNamed(spark, key, it->second);
  }
  return spark;
}

void CheckResources(Decoder& d, JobConfig& config) {
  SparkConfig& spark = config.spark;
  bool valid = true;
  Origins origins;
  for (const ResourceKey& key : kResourceKeys)
    origins[key.named] = "spark_config." + std::string(key.named);
  for (const ResourceKey& key : kResourceKeys) {
    const std::string property(key.property);
    if (!spark.spark_conf.contains(property)) continue;
    const std::string named_path = "spark_config." + std::string(key.named);
    const std::string property_path = "spark_config." + property;
    if (!CheckProperty(d, key, property_path, spark.spark_conf)) {
      valid = false;
      continue;
    }
    const std::optional<SourceLocation> named_at = d.WhereWritten(named_path);
    const std::optional<SourceLocation> property_at = d.WhereWritten(property_path);
    const std::string raw = spark.spark_conf.at(property);
    const std::string named = NamedValue(spark, key);
    if (Level(named_at) == Level(property_at) && Amount(key, raw) != Amount(key, named)) {
      d.Error(*property_at, property_path + " " + raw + " and " + named_path + " " + named + " (" +
                                named_at->ToString() +
                                ") set the same resource differently; keep one of them");
      valid = false;
      continue;
    }
    if (Level(property_at) > Level(named_at)) {
      SetNamed(spark, key, raw);
      origins[key.named] = property_path;
    }
    spark.spark_conf.erase(property);
  }
  for (auto& [type, job] : config.job_specific) {
    for (const ResourceKey& key : kResourceKeys) {
      if (job.custom_spark_conf.contains(std::string(key.property)) &&
          !CheckProperty(d, key, CustomConfPath(type, key.property), job.custom_spark_conf)) {
        valid = false;
      }
    }
  }
  if (!valid) return;
  Violations violations;  // one message per violation, however many job types share it
  for (const auto& [type, job] : config.job_specific)
    CheckLimits(d, config, type, origins, violations);
  for (const auto& [message, where] : violations) d.Error(where, message);
}

}  // namespace mlpipe::config
