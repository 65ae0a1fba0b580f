// Fault injection for the crash tests, off unless the environment asks for it.
// MLPIPE_TEST_DIE_AT=<step>[:<n>][@<process>][,...] makes the named process kill itself with
// SIGKILL the n-th time (default 1) it reaches DieIfTestSeam(<step>). Steps are named where they
// are reached (the output commit's staged | marked | set_aside | published | succeeded,
// engine/io/output_commit.h; training and evaluation's staged | published; `running` once the job
// is RUNNING, `supervising` at each poll of the supervisor, `settle` before a job that died is
// settled, backends/worker_supervisor.h; `waiting` at each poll of `--wait` and `monitor`).
// Processes: `job` (default: the process running the job, also the Spark driver, which gets the
// variable from the yarn submission), `supervisor` (the local job's detached supervisor) and
// `cli`; each says which it is with SetTestSeamProcess.
// Tests use it to stop a process at an exact point that an outside kill could only hit by chance.
#pragma once

#include <string_view>

namespace mlpipe {

void DieIfTestSeam(std::string_view step);
// Which process this is for MLPIPE_TEST_DIE_AT: "job" (the default), "supervisor" or "cli".
void SetTestSeamProcess(std::string_view process);

// MLPIPE_TEST_DISABLE=<feature>: true when the environment asks to act as if `feature` were not
// available (e.g. "exchange": a filesystem without renameat2 RENAME_EXCHANGE), so the fallback path
// is tested on any machine.
bool TestDisables(std::string_view feature);

}  // namespace mlpipe
