"""Writing a run's outputs: staged, validated, then published in one swap.

A run writes every table into a staging folder beside the output folder,
streaming batch by batch (memory stays flat as the corpus grows), builds the
DuckDB warehouse and the manifest there, validates the tables, and only
then exchanges the staging folder with the published one.  On Linux the
exchange is a single ``renameat2(RENAME_EXCHANGE)`` call, so readers see
either the old or the new outputs, never a mix; an interrupted run leaves the
previous outputs untouched and its staging folder is removed by the next run.
"""
from __future__ import annotations

import ctypes
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from .outputs_lock import swap_lock
from .tables import TABLE_NAMES, arrow_schema, to_arrow
from .validate import SchemaViolation, validate_table

# Files a run writes; everything else in the output folder belongs to people
# or other tools (review decisions, bench.json, .gitkeep …) and is carried
# over to the new folder at every publication.
RUN_FILES = frozenset({*(f"{name}.parquet" for name in TABLE_NAMES), "warehouse.duckdb",
                       "warehouse.duckdb.wal", "manifest.json", "report.html"})
STAGING_PREFIX = ".{name}.staging-"
OLD_PREFIX = ".{name}.old-"


def staging_dir_for(output_dir: Path, run_id: str) -> Path:
    output_dir = output_dir.resolve()
    return output_dir.parent / (STAGING_PREFIX.format(name=output_dir.name) + run_id)


def remove_stale(output_dir: Path) -> list[Path]:
    """Delete staging/old folders of runs that died (call under the run lock)."""
    output_dir = output_dir.resolve()
    removed = []
    if not output_dir.parent.is_dir():
        return removed
    staging_prefix = STAGING_PREFIX.format(name=output_dir.name)
    old_prefix = OLD_PREFIX.format(name=output_dir.name)
    olds = sorted((e for e in output_dir.parent.iterdir() if e.is_dir() and e.name.startswith(old_prefix)),
                  key=lambda e: e.stat().st_mtime_ns)
    if olds and not output_dir.exists():
        # Killed inside the fallback publication (no renameat2), between
        # moving the outputs aside and moving the new ones in: the folder
        # moved aside is the last published one, so it comes back.
        os.replace(olds.pop(), output_dir)
    for entry in output_dir.parent.iterdir():
        if entry.is_dir() and entry.name.startswith(staging_prefix):
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
    for entry in olds:
        shutil.rmtree(entry, ignore_errors=True)
        removed.append(entry)
    return removed


class TableWriter:
    """Streams rows of every contract table into Parquet files in a folder.

    Small writes (a batch of 32 documents, a slice of reused rows) are held
    until a table has ``GROUP_ROWS`` rows or ``GROUP_BYTES`` bytes pending, so
    files get a few large row groups instead of one per batch: readers scan
    them faster and the next run's copy of reused rows is cheaper.
    """

    GROUP_ROWS = 131_072
    GROUP_BYTES = 8 * 2**20     # per table, in the flow process: 6 tables hold at most ~50 MB

    def __init__(self, folder: Path):
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self._writers: dict[str, pq.ParquetWriter] = {
            name: pq.ParquetWriter(folder / f"{name}.parquet", arrow_schema(name), compression="zstd")
            for name in TABLE_NAMES
        }
        self._pending: dict[str, list[pa.Table]] = {name: [] for name in TABLE_NAMES}
        self._pending_size: dict[str, tuple[int, int]] = {name: (0, 0) for name in TABLE_NAMES}  # rows, bytes
        self.counts: dict[str, int] = {name: 0 for name in TABLE_NAMES}

    def write_rows(self, table: str, rows: list[dict]) -> None:
        """New rows: checked against the contract, then written."""
        if rows:
            try:
                data = to_arrow(table, rows)
            except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
                raise SchemaViolation(f"{table}: a value has the wrong type: {exc}") from None
            validate_table(table, data)
            self.write_table(table, data)

    def write_table(self, table: str, data: pa.Table) -> None:
        if data.num_rows:
            self._pending[table].append(data)
            self.counts[table] += data.num_rows
            rows, size = self._pending_size[table]
            rows, size = rows + data.num_rows, size + data.nbytes
            self._pending_size[table] = (rows, size)
            if rows >= self.GROUP_ROWS or size >= self.GROUP_BYTES:
                self._flush(table)

    def _flush(self, table: str) -> None:
        if self._pending[table]:
            self._writers[table].write_table(pa.concat_tables(self._pending[table]),
                                             row_group_size=self.GROUP_ROWS)
            self._pending[table] = []
            self._pending_size[table] = (0, 0)

    def close(self) -> None:
        for name, w in self._writers.items():
            self._flush(name)
            w.close()


@dataclass(frozen=True)
class PreviousDocument:
    content_sha256: str | None
    size_bytes: int
    mtime_ns: int
    cache_key: str | None
    status: str


def read_previous(output_dir: Path) -> dict[str, PreviousDocument]:
    """What the last published run knew of each document (for reuse)."""
    path = output_dir / "documents.parquet"
    if not path.is_file():
        return {}
    try:
        cols = ["doc_id", "content_sha256", "size_bytes", "mtime_ns", "cache_key", "status"]
        table = pq.read_table(path, columns=cols)
    except Exception:
        return {}  # an unreadable or older-format table means: reprocess everything
    out = {}
    for row in table.to_pylist():
        out[row["doc_id"]] = PreviousDocument(row["content_sha256"], row["size_bytes"] or 0,
                                              row["mtime_ns"] or 0, row["cache_key"], row["status"])
    return out


def copy_reused(previous_dir: Path, doc_ids, writer: TableWriter) -> None:
    """Stream the rows of reused documents from the previous outputs."""
    if not doc_ids:
        return
    id_array = pa.array(sorted(doc_ids), pa.string())
    for table in TABLE_NAMES:
        path = previous_dir / f"{table}.parquet"
        if not path.is_file():
            continue
        schema = arrow_schema(table)
        dataset = ds.dataset(path, format="parquet")
        same = dataset.schema.remove_metadata().equals(schema.remove_metadata())
        for batch in dataset.to_batches(filter=pc.field("doc_id").isin(id_array), batch_size=65_536):
            data = pa.Table.from_batches([batch])
            if not same:
                # Older outputs may lack columns added since: fill them with nulls.
                data = pa.Table.from_arrays([data.column(f.name).cast(f.type) if f.name in data.column_names
                                             else pa.nulls(data.num_rows, f.type) for f in schema], schema=schema)
            writer.write_table(table, data)


def link_unchanged(previous_dir: Path, staging: Path) -> dict[str, int] | None:
    """The previous tables, hard-linked into ``staging`` when nothing changed; row counts.

    Copying every reused row only to write the same tables again was most of
    an unchanged nightly run. Links are safe because published files are
    never modified in place (each run writes new files and swaps folders).
    None (and nothing linked) if a table is missing or has another schema
    than the contract's (outputs of an older version): copy the rows then.
    """
    counts: dict[str, int] = {}
    for table in TABLE_NAMES:
        path = previous_dir / f"{table}.parquet"
        try:
            meta = pq.read_metadata(path)
            same = meta.schema.to_arrow_schema().remove_metadata().equals(arrow_schema(table).remove_metadata())
        except (OSError, pa.ArrowException):
            return None
        if not same:
            return None
        counts[table] = meta.num_rows
    staging.mkdir(parents=True, exist_ok=True)
    for table in TABLE_NAMES:
        _carry_over(previous_dir / f"{table}.parquet", staging / f"{table}.parquet")
    return counts


def write_manifest(folder: Path, manifest: dict) -> None:
    (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2, default=str), encoding="utf-8")


# --- publication -----------------------------------------------------------

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2); False if unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return False
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    rc = fn(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return rc == 0


def _carry_over(src: Path, dst: Path) -> None:
    """Give ``dst`` the content of ``src`` without ever removing ``src``.

    A hard link (a copy across file systems), not a move: a run killed
    between this and the exchange must leave the decisions in the published
    folder, not in a staging folder that the next run deletes.
    """
    if dst.exists():
        dst.unlink()
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def publish(staging: Path, output_dir: Path) -> None:
    """Make ``staging`` the output folder, carrying people's files (reviews…) over."""
    output_dir = output_dir.resolve()
    with swap_lock(output_dir):
        if not output_dir.exists():
            os.replace(staging, output_dir)
            return
        for entry in sorted(output_dir.iterdir()):
            if entry.name in RUN_FILES or (staging / entry.name).exists():
                continue
            if entry.is_dir() and not entry.is_symlink():
                # Folders cannot be hard-linked: a copy keeps the published
                # one intact until the exchange.
                shutil.copytree(entry, staging / entry.name, symlinks=True)
            else:
                _carry_over(entry, staging / entry.name)
        if not _exchange(staging, output_dir):
            old = output_dir.parent / (OLD_PREFIX.format(name=output_dir.name) + staging.name.rsplit("-", 1)[-1])
            os.replace(output_dir, old)  # brief window without outputs on systems without renameat2
            os.replace(staging, output_dir)
            staging = old
    shutil.rmtree(staging, ignore_errors=True)  # now holds the previous outputs
