"""The model repository (models/<name>/v<N>/ + `latest`, engine/models/model_repo.h) on a Hadoop
filesystem: resolving a version with the engine's rules, loading a bundle's files, publishing a new
version. Publishing renames a complete staging directory to the next free v<N> (HDFS renames never
replace an existing path, so concurrent trainings get distinct versions and none is overwritten),
then moves `latest` forward."""
import os

from mlpipe_spark import engine
from mlpipe_spark.commit import move_latest_forward
from mlpipe_spark.hadoop import join
from mlpipe_spark.test_seam import die_if_test_seam

MODEL_FILES = ("model.ubj", "pipeline.json", "metadata.json")


def published_versions(fs, models_dir, name):
    model_dir = join(models_dir, name)
    if not fs.is_dir(model_dir):
        names = [n for n, is_dir, _ in fs.list(models_dir) if is_dir and not n.startswith(".")] \
            if fs.is_dir(models_dir) else []
        raise FileNotFoundError(f"model '{name}' not found in {models_dir}; available models: "
                                f"{', '.join(names) if names else '(none)'}")
    versions = []
    for entry, is_dir, _ in fs.list(model_dir):
        v = engine.version_from_dir_name(entry)
        if is_dir and v is not None:
            versions.append(v)
    return sorted(versions)


def resolve(fs, models_dir, name, requested):
    """The version number `requested` ("" / "latest" / "3" / "v3") names."""
    versions = published_versions(fs, models_dir, name)
    latest_uri = join(models_dir, name, "latest")
    latest = fs.read_text(latest_uri) if fs.exists(latest_uri) else None
    return engine.choose_version(name, versions, latest, requested, models_dir)


class BundleFiles:
    """The contents of a model version's files, small enough to broadcast to executors."""

    def __init__(self, name, version, uri, contents):
        self.name = name
        self.version = version
        self.uri = uri
        self.contents = contents
        self.token = os.urandom(8).hex()  # identifies this load across pickling

    def load(self):
        return engine.ModelBundle.from_contents(self.name, self.version, self.uri, self.contents["model.ubj"],
                                                self.contents["pipeline.json"].decode("utf-8"),
                                                self.contents["metadata.json"].decode("utf-8"))


def load_files(fs, models_dir, name, requested):
    version = resolve(fs, models_dir, name, requested)
    uri = join(models_dir, name, engine.version_dir_name(version))
    return BundleFiles(name, version, uri, {f: fs.read_bytes(join(uri, f)) for f in MODEL_FILES})


_loaded = {}


def bundle_on_executor(shipped):
    """The engine bundle of a broadcast BundleFiles, loaded once per Python worker."""
    files = shipped.value
    if files.token not in _loaded:
        _loaded.clear()
        _loaded[files.token] = files.load()
    return _loaded[files.token]


def publish(fs, models_dir, name, local_dir, run_id):
    """Uploads the complete model version in `local_dir` as the next version of `name`; returns
    (version, URI). The `latest` pointer only moves forward."""
    model_dir = join(models_dir, name)
    fs.mkdirs(model_dir)
    staging = join(model_dir, f".staging-{run_id}-{os.urandom(4).hex()}")
    try:
        fs.upload(local_dir, staging)
        die_if_test_seam("staged")
        existing = published_versions(fs, models_dir, name)
        version = (existing[-1] if existing else 0) + 1
        while not fs.rename(staging, join(model_dir, engine.version_dir_name(version))):
            version += 1  # a concurrent training took this version: try the next
    except BaseException:
        fs.delete(staging)
        raise
    die_if_test_seam("published")
    move_latest_forward(fs, model_dir, version)
    return version, join(model_dir, engine.version_dir_name(version))

