#include "cli/app.h"

#include <iostream>

#include "cli/commands/commands.h"
#include "cli/exit_codes.h"
#include "mlpipe_version.h"
#include "util/test_seam.h"

namespace mlpipe::cli {

int Main(int argc, char** argv) {
  SetTestSeamProcess("cli");  // `__worker` says it is the supervisor; its forked child, the job
  CLI::App app{
      "mlpipe: run ML training, prediction, data processing and evaluation jobs, locally or on "
      "Spark on YARN.\nExit codes: 0 ok, 1 job failed, 2 usage, 3 config, 4 job killed, 5 not "
      "found, "
      "6 backend unavailable, 7 storage, 10 internal.",
      "mlpipe"};
  app.set_version_flag("--version", std::string("mlpipe ") + MLPIPE_VERSION + " (xgboost " +
                                        MLPIPE_XGBOOST_VERSION + ", arrow " +
                                        MLPIPE_PYARROW_VERSION + ")");
  app.require_subcommand(1);
  int exit_code = kExitSuccess;
  SetupSubmit(app, &exit_code);
  SetupList(app, &exit_code);
  SetupStatus(app, &exit_code);
  SetupMonitor(app, &exit_code);
  SetupLogs(app, &exit_code);
  SetupKill(app, &exit_code);
  SetupValidate(app, &exit_code);
  SetupConfig(app, &exit_code);
  SetupModels(app, &exit_code);
  SetupWorker(app, &exit_code);
  SetupFs(app, &exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? kExitSuccess : kExitUsage;
  } catch (const std::exception& e) {
    std::cerr << "mlpipe: internal error: " << e.what() << "\n";
    return kExitInternal;
  }
  return exit_code;
}

}  // namespace mlpipe::cli
