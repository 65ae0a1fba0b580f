"""Fault injection for the crash tests, as in the local engine (util/test_seam.h):
MLPIPE_TEST_DIE_AT=<step>[:<n>][@<process>][,...] kills the driver (the `job` process) with SIGKILL the
n-th time (default 1) it reaches die_if_test_seam(<step>). mlpipe passes the variable on to the driver."""
import os
import signal

_reached = {}


def die_if_test_seam(step):
    wanted = []
    for item in filter(None, os.environ.get("MLPIPE_TEST_DIE_AT", "").split(",")):
        spec, _, process = item.partition("@")
        name, _, nth = spec.partition(":")
        if name == step and process in ("", "job"):  # the driver is the job's process
            wanted.append(int(nth or 1))
    if not wanted:
        return
    _reached[step] = _reached.get(step, 0) + 1
    if _reached[step] in wanted:
        os.kill(os.getpid(), signal.SIGKILL)
