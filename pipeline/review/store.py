"""Analysts' review decisions, stored apart from the run outputs.

``<output>/reviews.duckdb`` — the file the run carries into each new output
folder (everything but ``pipeline.outputs.RUN_FILES`` is) and snapshots into the warehouse.
DuckDB rather than SQLite keeps one engine and one file name across the
project; its one cost, that a process writing the file locks out every other
process, is made harmless by short-lived connections (opened per operation,
closed before returning, so the WAL is checkpointed and the store is a single
file between operations) and by retrying briefly when the other side (the run
reading decisions for the warehouse) holds the file.

Every operation holds ``pipeline.outputs_lock.swap_lock(output_dir)``: the run
swaps the whole output folder under that lock, so nothing is written into (or
read from) a folder that is being swapped away.

``review_log`` is the append-only history (this module only ever INSERTs);
``decisions`` is a view of the latest entry per indicator_id. Decisions are
never dropped when their indicator disappears from a later run; callers report
them as orphans.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import json
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from pipeline.review.schema import CORRECTABLE

REVIEW_DB_NAME = "reviews.duckdb"
#: Every file that makes up the store (the WAL only exists while a connection is open).
REVIEW_DB_FILES: tuple[str, ...] = (REVIEW_DB_NAME, REVIEW_DB_NAME + ".wal")
SCHEMA_VERSION = 1
LOCK_RETRY_SECONDS = 30.0

_DDL = """
CREATE TABLE IF NOT EXISTS review_log (
    seq BIGINT PRIMARY KEY,
    indicator_id VARCHAR NOT NULL,
    status VARCHAR NOT NULL CHECK (status IN ('accepted', 'rejected', 'corrected')),
    value DOUBLE, value_high DOUBLE, unit VARCHAR, subject VARCHAR, period VARCHAR,
    qualifier VARCHAR, kind VARCHAR, forecast BOOLEAN,
    corrected_fields VARCHAR[] NOT NULL,
    note VARCHAR,
    reviewer VARCHAR NOT NULL,
    reviewed_at VARCHAR NOT NULL,
    run_id VARCHAR,
    extracted VARCHAR
);
CREATE VIEW IF NOT EXISTS decisions AS
SELECT * FROM review_log
QUALIFY row_number() OVER (PARTITION BY indicator_id ORDER BY seq DESC) = 1;
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
"""
_INSERT_COLS = ("indicator_id", "status", *CORRECTABLE, "corrected_fields", "note",
                "reviewer", "reviewed_at", "run_id", "extracted")
_CASTS = {"value": "DOUBLE", "value_high": "DOUBLE", "forecast": "BOOLEAN",
          "corrected_fields": "VARCHAR[]"}


@dataclass(frozen=True, slots=True)
class Decision:
    """One review decision (a log entry, or the current one for an indicator).

    For ``corrected`` the CORRECTABLE attributes hold the final values (extracted
    values merged with the corrections) and ``corrected_fields`` names the ones
    the analyst changed; for accepted/rejected they hold the extracted values
    seen at review time. ``extracted`` is that snapshot, so an orphaned decision
    still says what it was about.
    """

    indicator_id: str
    status: str
    reviewer: str
    reviewed_at: str
    value: float | None = None
    value_high: float | None = None
    unit: str | None = None
    subject: str | None = None
    period: str | None = None
    qualifier: str | None = None
    kind: str | None = None
    forecast: bool | None = None
    corrected_fields: tuple[str, ...] = ()
    note: str | None = None
    run_id: str | None = None
    extracted: dict[str, Any] = field(default_factory=dict)
    seq: int | None = None

    def to_dict(self) -> dict[str, Any]:
        d = {k: getattr(self, k) for k in self.__slots__}  # type: ignore[attr-defined]
        d["corrected_fields"] = list(self.corrected_fields)
        return d

    @classmethod
    def from_record(cls, rec: Mapping[str, Any]) -> "Decision":
        d = {k: _plain(v) for k, v in rec.items() if k in cls.__dataclass_fields__}
        d["corrected_fields"] = tuple(d.get("corrected_fields") or ())
        d["extracted"] = json.loads(d.get("extracted") or "{}")
        if d.get("forecast") is not None:
            d["forecast"] = bool(d["forecast"])
        return cls(**d)


def _plain(v: Any) -> Any:
    """numpy/pandas scalars and arrays → Python; NaN/NA → None."""
    if isinstance(v, (list, tuple)):
        return [_plain(x) for x in v]
    if hasattr(v, "tolist") and not isinstance(v, str):
        return _plain(v.tolist())
    try:
        if v is None or pd.isna(v):
            return None
    except (TypeError, ValueError):
        pass
    return v.item() if hasattr(v, "item") else v


def _records(cur: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="milliseconds")


@contextlib.contextmanager
def swap_lock(output_dir: Path) -> Iterator[None]:
    """The run's folder-swap lock (imported late: the run owns the module)."""
    from pipeline.outputs_lock import swap_lock as _lock

    with _lock(output_dir):
        yield


def connect_retrying(path: Path, read_only: bool = False,
                     wait: float = LOCK_RETRY_SECONDS) -> duckdb.DuckDBPyConnection:
    """Open a DuckDB file, retrying while another process holds its write lock."""
    deadline = time.monotonic() + wait
    delay = 0.02
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower() or time.monotonic() > deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.5)


class ReviewStore:
    """Decisions for one output folder; stateless apart from its paths."""

    def __init__(self, output_dir: Path | str) -> None:
        self.output_dir = Path(output_dir)
        self.path = self.output_dir / REVIEW_DB_NAME

    @contextlib.contextmanager
    def _connect(self, write: bool) -> Iterator[duckdb.DuckDBPyConnection | None]:
        """Short-lived connection under the swap lock; None when reading a store
        that does not exist yet (reading never creates the file)."""
        with swap_lock(self.output_dir):
            if not write and not self.path.exists():
                yield None
                return
            # always read-write: one process must open a file with one configuration
            con = connect_retrying(self.path)
            try:
                if write:
                    con.execute(_DDL)
                    con.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)",
                                [str(SCHEMA_VERSION)])
                yield con
            finally:
                con.close()

    # -- writes ---------------------------------------------------------------
    def record(
        self,
        indicator_id: str,
        status: str,
        *,
        reviewer: str,
        extracted: Mapping[str, Any] | None = None,
        corrections: Mapping[str, Any] | None = None,
        note: str | None = None,
        run_id: str | None = None,
    ) -> Decision:
        """Append one decision; it becomes the current one for the indicator."""
        return self.record_many(
            [(indicator_id, extracted or {})], status, reviewer=reviewer,
            corrections=corrections, note=note, run_id=run_id,
        )[0]

    def record_many(
        self,
        items: Iterable[tuple[str, Mapping[str, Any]]],
        status: str,
        *,
        reviewer: str,
        corrections: Mapping[str, Any] | None = None,
        note: str | None = None,
        run_id: str | None = None,
        only_pending: bool = False,
    ) -> list[Decision]:
        """Append decisions for (indicator_id, extracted fields) pairs in one
        transaction. With ``only_pending`` ids that already have a decision are
        skipped (bulk accept never overrides a human decision)."""
        corrections = dict(corrections or {})
        unknown = set(corrections) - set(CORRECTABLE)
        if unknown:
            raise ValueError(f"not correctable: {sorted(unknown)}")
        if status not in ("accepted", "rejected", "corrected"):
            raise ValueError(f"unknown status {status!r}")
        if corrections and status != "corrected":
            raise ValueError("corrections need status 'corrected'")
        at = _now()
        items = list(items)
        with self._connect(write=True) as con:
            assert con is not None
            con.execute("BEGIN TRANSACTION")
            try:
                decided = (
                    {r[0] for r in con.execute("SELECT indicator_id FROM decisions").fetchall()}
                    if only_pending else set()
                )
                rows = []
                seen: set[str] = set()
                for indicator_id, extracted in items:
                    if indicator_id in decided or indicator_id in seen:
                        continue
                    seen.add(indicator_id)
                    snap = {k: _plain(v) for k, v in dict(extracted).items()}
                    final = {f: snap.get(f) for f in CORRECTABLE}
                    final.update(corrections)
                    rows.append({
                        "indicator_id": indicator_id, "status": status, **final,
                        "corrected_fields": sorted(corrections), "note": note,
                        "reviewer": reviewer, "reviewed_at": at,
                        "run_id": run_id or snap.get("run_id"),
                        "extracted": json.dumps(snap, ensure_ascii=False, default=str),
                    })
                if not rows:
                    con.execute("COMMIT")
                    return []
                # writers are serialised by the swap lock, so max+1 is race-free
                first = con.execute(
                    "SELECT COALESCE(max(seq), 0) + 1 FROM review_log").fetchall()[0][0]
                df = pd.DataFrame(rows, columns=list(_INSERT_COLS))
                df.insert(0, "seq", range(first, first + len(df)))
                con.register("_new_decisions", df)
                sel = ", ".join(f"CAST({c} AS {_CASTS[c]})" if c in _CASTS else c
                                for c in ("seq", *_INSERT_COLS))
                con.execute(f"INSERT INTO review_log (seq, {', '.join(_INSERT_COLS)}) "
                            f"SELECT {sel} FROM _new_decisions")
                con.unregister("_new_decisions")
                out = _records(con.execute(
                    "SELECT * FROM review_log WHERE seq >= ? ORDER BY seq", [first]))
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
        return [Decision.from_record(r) for r in out]

    # -- reads ----------------------------------------------------------------
    def _query(self, sql: str, params: list[Any] | None = None) -> list[Decision]:
        with self._connect(write=False) as con:
            if con is None:
                return []
            try:
                recs = _records(con.execute(sql, params or []))
            except duckdb.CatalogException:  # file exists but was never initialised
                return []
        return [Decision.from_record(r) for r in recs]

    def current(self) -> dict[str, Decision]:
        """Current decision per indicator_id."""
        return {d.indicator_id: d for d in self._query("SELECT * FROM decisions")}

    def get(self, indicator_id: str) -> Decision | None:
        found = self._query("SELECT * FROM decisions WHERE indicator_id = ?", [indicator_id])
        return found[0] if found else None

    def history(self, indicator_id: str | None = None) -> list[Decision]:
        """The append-only log, oldest first (for one indicator or all)."""
        if indicator_id is None:
            return self._query("SELECT * FROM review_log ORDER BY seq")
        return self._query("SELECT * FROM review_log WHERE indicator_id = ? ORDER BY seq",
                           [indicator_id])

    def orphans(self, present_ids: Iterable[str]) -> list[Decision]:
        """Current decisions whose indicator is not in the given (current) run."""
        present = set(present_ids)
        return sorted((d for i, d in self.current().items() if i not in present),
                      key=lambda d: d.reviewed_at)

