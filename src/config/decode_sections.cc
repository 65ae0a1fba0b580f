// Decoders for the infrastructure sections: environment_config, spark_config, job_specific_config,
// security_config and resource_limits.
#include <algorithm>

#include "config/decoder.h"
#include "config/names.h"
#include "config/units.h"
#include "util/strings.h"

namespace mlpipe::config {
namespace {

constexpr std::string_view kSparkKeyHint =
    "; Spark properties here must start with 'spark.' (e.g. spark.sql.adaptive.enabled)";

void DecodeJobType(Section& s, JobType type, JobTypeConfig& out) {
  s.StringList("additional_jars", out.additional_jars);
  s.StringList("additional_py_files", out.additional_py_files);
  Section conf(s.decoder(), s.Get("custom_spark_conf"), s.PathOf("custom_spark_conf"));
  conf.SparkKeys(out.custom_spark_conf);
  conf.Finish(kSparkKeyHint);
  s.Int64("batch_size", out.batch_size, 1);
  const std::string timeout_key(TimeoutKey(type));
  if (const ConfigNode* n = s.Get(timeout_key); n != nullptr && !n->IsNull()) {
    Result<int64_t> seconds =
        n->IsScalar() ? ParseDurationSeconds(n->scalar)
                      : Result<int64_t>(Status::ConfigError("expected a duration such as 1h"));
    if (!seconds.ok()) {
      s.decoder().Error(n->where, s.PathOf(timeout_key) + ": " + seconds.status().message());
    } else if (*seconds == 0) {
      s.decoder().Error(n->where, s.PathOf(timeout_key) + ": must be longer than 0s");
    } else {
      out.timeout_seconds = *seconds;
    }
  }
  s.Choice("output_compression", out.output_compression, {"snappy", "zstd", "gzip", "none"});
}

}  // namespace

void DecodeEnvironment(Section& s, EnvironmentConfig& out) {
  std::string backend(BackendName(out.backend));
  s.Choice("backend", backend, {"local", "yarn"});
  out.backend = ParseBackend(backend).ValueOr(out.backend);
  s.String("warehouse_root", out.warehouse_root);
  s.String("namenode_url", out.namenode_url);
  s.String("resourcemanager_url", out.resourcemanager_url);
  s.String("webhdfs_url", out.webhdfs_url);
  s.String("hdfs_base_path", out.hdfs_base_path);
  s.String("hdfs_owner", out.hdfs_owner);
  s.String("hdfs_group", out.hdfs_group);
  s.String("hdfs_permissions", out.hdfs_permissions);
  s.String("queue", out.queue);
  s.String("hadoop_home", out.hadoop_home);
  s.String("spark_home", out.spark_home);
  s.String("hadoop_conf_dir", out.hadoop_conf_dir);
  s.String("yarn_conf_dir", out.yarn_conf_dir);
  s.String("python_path", out.python_path);
  s.Finish();
  const std::string& perms = out.hdfs_permissions;
  const bool octal =
      (perms.size() == 3 || perms.size() == 4) &&
      std::all_of(perms.begin(), perms.end(), [](char c) { return c >= '0' && c <= '7'; });
  if (!octal) {
    const auto where = s.decoder().WhereWritten(s.PathOf("hdfs_permissions"));
    s.decoder().Error(where.value_or(SourceLocation{}),
                      s.PathOf("hdfs_permissions") +
                          ": expected octal permissions such as 755, got '" + perms + "'");
  }
  const auto base_where = s.decoder().WhereWritten(s.PathOf("hdfs_base_path"));
  if (base_where && !StartsWith(out.hdfs_base_path, "/")) {
    s.decoder().Error(*base_where, s.PathOf("hdfs_base_path") +
                                       ": must be an absolute path such as /ml-pipeline, got '" +
                                       out.hdfs_base_path + "'");
  }
}

void DecodeSpark(Section& s, SparkConfig& out) {
  s.Int("num_executors", out.num_executors, 1);
  s.Int("executor_cores", out.executor_cores, 1);
  s.MemorySize("executor_memory", out.executor_memory);
  s.MemorySize("driver_memory", out.driver_memory);
  s.SparkKeys(out.spark_conf);
  s.Finish(kSparkKeyHint);
}

void DecodeJobSpecific(Section& s, std::map<JobType, JobTypeConfig>& out) {
  for (const std::string& name : AllJobTypeNames()) {
    const JobType type = *ParseJobType(name);
    Section job(s.decoder(), s.Get(name), s.PathOf(name));
    DecodeJobType(job, type, out[type]);
    job.Finish();
  }
  s.Finish();
}

void DecodeSecurity(Section& s, SecurityConfig& out) {
  s.Bool("enable_kerberos", out.enable_kerberos);
  s.String("principal", out.principal);
  s.String("keytab", out.keytab);
  s.Bool("enable_ssl", out.enable_ssl);
  s.String("keystore_path", out.keystore_path);
  s.SecretValue("keystore_password", out.keystore_password);
  s.String("truststore_path", out.truststore_path);
  s.SecretValue("truststore_password", out.truststore_password);
  s.Finish();
  if (!out.enable_kerberos) return;
  const SourceLocation where =
      s.decoder().WhereWritten(s.PathOf("enable_kerberos")).value_or(SourceLocation{});
  if (out.principal.empty()) {
    s.decoder().Error(where,
                      "security_config.enable_kerberos is true but principal is not set; add "
                      "principal: \"user@REALM\" under security_config");
  }
  if (out.keytab.empty()) {
    s.decoder().Error(where,
                      "security_config.enable_kerberos is true but keytab is not set; add "
                      "keytab: /path/to/user.keytab under security_config");
  }
}

void DecodeLimits(Section& s, ResourceLimits& out) {
  s.OptionalMemoryBytes("max_driver_memory", out.max_driver_memory_bytes);
  s.OptionalMemoryBytes("max_executor_memory", out.max_executor_memory_bytes);
  s.OptionalInt("max_executor_cores", out.max_executor_cores, 1);
  s.OptionalInt("max_total_cores", out.max_total_cores, 1);
  s.Finish();
}

}  // namespace mlpipe::config
