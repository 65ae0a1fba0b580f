"""The README's Usage block runs as written: every command line of it, on a fresh MLPIPE_HOME, from the
repository root, exits 0. The block's `export PATH=...build/bin...` line is replaced by putting the binary
under test (MLPIPE_BIN, which may be another build) first on PATH."""
import os
import re
import subprocess
from pathlib import Path

from mlpipe_e2e import BIN, REPO, Mlpipe


def usage_commands():
    """The Usage block's commands: continuation lines joined, blank and comment-only lines left out."""
    readme = (REPO / "README.md").read_text()
    block = re.search(r"^## Usage\n.*?^```bash\n(.*?)^```$", readme, re.S | re.M)
    assert block, "README.md has no ```bash block under ## Usage"
    commands, pending = [], ""
    for line in block.group(1).splitlines():
        if line.endswith("\\"):
            pending += line[:-1]
            continue
        line, pending = pending + line, ""
        if line.strip() and not line.lstrip().startswith("#"):
            commands.append(line)
    return commands


def test_the_readme_usage_block_runs_as_written(tmp_path):
    commands = usage_commands()
    assert any(c.startswith("mlpipe fs put") for c in commands), "the block stages the raw data"
    rc_file = tmp_path / "rc"
    script = ["set -u"]
    for i, command in enumerate(commands):
        if command.startswith("export PATH="):
            continue
        script += [command, f'echo "{i} $?" >> "{rc_file}"']
    script.append('echo "APP=$APP RUNNING=$RUNNING"')
    home = tmp_path / "home"
    env = {k: v for k, v in os.environ.items() if not k.startswith("MLPIPE_")}
    env.update(MLPIPE_HOME=str(home), PATH=f"{Path(BIN).parent}:{env['PATH']}")
    proc = subprocess.run(["bash", "-c", "\n".join(script)], cwd=REPO, env=env, capture_output=True, text=True,
                          timeout=600, stdin=subprocess.DEVNULL)
    print(proc.stderr[-3000:])
    codes = dict(line.split() for line in rc_file.read_text().splitlines())
    ran = [c for c in commands if not c.startswith("export PATH=")]
    assert len(codes) == len(ran), f"not every line ran:\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}"
    failed = [f"{commands[int(i)]} -> exit {rc}" for i, rc in codes.items() if rc != "0"]
    assert not failed, "\n".join(failed) + "\n" + proc.stderr[-3000:]
    ids = dict(part.split("=", 1) for part in proc.stdout.strip().splitlines()[-1].split())
    mlpipe = Mlpipe(home)
    assert mlpipe.status(ids["APP"])["state"] == "FINISHED"
    assert mlpipe.wait_for(ids["RUNNING"], lambda st: st["state"] in {"FINISHED", "FAILED", "KILLED"},
                           timeout=60)["final_status"] == "KILLED"
