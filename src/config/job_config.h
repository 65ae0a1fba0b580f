// The job_config.yaml model: plain structs with defaults, one per YAML section. A JobConfig is only
// ever produced by LoadJobConfig (config/loader.h), which validates everything first, so code that
// receives a JobConfig may rely on every invariant stated here. Paths are kept as written in YAML;
// the backend maps them onto storage (local warehouse or HDFS), see store/warehouse.h.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "config/secret.h"
#include "config/source_location.h"

namespace mlpipe::config {

enum class JobType { kTraining, kPrediction, kDataProcessing, kEvaluation };
enum class BackendKind { kLocal, kYarn };
enum class Algorithm { kRandomForest, kGradientBoosting, kLogisticRegression, kLinearRegression };
enum class Task { kAuto, kBinary, kMulticlass, kRegression };
// How a job publishes an output where something already exists (docs/CONFIG.md "Output write
// modes"): replace_own replaces only mlpipe's own output of the same role; error refuses any
// existing path; new_version writes <path>/v<N> and points <path>/latest at it. Whatever the mode,
// an existing path that is not provably mlpipe's own output is refused before the job runs.
enum class WriteMode { kReplaceOwn, kError, kNewVersion };

struct EnvironmentConfig {
  BackendKind backend = BackendKind::kLocal;
  std::string warehouse_root;       // local backend root; empty = "$MLPIPE_HOME/warehouse"
  std::string namenode_url;         // e.g. hdfs://namenode:9000
  std::string resourcemanager_url;  // e.g. resourcemanager:8032 (RPC) or http://rm:8088
  std::string webhdfs_url;          // optional override, e.g. http://namenode:9870
  std::string hdfs_base_path = "/ml-pipeline";
  std::string hdfs_owner = "ml-pipeline";
  std::string hdfs_group = "ml-team";
  std::string hdfs_permissions = "755";
  std::string queue = "default";
  std::string hadoop_home, spark_home, hadoop_conf_dir, yarn_conf_dir, python_path;
};

struct SparkConfig {
  int num_executors = 2;
  int executor_cores = 2;
  std::string executor_memory = "2g";             // validated memory size
  std::string driver_memory = "1g";               // validated memory size
  std::map<std::string, std::string> spark_conf;  // every `spark.*` key, values as strings
};

struct JobTypeConfig {
  std::vector<std::string> additional_jars;
  std::vector<std::string> additional_py_files;
  std::map<std::string, std::string> custom_spark_conf;
  int64_t batch_size = 10000;                 // > 0
  std::optional<int64_t> timeout_seconds;     // TimeoutKey(type): "1h", "30m", "45s", "2h30m"
  std::string output_compression = "snappy";  // snappy | zstd | gzip | none
};

// A hyperparameter value as written in YAML (scalars only); `null` is std::monostate.
using HyperValue = std::variant<std::monostate, bool, int64_t, double, std::string>;

struct ModelConfig {
  std::string model_name = "model";  // [A-Za-z0-9_.-]+, no path separators
  Algorithm algorithm = Algorithm::kRandomForest;
  Task task = Task::kAuto;
  std::map<std::string, HyperValue> hyperparameters;  // scikit-learn names, checked per algorithm
  int cv_folds = 0;        // 0: no cross-validation; else >= 2 (1 is rejected)
  double test_size = 0.2;  // hold-out fraction in [0, 1)
  uint64_t seed = 42;
  std::string model_version;  // prediction/evaluation: "" or "latest" or "3"/"v3"
  // Binary targets: the label metrics call positive ("bad" of good/bad); "" = the default rule
  // (engine/models/labels.h). Checked against the target's values when training reads them.
  std::string positive_class;
};

// One step of the declarative feature pipeline (data_config.feature_pipeline). Each YAML list item
// is a one-key map: {select: [...]}, {drop: [...]}, {filter: "expr"}, {cast: {col: type}}, {impute:
// {strategy, columns, fill_value}}, {scale: {method, columns}}, {encode: {method, columns,
// handle_unknown, max_categories}}, {derive: {name, expr}}, {dedupe: true | {columns: [...]}}.
struct StepSpec {
  enum class Kind { kSelect, kDrop, kFilter, kCast, kImpute, kScale, kEncode, kDerive, kDedupe };
  Kind kind = Kind::kSelect;
  std::vector<std::string> columns;  // empty = every applicable column (see each step's doc)
  std::string expression;  // filter / derive; syntax already checked (config/expression.h)
  std::string output;      // derive: name of the new column
  std::map<std::string, std::string> cast_types;  // cast: column -> int64|double|string|bool
  std::string method;  // impute: mean|median|most_frequent|constant; scale: standard|minmax;
                       // encode: onehot|ordinal
  std::optional<std::string> fill_value;  // impute constant
  std::string handle_unknown = "ignore";  // encode: ignore (zeros / -1) | error
  int max_categories = 100;               // onehot: rarer categories fold into "__other__"
  SourceLocation where;                   // where the step was written, for runtime errors
};

// A step's optional second key, "file:line:col": where the step was first written. Rendered into
// run snapshots (config/loader.h RenderYaml), so a job's runtime errors name the user's file, not
// the snapshot it runs from.
inline constexpr std::string_view kStepWrittenAtKey = "written_at";

struct SplitSpec {
  double test_size = 0.2;  // fraction written to validation_data_path, in [0, 1)
  uint64_t seed = 42;
  bool stratify = true;  // stratify on target_column when it is categorical
};

// data_config.write_mode: one mode for every output, or a map from output key to mode.
struct OutputWriteModes {
  WriteMode predictions_output_path = WriteMode::kReplaceOwn;
  WriteMode training_data_path = WriteMode::kReplaceOwn;
  WriteMode validation_data_path = WriteMode::kReplaceOwn;
};

// pandas.read_csv's default missing-value tokens: "", "NA", "N/A", "NaN", "null", "None", ...
inline std::vector<std::string> DefaultNaValues() {
  return {"",     "#N/A",   "#N/A N/A", "#NA",  "-1.#IND", "-1.#QNAN", "-NaN",
          "-nan", "1.#IND", "1.#QNAN",  "<NA>", "N/A",     "NA",       "NULL",
          "NaN",  "None",   "n/a",      "nan",  "null"};
}

struct DataConfig {
  std::string raw_data_path = "data/raw";  // data_processing input
  std::string training_data_path = "data/training";
  std::string validation_data_path = "data/validation";
  std::string evaluation_data_path;  // "" = validation_data_path
  std::string prediction_input_path = "data/input";
  std::string predictions_output_path = "data/output";
  std::string input_format = "auto";  // auto (by extension) | csv | parquet
  // CSV cells read as missing (pandas' read_csv default list); the local reader and the Spark side
  // apply the same list (engine/io/table_reader.h ReadOptionsFor).
  std::vector<std::string> na_values = DefaultNaValues();
  std::string target_column;  // required for training/evaluation
  std::vector<std::string> id_columns;
  std::optional<std::vector<std::string>> feature_columns;  // unset = all but target and ids
  std::vector<StepSpec> feature_pipeline;
  SplitSpec split;
  OutputWriteModes write_mode;
};

struct SecurityConfig {
  bool enable_kerberos = false;
  std::string principal;
  std::string keytab;  // a path; the file's content is never read or printed
  bool enable_ssl = false;
  std::string keystore_path;
  Secret keystore_password;
  std::string truststore_path;
  Secret truststore_password;
};

struct ResourceLimits {
  std::optional<int64_t> max_driver_memory_bytes;
  std::optional<int64_t> max_executor_memory_bytes;
  std::optional<int> max_executor_cores;
  std::optional<int> max_total_cores;
};

struct JobConfig {
  EnvironmentConfig environment;
  SparkConfig spark;
  std::map<JobType, JobTypeConfig>
      job_specific;  // has an entry for every JobType (defaults filled)
  ModelConfig model;
  DataConfig data;
  SecurityConfig security;
  ResourceLimits limits;
  std::vector<std::string> source_files;  // config files merged, in order
  // Dotted key ("data_config.target_column") -> where its value was written; keys that kept their
  // default are absent. For errors found after loading (validate's data checks).
  std::map<std::string, SourceLocation> written_at;

  const JobTypeConfig& ForJob(JobType t) const { return job_specific.at(t); }
  // "file:line:col: " where `key` was written, or "" when it kept its default.
  std::string WherePrefix(const std::string& key) const {
    auto it = written_at.find(key);
    return it == written_at.end() ? "" : it->second.ToString() + ": ";
  }
};

std::string_view JobTypeName(JobType t);  // "training", "prediction", ...
// The job type's timeout key in job_specific_config.<type>: "prediction_timeout" (the name the
// deployment guide gives it) for prediction, "timeout" for every other job type.
std::string_view TimeoutKey(JobType t);
std::string_view AlgorithmName(Algorithm a);  // "random_forest", ...
std::string_view TaskName(Task t);            // "auto", "binary", ...
std::string_view WriteModeName(WriteMode m);  // "replace_own", "error", "new_version"
std::vector<std::string> AllJobTypeNames();

}  // namespace mlpipe::config
