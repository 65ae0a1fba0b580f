"""Start-up cost: commands that never talk to a cluster do not load its HTTP stack. libcurl and the ~30
libraries it needs (TLS, Kerberos, LDAP, SSH) are opened only when a cluster command first sends a request
(src/util/curl_library.h); linked, they cost 4-5 ms of every run (docs/BENCHMARKS.md)."""
import subprocess

from mlpipe_e2e import BIN


def test_binary_does_not_link_libcurl():
    dynamic = subprocess.run(["readelf", "-d", BIN], capture_output=True, text=True, check=True).stdout
    needed = [line for line in dynamic.splitlines() if "(NEEDED)" in line]
    assert needed, dynamic  # the check itself works: the binary does have dynamic dependencies
    assert not [line for line in needed if "libcurl" in line], needed


def test_local_commands_do_not_load_libcurl(tmp_path):
    # LD_DEBUG=files lists every library the dynamic loader opens, including dlopen()ed ones.
    env = {"MLPIPE_HOME": str(tmp_path), "LD_DEBUG": "files", "PATH": "/usr/bin:/bin"}
    proc = subprocess.run([BIN, "list"], capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "libarrow" in proc.stderr  # the loader's log is there
    assert "libcurl" not in proc.stderr
