"""Runs a command and measures its wall time and the peak resident memory of its whole process tree
(the command and every descendant alive at a sample, e.g. PySpark's JVM): RSS from /proc every 50 ms,
the process tree re-read every 250 ms.
The peak is also never below the largest single process's own peak (getrusage of the children, which
catches spikes between samples).
"""
import os
import resource
import subprocess
import threading
import time
from pathlib import Path

PAGE_KIB = os.sysconf("SC_PAGE_SIZE") // 1024
SAMPLE_S, RESCAN_S = 0.05, 0.25


def _parents() -> dict[int, int]:
    """pid -> parent pid of every process (the kernel has no per-process children list here)."""
    out = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            out[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
    return out


def _descendants(root: int, parents: dict[int, int]) -> list[int]:
    children: dict[int, list[int]] = {}
    for pid, ppid in parents.items():
        children.setdefault(ppid, []).append(pid)
    out, stack = [], [root]
    while stack:
        pid = stack.pop()
        out.append(pid)
        stack += children.get(pid, [])
    return out


def _rss_kib(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE_KIB
    except (OSError, IndexError, ValueError):
        return 0


def run(cmd, env=None, cwd=None, timeout=None):
    """Runs cmd to completion (raises CalledProcessError on failure).
    Returns (stdout, wall seconds, peak RSS MiB of the process tree)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=cwd)
    peak = [0]
    done = threading.Event()

    def sample():
        tree, last_scan = [proc.pid], 0.0
        while not done.is_set():
            if time.perf_counter() - last_scan > RESCAN_S:  # finding new processes costs a /proc scan
                tree, last_scan = _descendants(proc.pid, _parents()), time.perf_counter()
            peak[0] = max(peak[0], sum(_rss_kib(pid) for pid in tree))
            done.wait(SAMPLE_S)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        stdout, stderr = proc.communicate(timeout=timeout)
    finally:
        done.set()
        sampler.join()
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise subprocess.CalledProcessError(proc.returncode, cmd, stdout, stderr)
    # ru_maxrss of children is the max over all waited-for descendants; it only rises, so it is a
    # lower bound for this command's peak only when it grew during the run.
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    single = after if after > before else 0
    return stdout, wall, max(peak[0], single) / 1024
