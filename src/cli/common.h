// Pieces shared by the subcommands: config flags, --output, error printing and opening the
// registry. Each subcommand lives in commands/<name>.cc with a Setup…(CLI::App&) that binds its
// options and a Run…(…) that does the work and returns an exit code (cli/exit_codes.h).
#pragma once

#include <CLI/CLI.hpp>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "config/loader.h"
#include "store/registry.h"
#include "util/json_text.h"
#include "util/result.h"

namespace mlpipe::cli {

enum class OutputFormat { kText, kJson };

struct ConfigFlags {
  std::vector<std::string> files;      // -c/--config, repeatable: later files overlay earlier ones
  std::vector<std::string> overrides;  // --conf key=value, repeatable
};

// Binds -c/--config and --conf to `flags`.
void AddConfigFlags(CLI::App& app, ConfigFlags& flags);
// Binds --output text|json.
void AddOutputFlag(CLI::App& app, OutputFormat& format);
// -c files, or $MLPIPE_CONFIG, or ./job_config.yaml.
std::vector<std::string> ConfigFilesOrDefault(const ConfigFlags& flags);
// Loads and validates the config named by `flags`, with `extra_overrides` applied after --conf.
Result<config::JobConfig> LoadConfig(const ConfigFlags& flags,
                                     const std::vector<std::string>& extra_overrides = {});

// Prints "mlpipe: error: <message>" to stderr and returns the exit code for `status`.
int ReportError(const Status& status);

// The job registry in $MLPIPE_HOME (see store/home.h).
Result<std::unique_ptr<store::Registry>> OpenRegistry();

// True when stderr is a terminal (live progress is drawn only then).
bool StderrIsTerminal();

}  // namespace mlpipe::cli
