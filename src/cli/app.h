// The mlpipe command line: builds the CLI11 app from the subcommands in cli/commands/, parses argv,
// runs the chosen subcommand and returns the process exit code. Exceptions stop here.
#pragma once

namespace mlpipe::cli {

int Main(int argc, char** argv);

}  // namespace mlpipe::cli
