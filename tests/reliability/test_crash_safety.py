"""``kill -9`` at any moment of a run loses nothing.

A run is killed (SIGKILL, no chance to clean up) early, while batches are
being processed, while the warehouse is half written, just before and just
after the folder swap.  Each time the published outputs must be complete and
readable (every Parquet file, the warehouse, the manifest), belong to one run
(the previous one, or the killed one if it got past the swap), and keep the
analysts' review decisions; the lock must not outlive the killed run; and
the next run must complete normally and clean up the leftovers.

Moments inside the warehouse build and the swap are reached with test-only
pauses (tests/reliability/hooks, loaded only into these subprocesses).
"""
from __future__ import annotations

import json
import os
import signal
import threading
import time
from pathlib import Path

import duckdb
import psutil
import pyarrow.parquet as pq
import pytest

from pipeline.tables import TABLE_NAMES
from tests.reliability.corpusgen import write_corpus

N_DOCS = 40
RUN_ARGS = ("--stages", "indicators", "--workers", "2", "--batch-size", "4")
# The sequential runner starts faster; the process pool is used where workers matter.
SEQUENTIAL, LOCAL = ("--runner", "sequential"), ("--runner", "local")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def published(tmp_path_factory, cli):
    base = tmp_path_factory.mktemp("crash")
    corpus, out = base / "corpus", base / "out"
    write_corpus(corpus, N_DOCS, extra={"broken.txt": "\x00" * 50})
    first = cli("run", "--input", corpus, "--output", out, *RUN_ARGS, *SEQUENTIAL, "--no-progress")
    assert first.returncode == 0, first.stderr[-3000:]
    con = duckdb.connect(str(out / "reviews.duckdb"))
    con.execute("create table decisions(indicator_id varchar, verdict varchar)")
    con.execute("insert into decisions values ('abc', 'accepted')")
    con.close()
    return base, corpus, out


def check_outputs(out: Path) -> dict:
    """Everything published is readable and consistent; returns the manifest."""
    manifest = json.loads((out / "manifest.json").read_text())
    tables = {name: pq.read_table(out / f"{name}.parquet") for name in TABLE_NAMES}
    docs = tables["documents"].to_pandas()
    assert len(docs) == manifest["counts"]["documents"] == N_DOCS + 1
    assert set(docs.run_id) <= {manifest["run_id"]} | set(docs.run_id)  # reused rows keep older ids
    for name, table in tables.items():
        assert table.num_rows == manifest["counts"]["rows"][name], name
    con = duckdb.connect(str(out / "warehouse.duckdb"), read_only=True)
    try:
        for name in TABLE_NAMES:
            assert con.execute(f'select count(*) from "{name}"').fetchone()[0] == tables[name].num_rows, name
    finally:
        con.close()
    reviews = duckdb.connect(str(out / "reviews.duckdb"), read_only=True)
    try:
        assert reviews.execute("select verdict from decisions where indicator_id = 'abc'").fetchone() == ("accepted",)
    finally:
        reviews.close()
    return manifest


class Watch:
    """Collects a subprocess's stderr lines in the background."""

    def __init__(self, proc):
        self.lines: list[str] = []
        self._t = threading.Thread(target=self._read, args=(proc,), daemon=True)
        self._t.start()

    def _read(self, proc):
        for line in proc.stderr:
            self.lines.append(line)

    def seen(self, text: str) -> bool:
        return any(text in line for line in self.lines)


def session_processes(sid: int) -> list[psutil.Process]:
    alive = []
    for proc in psutil.process_iter():
        try:
            if os.getsid(proc.pid) == sid and proc.status() != psutil.STATUS_ZOMBIE:
                alive.append(proc)
        except (ProcessLookupError, PermissionError, psutil.Error):
            continue
    return alive


def kill_run_when(cli, corpus: Path, out: Path, moment, faults: str | None, runner: tuple) -> str:
    # Pauses only need to outlast the watcher's reaction (it polls every 20 ms).
    proc = cli("run", "--input", corpus, "--output", out, *RUN_ARGS, *runner, "--full", faults=faults, popen=True,
               env={"AV_FAULT_PAUSE": "3"})
    watch = Watch(proc)
    deadline = time.monotonic() + 240
    try:
        while not moment(watch):
            if proc.poll() is not None:
                pytest.fail(f"run ended (status {proc.returncode}) before the moment:\n{''.join(watch.lines)[-3000:]}")
            if time.monotonic() > deadline:
                pytest.fail("the moment never came:\n" + "".join(watch.lines)[-3000:])
            time.sleep(0.02)
        os.kill(proc.pid, signal.SIGKILL)  # the run's main process only, like the OOM killer
        proc.wait(timeout=30)
        # Its pool workers notice and exit by themselves (pipeline/orphans.py).
        deadline = time.monotonic() + 15
        while session_processes(proc.pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not session_processes(proc.pid), [p.cmdline() for p in session_processes(proc.pid)]
        return "".join(watch.lines)
    finally:
        try:  # never leave our processes behind, even when the test fails
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait()


def staging_exists(out: Path):
    return lambda watch: any(p.name.startswith(f".{out.name}.staging-") for p in out.parent.iterdir())


MOMENTS = {
    # name: (faults, runner, moment predicate builder, whether the killed run got published)
    "early": (None, SEQUENTIAL, staging_exists, False),
    "processing": ("slow-docs", LOCAL, lambda out: lambda w: w.seen("[analysing] documents"), False),
    "warehouse": ("pause-views", SEQUENTIAL, lambda out: lambda w: w.seen("[fault] views"), False),
    "before-swap": ("pause-exchange", SEQUENTIAL, lambda out: lambda w: w.seen("[fault] exchange-before"), False),
    "after-swap": ("pause-exchange", SEQUENTIAL, lambda out: lambda w: w.seen("[fault] exchange-after"), True),
}


@pytest.mark.parametrize("moment", list(MOMENTS))
def test_kill_leaves_published_outputs_intact(published, cli, moment):
    _, corpus, out = published
    before = check_outputs(out)
    faults, runner, predicate, publishes = MOMENTS[moment]
    log = kill_run_when(cli, corpus, out, predicate(out), faults, runner)
    after = check_outputs(out)
    if publishes:
        assert after["run_id"] != before["run_id"], log[-2000:]
        assert after["counts"]["processed"] == N_DOCS + 1
    else:
        assert after["run_id"] == before["run_id"], log[-2000:]
        assert after == before


def test_next_run_completes_and_cleans_up(published, cli):
    _, corpus, out = published
    leftovers = [p for p in out.parent.iterdir() if p.name.startswith(f".{out.name}.") and p.is_dir()]
    run = cli("run", "--input", corpus, "--output", out, *RUN_ARGS, *LOCAL, "--no-progress")
    assert run.returncode == 0, run.stderr[-3000:]
    manifest = check_outputs(out)
    assert manifest["counts"]["ok"] == N_DOCS and manifest["counts"]["failed"] == 1
    assert not [p for p in out.parent.iterdir() if p.name.startswith(f".{out.name}.") and p.is_dir()], leftovers
