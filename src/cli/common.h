// Pieces shared by the subcommands: config flags, --output, running a subcommand and opening the
// registry. Each subcommand lives in commands/<name>.cc in one shape: an options struct, a
// Setup…(CLI::App&, int* exit_code) that binds it and hands OnRun the subcommand's Run…(options,
// out), which writes its report to `out` and returns a Result: the exit code of a run that did its
// work, or the error that stopped it. OnRun is the one place an error becomes a message on stderr
// and an exit code (ExitCodeFor, cli/exit_codes.h).
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
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

// What a subcommand's run gives: kExitSuccess, or a job's outcome (`submit --wait`, `monitor`:
// 0, 1 or 4), or the error that stopped it.
using CommandResult = Result<int>;
using CommandRun = std::function<CommandResult(std::ostream& out)>;
// Makes `run` the action of `cmd`, writing to stdout. Its exit code, or for an error the code
// ExitCodeFor gives after printing "mlpipe: error: <message>" to stderr, lands in `*exit_code`.
void OnRun(CLI::App& cmd, int* exit_code, CommandRun run);

// The job registry in $MLPIPE_HOME (see store/home.h).
Result<std::unique_ptr<store::Registry>> OpenRegistry();

// True when stderr is a terminal (live progress is drawn only then).
bool StderrIsTerminal();

}  // namespace mlpipe::cli
