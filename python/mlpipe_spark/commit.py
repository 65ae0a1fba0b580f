"""Output commits on a Hadoop filesystem under the local engine's rule (engine/io/output_owner.h,
through the engine module, so both backends decide alike): an existing path is replaced only when
its _mlpipe_output.json proves it is mlpipe's own output of the same role; the job's write mode
(replace_own | error | new_version) says what to do with it. The steps:
  1. an old output that a killed commit left set aside is put back;
  2. what exists at the path is judged: a refusal fails the job before anything is written;
  3. the job writes into a hidden staging directory next to the target, then the marker (listing
     what was staged) is written into it;
  4. publish: rename staging onto the path; replacing, the old output is first renamed aside
     (HDFS has no atomic exchange), and put back if the second rename fails;
  5. _SUCCESS; 6. the old output's own entries are removed, and nothing else.
A failed job removes its staging directory. MLPIPE_TEST_DIE_AT=<step>[:<n>][@job][,...] kills the driver at
step staged | marked | set_aside | published | succeeded (mlpipe_spark/test_seam.py)."""
import json
import os

from mlpipe_spark import engine
from mlpipe_spark.hadoop import join
from mlpipe_spark.test_seam import die_if_test_seam

def _split(uri):
    return uri.rstrip("/").rsplit("/", 1)


def staging_path_for(final_uri, run_id):
    """A fresh hidden sibling of `final_uri`: <parent>/.<name>.tmp-<run_id>-<random>."""
    parent, name = _split(final_uri)
    return f"{parent}/.{name}.tmp-{run_id}-{os.urandom(4).hex()}"


def _aside_path_for(final_uri, run_id):
    parent, name = _split(final_uri)
    return f"{parent}/.{name}.old-{run_id}-{os.urandom(4).hex()}"


def inspect(fs, uri):
    """What exists at `uri`, as engine.plan_output takes it."""
    if not fs.exists(uri):
        return {"kind": "absent"}
    if not fs.is_dir(uri):
        return {"kind": "file"}
    entries = [name for name, _, _ in fs.list(uri)]
    found = {"kind": "directory", "entries": entries}
    for key, name in (("marker", engine.OUTPUT_MARKER_FILE), ("versions_marker", engine.VERSIONS_MARKER_FILE)):
        if name in entries:
            found[key] = fs.read_text(join(uri, name))
    return found


def plan(fs, target, uri=None):
    """engine.plan_output for `target` ({path, role, mode}) as `uri` (default: its path) is now."""
    existing = inspect(fs, uri or target["path"])
    return json.loads(engine.plan_output(target["path"], target["role"], target["mode"], json.dumps(existing)))


def _restore_set_aside(fs, final):
    """Step 1: a commit killed between its two renames left no output at `final`, the old one aside."""
    parent, name = _split(final)
    if fs.exists(final) or not fs.is_dir(parent):
        return
    for entry, is_dir, _ in fs.list(parent):
        if is_dir and entry.startswith(f".{name}.old-"):
            fs.rename(join(parent, entry), final)
            return


def _place(fs, target, staging, dest, run_id):
    """Step 4. Returns (aside URI, its entries to remove) when an old output was replaced."""
    if not fs.exists(dest):
        if not fs.rename(staging, dest):
            raise OSError(f"cannot publish {dest}: something was created there meanwhile")
        return None
    replaced = plan(fs, target, dest)["replaced_entries"]  # judged again: it may have changed meanwhile
    aside = _aside_path_for(dest, run_id)
    if not fs.rename(dest, aside):
        raise OSError(f"cannot move the previous output {dest} aside")
    die_if_test_seam("set_aside")
    if not fs.rename(staging, dest):
        fs.rename(aside, dest)
        raise OSError(f"cannot rename {staging} to {dest}; the previous output was put back")
    return aside, replaced


def _remove_replaced(fs, aside, entries, dest, run_id):
    """Step 6: the old output's own entries, then its directory; anything else is kept, visibly."""
    for entry in entries:
        fs.delete(join(aside, entry))
    if not fs.delete(aside, recursive=False):
        kept = f"{dest}.kept-{run_id}"
        fs.rename(aside, kept)
        raise OSError(f"files appeared in the replaced output {dest} while the job ran; mlpipe did not write "
                      f"them and kept them in {kept}")


class Staged:
    """An output written and marked in its staging directory (steps 1-3), not yet visible. A job stages
    every output first, then publishes them all, so a failure before the first publish leaves none."""

    def __init__(self, job, target, decision, dest, staging):
        self.job, self.target, self.decision, self.dest, self.staging = job, target, decision, dest, staging

    def publish(self):
        """Steps 4-6 (and `latest` for new_version); returns the published URI."""
        fs, run_id = self.job.fs, self.job.run_id
        try:
            replaced = _place(fs, self.target, self.staging, self.dest, run_id)
        except BaseException:
            fs.delete(self.staging)
            raise
        die_if_test_seam("published")
        fs.write_text(join(self.dest, "_SUCCESS"), "")
        die_if_test_seam("succeeded")
        if replaced:
            _remove_replaced(fs, *replaced, self.dest, run_id)
        if self.decision["action"] == "new_version":
            move_latest_forward(fs, self.target["path"], self.decision["version"])
        return self.dest

    def discard(self):
        self.job.fs.delete(self.staging)


def move_latest_forward(fs, container, version):
    """Points `container`/latest at `version` unless it names a newer one (the engine's rule), so a
    run that finishes after a newer one never moves it back."""
    latest_uri = join(container, engine.LATEST_FILE)
    current = fs.read_text(latest_uri) if fs.exists(latest_uri) else None
    if engine.latest_moves_to(current, version):
        fs.write_text(latest_uri, engine.latest_file_text(version))


def stage(job, target, write):
    """Writes output `target` ({path, role, mode}, from job.config.outputs()) through `write(staging_uri)`,
    which fills the staging directory, and marks it; returns the Staged output."""
    fs, final = job.fs, target["path"]
    _restore_set_aside(fs, final)
    decision = plan(fs, target)
    if decision["action"] == "new_version":
        if decision["create_container"]:
            fs.mkdirs(final)
            fs.write_text(join(final, engine.VERSIONS_MARKER_FILE), engine.versions_marker(target["role"]))
        dest = join(final, engine.version_dir_name(decision["version"]))
    else:
        dest = final
        fs.mkdirs(_split(final)[0])
    staging = staging_path_for(dest, job.run_id)
    try:
        write(staging)
        die_if_test_seam("staged")
        files = [name for name, _, _ in fs.list(staging) if name != "_SUCCESS"]
        marker = job.config.output_marker(job.app_id, target["role"], files)
        fs.write_text(join(staging, engine.OUTPUT_MARKER_FILE), marker)
        die_if_test_seam("marked")
    except BaseException:
        fs.delete(staging)
        raise
    return Staged(job, target, decision, dest, staging)


def publish(job, target, write):
    """stage() then publish() for a job with one output: returns the published URI (the path, or
    <path>/v<N> for new_version)."""
    return stage(job, target, write).publish()


def outputs(job):
    """The job's outputs, {path, role, mode} each, in the order it writes them."""
    return json.loads(job.config.outputs())
