"""Atomic output commits on a Hadoop filesystem, as the local engine commits (util/fs.h
CommitDirectory): write everything into a hidden staging directory next to the destination, rename it
into place, then write _SUCCESS. A failed job removes its staging directory and leaves the previous
output untouched."""
import contextlib
import os

from mlpipe_spark.hadoop import join


def staging_path_for(final_uri, run_id):
    """A fresh hidden sibling of `final_uri`: <parent>/.<name>.tmp-<run_id>-<random>."""
    parent, name = final_uri.rstrip("/").rsplit("/", 1)
    return f"{parent}/.{name}.tmp-{run_id}-{os.urandom(4).hex()}"


def commit_directory(fs, staging, final):
    """Publishes the complete `staging` directory as `final`, replacing an existing `final`."""
    if fs.exists(final):
        old = staging_path_for(final, "old")
        if not fs.rename(final, old):
            raise OSError(f"cannot move the previous output {final} aside")
        if not fs.rename(staging, final):
            fs.rename(old, final)
            raise OSError(f"cannot rename {staging} to {final}")
        fs.delete(old)
    else:
        fs.mkdirs(final.rstrip("/").rsplit("/", 1)[0])
        if not fs.rename(staging, final):
            raise OSError(f"cannot rename {staging} to {final}: it was created meanwhile")
    fs.write_text(join(final, "_SUCCESS"), "")


@contextlib.contextmanager
def staged_directory(fs, final, run_id):
    """Yields a staging URI to write into; commits it onto `final` on success, removes it on error."""
    staging = staging_path_for(final, run_id)
    try:
        yield staging
        commit_directory(fs, staging, final)
    except BaseException:
        fs.delete(staging)
        raise
