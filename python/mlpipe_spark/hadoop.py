"""Files on HDFS (or any Hadoop filesystem, file:// included) through the JVM's Hadoop FileSystem
of the running SparkSession: the driver's way to read configs and models and to commit outputs.
Paths are URIs as written in the job config. Transfers go through local temporary files, copied by
the JVM, so no file content crosses the Py4J bridge."""
import os
import shutil
import tempfile


class HadoopFS:
    def __init__(self, spark):
        self._jvm = spark._jvm
        self._gateway = spark.sparkContext._gateway
        self._conf = spark._jsc.hadoopConfiguration()
        self._local_dirs = []

    def _path(self, uri):
        return self._jvm.org.apache.hadoop.fs.Path(uri)

    def _fs(self, path):
        return path.getFileSystem(self._conf)

    def exists(self, uri):
        p = self._path(uri)
        return self._fs(p).exists(p)

    def is_dir(self, uri):
        p = self._path(uri)
        fs = self._fs(p)
        return fs.exists(p) and fs.getFileStatus(p).isDirectory()

    def qualify(self, uri):
        """The fully qualified URI (scheme and authority filled in from the default filesystem)."""
        p = self._path(uri)
        return self._fs(p).makeQualified(p).toString()

    def list(self, uri):
        """[(name, is_dir, size)] of the entries of directory `uri`, sorted by name."""
        p = self._path(uri)
        entries = [(s.getPath().getName(), s.isDirectory(), s.getLen()) for s in self._fs(p).listStatus(p)]
        return sorted(entries)

    def mkdirs(self, uri):
        p = self._path(uri)
        if not self._fs(p).mkdirs(p):
            raise OSError(f"cannot create directory {uri}")

    def delete(self, uri, recursive=True):
        """Removes `uri`; False when it was not there or (not recursive) is a non-empty directory."""
        p = self._path(uri)
        try:
            return bool(self._fs(p).delete(p, recursive))
        except Exception:  # PathIsNotEmptyDirectoryException and the like, through Py4J
            return False

    def rename(self, src, dst):
        """Moves `src` to `dst`; False, changing nothing, when `dst` exists. FileContext.rename with
        Rename.NONE checks and moves in one NameNode call on HDFS, where FileSystem.rename would move
        `src` into a directory another process created at `dst` after a check. Other failures
        raise."""
        s, d = self._path(src), self._path(dst)
        fs_pkg = self._jvm.org.apache.hadoop.fs
        rename_option = getattr(fs_pkg, "Options$Rename")  # a nested Java enum
        options = self._gateway.new_array(rename_option, 1)
        options[0] = rename_option.NONE
        try:
            fs_pkg.FileContext.getFileContext(d.toUri(), self._conf).rename(s, d, options)
        except Exception as e:  # Py4JJavaError
            java = getattr(e, "java_exception", None)
            if java is not None and java.getClass().getName().endswith("FileAlreadyExistsException"):
                return False
            raise
        return True

    def local_temp_dir(self):
        """A fresh local directory, removed by cleanup()."""
        d = tempfile.mkdtemp(prefix="mlpipe-spark-")
        self._local_dirs.append(d)
        return d

    def cleanup(self):
        for d in self._local_dirs:
            shutil.rmtree(d, ignore_errors=True)
        self._local_dirs = []

    def download(self, uri, local_path):
        """Copies file or directory `uri` to `local_path` (no .crc side files)."""
        p = self._path(uri)
        self._fs(p).copyToLocalFile(False, p, self._path(f"file://{os.path.abspath(local_path)}"), True)
        return local_path

    def download_prefix(self, uri, local_path, max_bytes):
        """The first `max_bytes` bytes of file `uri` into `local_path`."""
        p = self._path(uri)
        stream = self._fs(p).open(p)
        out = self._jvm.java.io.FileOutputStream(os.path.abspath(local_path))
        length = min(max_bytes, self._fs(p).getFileStatus(p).getLen())
        self._jvm.org.apache.hadoop.io.IOUtils.copyBytes(stream, out, length, True)
        return local_path

    def upload(self, local_path, uri):
        """Copies local file or directory `local_path` to `uri` (which must not exist)."""
        self._fs(self._path(uri)).copyFromLocalFile(False, False, self._path(f"file://{os.path.abspath(local_path)}"),
                                                    self._path(uri))

    def read_text(self, uri):
        local = os.path.join(self.local_temp_dir(), "file")
        self.download(uri, local)
        with open(local, encoding="utf-8") as f:
            return f.read()

    def read_bytes(self, uri):
        local = os.path.join(self.local_temp_dir(), "file")
        self.download(uri, local)
        with open(local, "rb") as f:
            return f.read()

    def write_text(self, uri, text):
        """Writes `uri` atomically: a hidden sibling is written, then renamed over `uri`."""
        local = os.path.join(self.local_temp_dir(), "file")
        with open(local, "w", encoding="utf-8") as f:
            f.write(text)
        parent, name = uri.rstrip("/").rsplit("/", 1)
        self.mkdirs(parent)
        tmp = f"{parent}/.{name}.tmp-{os.getpid()}-{os.urandom(4).hex()}"
        self.upload(local, tmp)
        if self.exists(uri):
            self.delete(uri)
        if not self.rename(tmp, uri):
            self.delete(tmp)
            raise OSError(f"cannot write {uri}: another writer created it at the same time")


def join(base, *parts):
    return "/".join([base.rstrip("/")] + [p.strip("/") for p in parts])
