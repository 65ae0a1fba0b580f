// Fault injection for the crash tests, off unless the environment asks for it.
// MLPIPE_TEST_DIE_AT=<step>[:<n>] makes the process kill itself with SIGKILL the n-th time (default
// 1) it reaches DieIfTestSeam(<step>). Steps are named where they are reached (e.g. the output
// commit's staged | marked | published | succeeded, engine/io/output_commit.h). Tests use it to
// stop a job at an exact point that an outside kill could only hit by chance.
#pragma once

#include <string_view>

namespace mlpipe {

void DieIfTestSeam(std::string_view step);

// MLPIPE_TEST_DISABLE=<feature>: true when the environment asks to act as if `feature` were not
// available (e.g. "exchange": a filesystem without renameat2 RENAME_EXCHANGE), so the fallback path
// is tested on any machine.
bool TestDisables(std::string_view feature);

}  // namespace mlpipe
