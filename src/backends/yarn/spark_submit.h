// The spark-submit command line for one job on YARN, built from its config alone (no I/O), so it is
// golden-tested. Cluster deploy mode, fire-and-forget (spark.yarn.submit.waitAppCompletion=false):
// mlpipe follows the application through the ResourceManager afterwards.
//  - resources, queue and name from spark_config / environment_config / -n;
//  - every spark.* key of spark_config, then the job type's custom_spark_conf (which wins);
//  - additional_jars -> --jars, additional_py_files -> --py-files, --app-args -> driver arguments;
//  - security_config -> --principal/--keytab and spark.ssl.*;
//  - spark.yarn.tags gets the job's unique tag (kept alongside any tags of the user);
//  - spark.yarn.maxAppAttempts defaults to 1: a second attempt would run again a driver that may
//    have published already; mlpipe settles a dead driver from what it published instead
//    (cluster_settle.h). A user's setting wins.
// Secret values (spark.ssl.*Password, and any spark.* setting whose key or value IsSecretSetting)
// never go on the command line, where `ps` shows them: they are returned in `secret_conf`, which
// the caller writes to a private properties file (0600 from creation) passed with
// --extra-properties-file; DisplaySparkSubmit masks them.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "backends/backend.h"

namespace mlpipe::backends::yarn {

// What mlpipe ships with the submission besides the config's own settings.
struct SparkLaunch {
  std::string spark_submit = "spark-submit";      // the executable
  std::string app_resource;                       // the driver script (a local path)
  std::vector<std::string> app_arguments;         // after the script
  std::vector<std::string> files;                 // --files (the job config snapshot)
  std::vector<std::string> py_files;              // --py-files besides additional_py_files
  std::string env_archive_uri;                    // "" = none; else shipped as #mlpipe_env
  std::string secrets_file;                       // the --extra-properties-file path
  std::string tag;                                // the job's unique tag
  std::map<std::string, std::string> driver_env;  // set in the driver's environment
};

struct SparkSubmitCommand {
  std::vector<std::string> argv;
  std::map<std::string, std::string> secret_conf;  // spark.* -> secret value
};

inline constexpr std::string_view kEnvArchiveAlias = "mlpipe_env";

SparkSubmitCommand BuildSparkSubmit(const SubmitRequest& request, const SparkLaunch& launch);

// The command as a copy-pasteable shell line (one option per line, POSIX-quoted), followed by the
// secret properties with their values shown as ******.
// The text of the --extra-properties-file for `secret_conf`, escaped as Java reads .properties
// (a backslash, a line break or a leading space in a password survive).
std::string PropertiesText(const std::map<std::string, std::string>& props);

std::string DisplaySparkSubmit(const SparkSubmitCommand& command);

}  // namespace mlpipe::backends::yarn
