// RenderYaml and SecretValues: the effective config as YAML with every secret masked.
#include <yaml-cpp/yaml.h>

#include "config/decoder.h"
#include "config/loader.h"
#include "config/names.h"
#include "config/units.h"
#include "util/redact.h"

namespace mlpipe::config {
namespace {

void Str(YAML::Emitter& out, std::string_view key, const std::string& value) {
  out << YAML::Key << std::string(key) << YAML::Value << YAML::DoubleQuoted << value;
}

void List(YAML::Emitter& out, std::string_view key, const std::vector<std::string>& values) {
  out << YAML::Key << std::string(key) << YAML::Value << YAML::Flow << YAML::BeginSeq;
  for (const std::string& v : values) out << YAML::DoubleQuoted << v;
  out << YAML::EndSeq;
}

void Number(YAML::Emitter& out, std::string_view key, double v) {
  out << YAML::Key << std::string(key) << YAML::Value << FormatNumber(v);
}

template <typename T>
void Optional(YAML::Emitter& out, std::string_view key, const std::optional<T>& v) {
  out << YAML::Key << std::string(key) << YAML::Value;
  if (v) {
    out << *v;
  } else {
    out << YAML::Null;
  }
}

void OptionalMemory(YAML::Emitter& out, std::string_view key, const std::optional<int64_t>& bytes) {
  std::optional<std::string> text;
  if (bytes) text = FormatMemorySize(*bytes);
  Optional(out, key, text);
}

void SparkConf(YAML::Emitter& out, const std::map<std::string, std::string>& conf) {
  for (const auto& [key, value] : conf) {
    Str(out, key, IsSecretSetting(key, value) ? std::string(kRedactedText) : value);
  }
}

void RenderHyperValue(YAML::Emitter& out, const HyperValue& v) {
  if (std::holds_alternative<std::monostate>(v)) out << YAML::Null;
  if (const bool* b = std::get_if<bool>(&v)) out << *b;
  if (const int64_t* i = std::get_if<int64_t>(&v)) out << *i;
  if (const double* d = std::get_if<double>(&v)) out << FormatNumber(*d);
  if (const std::string* s = std::get_if<std::string>(&v)) out << YAML::DoubleQuoted << *s;
}

void RenderStep(YAML::Emitter& out, const StepSpec& step) {
  using Kind = StepSpec::Kind;
  const std::string kind(StepKindName(step.kind));
  out << YAML::BeginMap;
  switch (step.kind) {
    case Kind::kSelect:
    case Kind::kDrop:
      List(out, kind, step.columns);
      break;
    case Kind::kFilter:
      Str(out, kind, step.expression);
      break;
    case Kind::kCast:
      out << YAML::Key << kind << YAML::Value << YAML::BeginMap;
      for (const auto& [column, type] : step.cast_types) Str(out, column, type);
      out << YAML::EndMap;
      break;
    case Kind::kDedupe:
      out << YAML::Key << kind << YAML::Value;
      if (step.columns.empty()) {
        out << true;
      } else {
        out << YAML::BeginMap;
        List(out, "columns", step.columns);
        out << YAML::EndMap;
      }
      break;
    case Kind::kDerive:
      out << YAML::Key << kind << YAML::Value << YAML::BeginMap;
      Str(out, "name", step.output);
      Str(out, "expr", step.expression);
      out << YAML::EndMap;
      break;
    case Kind::kImpute:
      out << YAML::Key << kind << YAML::Value << YAML::BeginMap;
      Str(out, "strategy", step.method);
      List(out, "columns", step.columns);
      if (step.fill_value) Str(out, "fill_value", *step.fill_value);
      out << YAML::EndMap;
      break;
    case Kind::kScale:
    case Kind::kEncode:
      out << YAML::Key << kind << YAML::Value << YAML::BeginMap;
      Str(out, "method", step.method);
      List(out, "columns", step.columns);
      if (step.kind == Kind::kEncode) {
        Str(out, "handle_unknown", step.handle_unknown);
        out << YAML::Key << "max_categories" << YAML::Value << step.max_categories;
      }
      out << YAML::EndMap;
      break;
  }
  if (!step.where.file.empty()) Str(out, std::string(kStepWrittenAtKey), step.where.ToString());
  out << YAML::EndMap;
}

void RenderEnvironment(YAML::Emitter& out, const EnvironmentConfig& e) {
  out << YAML::Key << "environment_config" << YAML::Value << YAML::BeginMap;
  Str(out, "backend", std::string(BackendName(e.backend)));
  Str(out, "warehouse_root", e.warehouse_root);
  Str(out, "namenode_url", e.namenode_url);
  Str(out, "resourcemanager_url", e.resourcemanager_url);
  Str(out, "webhdfs_url", e.webhdfs_url);
  Str(out, "hdfs_base_path", e.hdfs_base_path);
  Str(out, "hdfs_owner", e.hdfs_owner);
  Str(out, "hdfs_group", e.hdfs_group);
  Str(out, "hdfs_permissions", e.hdfs_permissions);
  Str(out, "queue", e.queue);
  Str(out, "hadoop_home", e.hadoop_home);
  Str(out, "spark_home", e.spark_home);
  Str(out, "hadoop_conf_dir", e.hadoop_conf_dir);
  Str(out, "yarn_conf_dir", e.yarn_conf_dir);
  Str(out, "python_path", e.python_path);
  out << YAML::EndMap;
}

void RenderSparkAndJobs(YAML::Emitter& out, const JobConfig& c) {
  out << YAML::Key << "spark_config" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "num_executors" << YAML::Value << c.spark.num_executors;
  out << YAML::Key << "executor_cores" << YAML::Value << c.spark.executor_cores;
  Str(out, "executor_memory", c.spark.executor_memory);
  Str(out, "driver_memory", c.spark.driver_memory);
  SparkConf(out, c.spark.spark_conf);
  out << YAML::EndMap;
  out << YAML::Key << "job_specific_config" << YAML::Value << YAML::BeginMap;
  for (const auto& [type, job] : c.job_specific) {
    out << YAML::Key << std::string(JobTypeName(type)) << YAML::Value << YAML::BeginMap;
    List(out, "additional_jars", job.additional_jars);
    List(out, "additional_py_files", job.additional_py_files);
    out << YAML::Key << "custom_spark_conf" << YAML::Value << YAML::BeginMap;
    SparkConf(out, job.custom_spark_conf);
    out << YAML::EndMap;
    out << YAML::Key << "batch_size" << YAML::Value << job.batch_size;
    std::optional<std::string> timeout;
    if (job.timeout_seconds) timeout = FormatDuration(*job.timeout_seconds);
    Optional(out, TimeoutKey(type), timeout);
    Str(out, "output_compression", job.output_compression);
    out << YAML::EndMap;
  }
  out << YAML::EndMap;
}

void RenderModel(YAML::Emitter& out, const ModelConfig& m) {
  out << YAML::Key << "model_config" << YAML::Value << YAML::BeginMap;
  Str(out, "model_name", m.model_name);
  Str(out, "algorithm", std::string(AlgorithmName(m.algorithm)));
  Str(out, "task", std::string(TaskName(m.task)));
  out << YAML::Key << "hyperparameters" << YAML::Value << YAML::BeginMap;
  for (const auto& [name, value] : m.hyperparameters) {
    out << YAML::Key << name << YAML::Value;
    RenderHyperValue(out, value);
  }
  out << YAML::EndMap;
  out << YAML::Key << "cv_folds" << YAML::Value << m.cv_folds;
  Number(out, "test_size", m.test_size);
  out << YAML::Key << "seed" << YAML::Value << m.seed;
  Str(out, "model_version", m.model_version);
  Str(out, "positive_class", m.positive_class);
  out << YAML::EndMap;
}

void RenderData(YAML::Emitter& out, const DataConfig& d) {
  out << YAML::Key << "data_config" << YAML::Value << YAML::BeginMap;
  Str(out, "raw_data_path", d.raw_data_path);
  Str(out, "training_data_path", d.training_data_path);
  Str(out, "validation_data_path", d.validation_data_path);
  Str(out, "evaluation_data_path", d.evaluation_data_path);
  Str(out, "prediction_input_path", d.prediction_input_path);
  Str(out, "predictions_output_path", d.predictions_output_path);
  Str(out, "input_format", d.input_format);
  Str(out, "target_column", d.target_column);
  List(out, "id_columns", d.id_columns);
  List(out, "na_values", d.na_values);
  if (d.feature_columns) {
    List(out, "feature_columns", *d.feature_columns);
  } else {
    out << YAML::Key << "feature_columns" << YAML::Value << YAML::Null;
  }
  out << YAML::Key << "feature_pipeline" << YAML::Value << YAML::BeginSeq;
  for (const StepSpec& step : d.feature_pipeline) RenderStep(out, step);
  out << YAML::EndSeq;
  out << YAML::Key << "write_mode" << YAML::Value << YAML::BeginMap;
  Str(out, "predictions_output_path",
      std::string(WriteModeName(d.write_mode.predictions_output_path)));
  Str(out, "training_data_path", std::string(WriteModeName(d.write_mode.training_data_path)));
  Str(out, "validation_data_path", std::string(WriteModeName(d.write_mode.validation_data_path)));
  out << YAML::EndMap;
  out << YAML::Key << "split" << YAML::Value << YAML::BeginMap;
  Number(out, "test_size", d.split.test_size);
  out << YAML::Key << "seed" << YAML::Value << d.split.seed;
  out << YAML::Key << "stratify" << YAML::Value << d.split.stratify;
  out << YAML::EndMap << YAML::EndMap;
}

void RenderSecurityAndLimits(YAML::Emitter& out, const SecurityConfig& s, const ResourceLimits& l) {
  out << YAML::Key << "security_config" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "enable_kerberos" << YAML::Value << s.enable_kerberos;
  Str(out, "principal", s.principal);
  Str(out, "keytab", s.keytab);
  out << YAML::Key << "enable_ssl" << YAML::Value << s.enable_ssl;
  Str(out, "keystore_path", s.keystore_path);
  Str(out, "keystore_password", s.keystore_password.Display());
  Str(out, "truststore_path", s.truststore_path);
  Str(out, "truststore_password", s.truststore_password.Display());
  out << YAML::EndMap;
  out << YAML::Key << "resource_limits" << YAML::Value << YAML::BeginMap;
  OptionalMemory(out, "max_driver_memory", l.max_driver_memory_bytes);
  OptionalMemory(out, "max_executor_memory", l.max_executor_memory_bytes);
  Optional(out, "max_executor_cores", l.max_executor_cores);
  Optional(out, "max_total_cores", l.max_total_cores);
  out << YAML::EndMap;
}

void AddSparkSecrets(const std::map<std::string, std::string>& conf,
                     std::vector<std::string>& out) {
  for (const auto& [key, value] : conf) {
    if (!value.empty() && IsSecretSetting(key, value)) out.push_back(value);
  }
}

}  // namespace

std::string RenderYaml(const JobConfig& c) {
  YAML::Emitter out;
  out << YAML::BeginMap;
  RenderEnvironment(out, c.environment);
  RenderSparkAndJobs(out, c);
  RenderModel(out, c.model);
  RenderData(out, c.data);
  RenderSecurityAndLimits(out, c.security, c.limits);
  out << YAML::EndMap;
  return std::string(out.c_str()) + "\n";
}

std::vector<std::string> SecretValues(const JobConfig& c) {
  std::vector<std::string> out;
  for (const Secret* s : {&c.security.keystore_password, &c.security.truststore_password}) {
    if (!s->empty()) out.push_back(s->Reveal());
  }
  AddSparkSecrets(c.spark.spark_conf, out);
  for (const auto& [type, job] : c.job_specific) AddSparkSecrets(job.custom_spark_conf, out);
  return out;
}

}  // namespace mlpipe::config
