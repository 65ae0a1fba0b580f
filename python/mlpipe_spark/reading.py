"""Reading a job's input on Spark exactly as the engine's local reader reads it (engine/io): an input
is a file or a directory of part files (names starting with '_' or '.' skipped) in name order; CSV
is parsed by the engine with the column types it infers locally, Parquet is read by Spark.

Rows can be tagged with their global position in that order (gid) and, for the data_processing
split, with their train/validation side: a first pass counts rows per file split (and per split
group), the driver turns the counts into offsets and the engine's split assignment
(engine.validation_by_rank), a second pass tags each row. Sorting by gid then gives partitions in
input order, which the feature pipeline's dedupe, the training hold-out and row numbers rely on.

CSV limits on Spark: records must not span lines (quoted line breaks), and every file of a
directory must have the first file's header."""
import collections
import os

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from pyspark.sql import functions as F
from pyspark.sql.pandas.types import from_arrow_schema, to_arrow_schema

from mlpipe_spark import engine
from mlpipe_spark.hadoop import join

FILE = "__mlpipe_file"
BLOCK = "__mlpipe_block"
GID = "__mlpipe_gid"
VALIDATION = "__mlpipe_validation"
ORDER = "__mlpipe_order"

LINEAGE_FILE = "_mlpipe_pipeline.json"  # engine/jobs/lineage.h: written by data_processing

TABLE_INFER_BYTES = 64 << 20   # ReadTable infers CSV types from files up to 64 MiB whole
STREAM_INFER_BYTES = 4 << 20   # BatchReader infers from a 4 MiB prefix


def spark_schema(arrow_schema):
    return from_arrow_schema(arrow_schema, prefer_timestamp_ntz=True)


def lineage_text(fs, path):
    """The lineage JSON of dataset directory `path`, or None (a plain file or foreign data)."""
    lineage = join(path, LINEAGE_FILE)
    if fs.is_dir(path) and fs.exists(lineage):
        return fs.read_text(lineage)
    return None


class InputFormat:
    """What executors need to turn a partition into engine batches (picklable)."""

    def __init__(self, fmt, schema, header=None, na_values=None):
        self.format = fmt
        self.schema = schema
        self.header = header
        self.na_values = na_values  # CSV cells read as missing; None: the engine's default list


def resolve_files(fs, uri, input_format):
    """([file URIs in name order], 'csv' | 'parquet'): the local reader's rule
    (engine.select_input_files) on the listing of `uri`."""
    if not fs.exists(uri):
        raise FileNotFoundError(f"input path '{uri}' does not exist")
    listing = [(name, not is_dir) for name, is_dir, _ in fs.list(uri)] if fs.is_dir(uri) else None
    return engine.select_input_files(uri, listing, input_format)


class Input:
    """A job input opened on the driver: its files, format, Arrow schema and raw DataFrame."""

    def __init__(self, spark, fs, uri, input_format="auto", column_types=None, infer_bytes=TABLE_INFER_BYTES,
                 na_values=None):
        self.spark = spark
        self.uri = uri
        self.files, fmt = resolve_files(fs, uri, input_format)
        meta = [F.col("_metadata.file_path").alias(FILE), F.col("_metadata.file_block_start").alias(BLOCK)]
        if fmt == "csv":
            # One byte more than the engine looks at, so it cuts the prefix at a line end as locally.
            local = os.path.join(fs.local_temp_dir(), "prefix.csv")
            fs.download_prefix(self.files[0], local, infer_bytes + 1)
            na = {} if na_values is None else {"na_values": list(na_values)}
            schema = engine.infer_csv_schema(local, column_types, infer_bytes, **na)
            with open(local, "rb") as f:
                header = f.readline().decode("utf-8").rstrip("\r\n")
            self.format = InputFormat("csv", schema, header, na_values)
            self.raw = spark.read.text(self.files).select("value", *meta)
        else:
            df = spark.read.parquet(*self.files)
            self.format = InputFormat("parquet", to_arrow_schema(df.schema), None)
            self.raw = df.select(*df.columns, *meta)

    @property
    def schema(self):
        return self.format.schema

    def empty_batch(self):
        return pa.RecordBatch.from_pylist([], schema=self.schema)

    @staticmethod
    def empty_of(df):
        """A batch with no rows and the Arrow schema of DataFrame `df`."""
        return pa.RecordBatch.from_pylist([], schema=to_arrow_schema(df.schema))

    def data(self):
        """The input as engine-typed data columns (no order guarantee across partitions)."""
        fmt = self.format

        def parse(batches):
            for _, _, data in parsed_runs(fmt, batches):
                yield data
        return self.raw.mapInArrow(parse, spark_schema(fmt.schema))

    def ordered(self, split_key=None, split=None, check_classes=None):
        """The input sorted into local reading order with a dense GID column (0 .. rows-1).

        With `split_key` (a column whose engine split group keys stratify) and `split` ((test_size,
        seed)), also a VALIDATION column: the local train/validation split; `check_classes`, when given,
        is called with {group key: rows} before anything is tagged. Returns (DataFrame, rows)."""
        fmt = self.format
        counts = self.raw.mapInArrow(_counter(fmt, split_key),
                                     f"{FILE} string, {BLOCK} long, key binary, n long").collect()
        plan = OrderPlan(counts, split)
        if check_classes is not None:
            check_classes(dict(plan.totals))
        shipped = self.spark.sparkContext.broadcast(plan)
        schema = fmt.schema.append(pa.field(GID, pa.int64(), nullable=False))
        if split is not None:
            schema = schema.append(pa.field(VALIDATION, pa.bool_(), nullable=False))
        tagged = self.raw.mapInArrow(_tagger(fmt, split_key, shipped, split is not None), spark_schema(schema))
        return tagged.orderBy(GID), plan.rows


def _runs(batch):
    """[(file, block, start, end)] of the runs of rows from one file split, in order."""
    n = batch.num_rows
    if n == 0:
        return []
    files = np.asarray(batch.column(FILE).to_pylist(), dtype=object)
    blocks = batch.column(BLOCK).to_numpy(zero_copy_only=False)
    change = np.flatnonzero((files[1:] != files[:-1]) | (blocks[1:] != blocks[:-1])) + 1
    bounds = [0, *change.tolist(), n]
    return [(files[s], int(blocks[s]), s, e) for s, e in zip(bounds[:-1], bounds[1:])]


def parsed_runs(fmt, batches):
    """(file, block, engine batch) for the runs of one partition's rows, in order. CSV lines are
    parsed by the engine; each file's header line and empty lines are dropped, as the CSV reader
    drops them."""
    headers_seen = set()
    for batch in batches:
        for file, block, start, end in _runs(batch):
            part = batch.slice(start, end - start)
            if fmt.format != "csv":
                yield file, block, part.drop_columns([FILE, BLOCK])
                continue
            lines = part.column("value")
            lines = lines.filter(pc.not_equal(pc.utf8_length(lines), 0))
            if block == 0 and file not in headers_seen and len(lines) > 0:
                headers_seen.add(file)
                if lines[0].as_py() != fmt.header:
                    raise ValueError(f"'{file}' has header '{lines[0].as_py()}' but the input's first file has "
                                     f"'{fmt.header}'; all parts of a CSV input must share one header")
                lines = lines.slice(1)
            na = {} if fmt.na_values is None else {"na_values": list(fmt.na_values)}
            yield file, block, engine.parse_csv_lines(fmt.header, lines, fmt.schema, **na)


def _group_keys(data, split_key):
    if split_key is None:
        return None
    return np.asarray(engine.split_group_keys(data.column(split_key)).to_pylist(), dtype=object)


def _counter(fmt, split_key):
    def count(batches):
        counts = collections.Counter()
        for file, block, data in parsed_runs(fmt, batches):
            keys = _group_keys(data, split_key)
            if keys is None:
                counts[(file, block, b"")] += data.num_rows
            else:
                for key, n in zip(*np.unique(keys, return_counts=True)):
                    counts[(file, block, key)] += int(n)
        if counts:
            (files, blocks, keys), ns = zip(*counts.keys()), list(counts.values())
            yield pa.RecordBatch.from_pydict({FILE: list(files), BLOCK: list(blocks), "key": list(keys), "n": ns})
    return count


class OrderPlan:
    """Offsets of every file split in input order and, for a split, the validation flag by rank of
    each split group (shipped to executors)."""

    def __init__(self, counts, split):
        by_segment = collections.defaultdict(dict)
        for row in counts:
            key = bytes(row["key"])
            segment = (row[FILE], row[BLOCK])
            by_segment[segment][key] = by_segment[segment].get(key, 0) + row["n"]
        self.segment_base = {}
        self.key_base = {}
        totals = collections.Counter()
        rows = 0
        for segment in sorted(by_segment):  # file URIs of one input sort like their names
            self.segment_base[segment] = rows
            for key, n in sorted(by_segment[segment].items()):
                self.key_base[(segment, key)] = totals[key]
                totals[key] += n
                rows += n
        self.rows = rows
        self.totals = totals
        self.flags = {}
        if split is not None:
            keys = sorted(totals)
            test_size, seed = split
            for key, flags in zip(keys, engine.validation_by_rank([totals[k] for k in keys], test_size, seed)):
                self.flags[key] = np.frombuffer(flags, dtype=np.bool_)


def _tagger(fmt, split_key, shipped, with_split):
    def tag(batches):
        plan = shipped.value
        seen = collections.Counter()
        for file, block, data in parsed_runs(fmt, batches):
            segment = (file, block)
            n = data.num_rows
            start = plan.segment_base[segment] + seen[segment]
            seen[segment] += n
            out = data.append_column(pa.field(GID, pa.int64(), nullable=False),
                                     pa.array(np.arange(start, start + n, dtype=np.int64)))
            if with_split:
                keys = _group_keys(data, split_key) if split_key else np.full(n, b"", dtype=object)
                validation = np.zeros(n, dtype=np.bool_)
                for key in np.unique(keys) if n else []:
                    rows = np.flatnonzero(keys == key)
                    first = plan.key_base[(segment, key)] + seen[(segment, key)]
                    seen[(segment, key)] += len(rows)
                    validation[rows] = plan.flags[key][first:first + len(rows)]
                out = out.append_column(pa.field(VALIDATION, pa.bool_(), nullable=False), pa.array(validation))
            yield out
    return tag


def number_columns_read_as_text(df, source):
    """The local reader's warnings about number columns read as text (engine/io/column_warnings.h)
    for `df` (data columns plus GID, as `Input.ordered` gives it): each partition is counted where
    it lives, the counts are merged on the driver. `source` names the input in the messages."""
    schema = to_arrow_schema(df.schema)
    text = [f.name for f in schema if f.name != GID and (pa.types.is_string(f.type) or pa.types.is_large_string(f.type))]
    if not text:
        return []

    def census(batches):
        parts = []
        for b in batches:
            if b.num_rows == 0:
                continue
            gids = b.column(GID).to_numpy()
            rows = b.select(text)
            starts = [0, *(np.flatnonzero(np.diff(gids) != 1) + 1).tolist()]  # runs of consecutive rows
            for start, end in zip(starts, starts[1:] + [b.num_rows]):
                parts.append(engine.text_column_census(rows.slice(start, end - start), int(gids[start])))
        if parts:
            yield pa.RecordBatch.from_pydict({"census": [engine.merge_text_column_censuses(parts)]})
    parts = [bytes(r["census"]) for r in df.select(*text, GID).mapInArrow(census, "census binary").collect()]
    return engine.number_columns_read_as_text(engine.merge_text_column_censuses(parts), source)
