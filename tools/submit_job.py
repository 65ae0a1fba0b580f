#!/usr/bin/env python3
"""Drop-in replacement for the old submit_job.py: `submit_job.py TYPE --config FILE [--app-args "..."]`.

All options are mlpipe submit's (see docs/CLI.md); this only forwards them, so DAGs that call
`python3 submit_job.py prediction --config job_config.yaml --app-args "..."` keep working.
mlpipe is found in $MLPIPE_BIN, then on PATH, then in this repo's build/.
"""
import os
import shutil
import sys
from pathlib import Path


def main() -> None:
    binary = os.environ.get("MLPIPE_BIN") or shutil.which("mlpipe") or str(
        Path(__file__).resolve().parent.parent / "build" / "bin" / "mlpipe")
    os.execv(binary, [binary, "submit", *sys.argv[1:]])


if __name__ == "__main__":
    main()
