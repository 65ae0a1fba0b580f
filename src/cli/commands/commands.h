// One Setup function per subcommand file: each adds its subcommand to `app` and arranges for the
// exit code of its run to be stored in `*exit_code` when that subcommand is chosen (the shape of
// a subcommand: cli/common.h).
#pragma once

#include <CLI/CLI.hpp>

namespace mlpipe::cli {

void SetupSubmit(CLI::App& app, int* exit_code);
void SetupList(CLI::App& app, int* exit_code);
void SetupStatus(CLI::App& app, int* exit_code);
void SetupMonitor(CLI::App& app, int* exit_code);
void SetupLogs(CLI::App& app, int* exit_code);
void SetupKill(CLI::App& app, int* exit_code);
void SetupValidate(CLI::App& app, int* exit_code);
void SetupConfig(CLI::App& app, int* exit_code);
void SetupModels(CLI::App& app, int* exit_code);
void SetupWorker(CLI::App& app, int* exit_code);
void SetupFs(CLI::App& app, int* exit_code);

}  // namespace mlpipe::cli
