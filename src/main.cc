// The mlpipe executable: everything lives in the libraries; see cli/app.h.
#include "cli/app.h"

int main(int argc, char** argv) { return mlpipe::cli::Main(argc, argv); }
