#include "backends/yarn/spark_submit.h"

#include <fmt/format.h>

#include "config/resources.h"
#include "util/redact.h"
#include "util/strings.h"

namespace mlpipe::backends::yarn {

namespace {

using Conf = std::map<std::string, std::string>;

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ",") + item;
  return out;
}

// The job's tag is added to any tags the user configured, never replacing them.
std::string TagsWith(const Conf& conf, const std::string& tag) {
  auto it = conf.find("spark.yarn.tags");
  if (it == conf.end() || Trim(it->second).empty()) return tag;
  return std::string(Trim(it->second)) + "," + tag;
}

// The job type's job_specific_config; custom scripts have none.
const config::JobTypeConfig& JobSettings(const SubmitRequest& request) {
  static const config::JobTypeConfig kNone;
  return request.is_custom() ? kNone : request.config.ForJob(request.type);
}

Conf MergedConf(const SubmitRequest& request, const SparkLaunch& launch) {
  const config::JobConfig& cfg = request.config;
  Conf conf = cfg.spark.spark_conf;
  for (const auto& [k, v] : JobSettings(request).custom_spark_conf) {
    if (!config::IsResourceProperty(k)) conf[k] = v;  // in the named flags (EffectiveSpark)
  }
  if (!cfg.environment.python_path.empty()) {
    conf.try_emplace("spark.pyspark.python", cfg.environment.python_path);
    conf.try_emplace("spark.pyspark.driver.python", cfg.environment.python_path);
  }
  if (!launch.env_archive_uri.empty()) {
    const std::string python_dir = fmt::format("./{}/python", kEnvArchiveAlias);
    conf.try_emplace("spark.yarn.appMasterEnv.MLPIPE_ENV_DIR",
                     std::string("./") + std::string(kEnvArchiveAlias));
    conf.try_emplace("spark.executorEnv.MLPIPE_ENV_DIR",
                     std::string("./") + std::string(kEnvArchiveAlias));
    conf.try_emplace("spark.yarn.appMasterEnv.PYTHONPATH", python_dir);
    conf.try_emplace("spark.executorEnv.PYTHONPATH", python_dir);
  }
  const config::SecurityConfig& sec = cfg.security;
  if (sec.enable_ssl) {
    conf["spark.ssl.enabled"] = "true";
    if (!sec.keystore_path.empty()) conf["spark.ssl.keyStore"] = sec.keystore_path;
    if (!sec.keystore_password.empty())
      conf["spark.ssl.keyStorePassword"] = sec.keystore_password.Reveal();
    if (!sec.truststore_path.empty()) conf["spark.ssl.trustStore"] = sec.truststore_path;
    if (!sec.truststore_password.empty()) {
      conf["spark.ssl.trustStorePassword"] = sec.truststore_password.Reveal();
    }
  }
  conf.try_emplace("spark.yarn.maxAppAttempts", "1");
  for (const auto& [name, value] : launch.driver_env)
    conf["spark.yarn.appMasterEnv." + name] = value;
  conf["spark.yarn.tags"] = TagsWith(conf, launch.tag);
  conf["spark.yarn.submit.waitAppCompletion"] = "false";
  return conf;
}

std::string ShellQuote(std::string_view arg) {
  if (!arg.empty() &&
      arg.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                            "@%_+=:,./-") == std::string_view::npos) {
    return std::string(arg);
  }
  std::string out = "'";
  for (char c : arg) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// A Java .properties text escape: backslash and line breaks always; '=', ':' and spaces in keys;
// a leading space in values (Java would drop it).
std::string PropertiesEscape(std::string_view text, bool is_key) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default: {
        const bool separator = is_key ? (c == '=' || c == ':' || c == ' ') : (i == 0 && c == ' ');
        if (separator) out += '\\';
        out += c;
      }
    }
  }
  return out;
}

}  // namespace

SparkSubmitCommand BuildSparkSubmit(const SubmitRequest& request, const SparkLaunch& launch) {
  const config::JobConfig& cfg = request.config;
  const config::JobTypeConfig& job = JobSettings(request);
  SparkSubmitCommand cmd;
  auto& a = cmd.argv;
  a = {launch.spark_submit, "--master", "yarn",
       "--deploy-mode",     "cluster",  "--name",
       request.name,        "--queue",  cfg.environment.queue};
  const config::SparkConfig spark =
      request.is_custom() ? cfg.spark : config::EffectiveSpark(cfg, request.type);
  a.insert(a.end(), {"--num-executors", std::to_string(spark.num_executors), "--executor-cores",
                     std::to_string(spark.executor_cores), "--executor-memory",
                     spark.executor_memory, "--driver-memory", spark.driver_memory});
  if (cfg.security.enable_kerberos) {
    a.insert(a.end(), {"--principal", cfg.security.principal, "--keytab", cfg.security.keytab});
  }
  if (!job.additional_jars.empty()) a.insert(a.end(), {"--jars", Join(job.additional_jars)});
  std::vector<std::string> py_files = launch.py_files;
  py_files.insert(py_files.end(), job.additional_py_files.begin(), job.additional_py_files.end());
  if (!py_files.empty()) a.insert(a.end(), {"--py-files", Join(py_files)});
  if (!launch.files.empty()) a.insert(a.end(), {"--files", Join(launch.files)});
  if (!launch.env_archive_uri.empty()) {
    a.insert(a.end(),
             {"--archives", fmt::format("{}#{}", launch.env_archive_uri, kEnvArchiveAlias)});
  }
  for (const auto& [key, value] : MergedConf(request, launch)) {
    if (IsSecretSetting(key, value)) {
      cmd.secret_conf[key] = value;
    } else {
      a.insert(a.end(), {"--conf", key + "=" + value});
    }
  }
  if (!cmd.secret_conf.empty()) a.insert(a.end(), {"--extra-properties-file", launch.secrets_file});
  a.push_back(launch.app_resource);
  a.insert(a.end(), launch.app_arguments.begin(), launch.app_arguments.end());
  return cmd;
}

std::string PropertiesText(const std::map<std::string, std::string>& props) {
  std::string out;
  for (const auto& [k, v] : props)
    out += PropertiesEscape(k, true) + "=" + PropertiesEscape(v, false) + "\n";
  return out;
}

std::string DisplaySparkSubmit(const SparkSubmitCommand& command) {
  std::string out;
  for (size_t i = 0; i < command.argv.size(); ++i) {
    const std::string& arg = command.argv[i];
    const bool starts_option = i > 0 && arg.starts_with("--");
    if (i > 0) out += starts_option || !command.argv[i - 1].starts_with("--") ? " \\\n    " : " ";
    out += ShellQuote(arg);
  }
  out += "\n";
  if (!command.secret_conf.empty()) {
    out += "# --extra-properties-file (mode 0600, deleted after submission):\n";
    for (const auto& [key, value] : command.secret_conf) {
      out += fmt::format("#   {}={}\n", key, value.empty() ? "" : kRedactedText);
    }
  }
  return out;
}

}  // namespace mlpipe::backends::yarn
