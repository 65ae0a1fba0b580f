#include "cli/common.h"

#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "cli/exit_codes.h"
#include "store/home.h"
#include "util/clock.h"

namespace mlpipe::cli {

void AddConfigFlags(CLI::App& app, ConfigFlags& flags) {
  app.add_option(
         "-c,--config", flags.files,
         "Config file (repeatable; later files overlay earlier ones). Default: $MLPIPE_CONFIG or "
         "./job_config.yaml")
      ->allow_extra_args(false);  // one file per -c, so positional arguments may follow
  app.add_option("--conf", flags.overrides,
                 "Override: spark.key=value for Spark, or section.key=value for any config key "
                 "(repeatable)")
      ->allow_extra_args(false);
}

void AddOutputFlag(CLI::App& app, OutputFormat& format) {
  app.add_option("-o,--output", format, "Output format: text or json")
      ->transform(CLI::CheckedTransformer(
          std::map<std::string, OutputFormat>{{"text", OutputFormat::kText},
                                              {"json", OutputFormat::kJson}},
          CLI::ignore_case));
}

std::vector<std::string> ConfigFilesOrDefault(const ConfigFlags& flags) {
  if (!flags.files.empty()) return flags.files;
  if (const char* env = std::getenv("MLPIPE_CONFIG"); env && *env) return {env};
  return {"job_config.yaml"};
}

Result<config::JobConfig> LoadConfig(const ConfigFlags& flags,
                                     const std::vector<std::string>& extra_overrides) {
  config::LoadOptions options;
  options.files = ConfigFilesOrDefault(flags);
  options.overrides = flags.overrides;
  options.overrides.insert(options.overrides.end(), extra_overrides.begin(), extra_overrides.end());
  return config::LoadJobConfig(options);
}

void OnRun(CLI::App& cmd, int* exit_code, CommandRun run) {
  cmd.callback([exit_code, run = std::move(run)] {
    const CommandResult result = run(std::cout);
    if (result.ok()) {
      *exit_code = *result;
      return;
    }
    std::cerr << "mlpipe: error: " << result.status().message() << "\n";
    *exit_code = ExitCodeFor(result.status());
  });
}

Result<std::unique_ptr<store::Registry>> OpenRegistry() {
  const Clock& clock = SystemClock::Instance();
  return store::Registry::Open(store::RegistryPath(store::MlpipeHome()), clock);
}

bool StderrIsTerminal() { return ::isatty(STDERR_FILENO) == 1; }

}  // namespace mlpipe::cli
