"""Overlapping and crashed runs on one output folder (real processes)."""
from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline.outputs_lock import run_lock

from .conftest import make_corpus, start_run

pytestmark = pytest.mark.slow


def wait_for_staging(out: Path, proc, timeout: float = 120.0) -> Path:
    """The run's staging folder, once it holds the lock and writes rows."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.communicate()[1].decode()
        staging = [p for p in out.parent.iterdir() if p.name.startswith(f".{out.name}.staging-")]
        if staging and (staging[0] / "documents.parquet").exists():
            return staging[0]
        time.sleep(0.05)
    raise AssertionError("the run never started writing")


def doc_count(out: Path) -> int:
    return pq.read_metadata(out / "documents.parquet").num_rows


def finish(procs) -> list[tuple[int, str]]:
    out = []
    for p in procs:
        _, err = p.communicate(timeout=300)
        out.append((p.returncode, err.decode()))
    return out


def test_concurrent_runs_do_not_both_write(tmp_path, run_env):
    corpus = tmp_path / "corpus"
    files = make_corpus(corpus, 4)
    # While another run holds the output folder (here: this test, so the
    # overlap does not depend on timing), a run without --wait exits with 3
    # and writes nothing; a run with --wait waits, then completes.
    out = tmp_path / "out"
    with run_lock(out):
        (rc, err), = finish([start_run(corpus, out, run_env)])
        assert rc == 3 and "another run is writing" in err, err
        assert not out.exists()
        waiting = start_run(corpus, out, run_env, "--wait", "300")
        time.sleep(3)
        assert waiting.poll() is None  # still waiting for the lock
    (rc, err), = finish([waiting])
    assert rc == 0, err
    assert doc_count(out) == len(files)
    # Two runs at once with --wait: the second waits for the first to publish,
    # then finds every document unchanged (had both written at once, both
    # would have processed everything).
    out = tmp_path / "out-wait"
    results = finish([start_run(corpus, out, run_env, "--wait", "300") for _ in range(2)])
    assert [rc for rc, _ in results] == [0, 0], results
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["counts"]["processed"] == 0
    assert manifest["counts"]["reused"] == len(files) == doc_count(out)
    assert not [p for p in tmp_path.iterdir() if ".staging-" in p.name]


def test_killed_run_leaves_no_stale_lock(tmp_path, run_env):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    files = make_corpus(corpus, 4)
    crashed = start_run(corpus, out, run_env)
    staging = wait_for_staging(out, crashed)
    try:
        os.kill(crashed.pid, signal.SIGKILL)
        crashed.wait(timeout=30)
        assert crashed.returncode == -signal.SIGKILL
        assert staging.exists() and not out.exists()     # killed mid-run: nothing published
        rerun = start_run(corpus, out, run_env)          # --wait 0: a held lock would exit 3
        _, err = rerun.communicate(timeout=300)
        assert rerun.returncode == 0, err.decode()
    finally:
        try:
            os.killpg(crashed.pid, signal.SIGKILL)       # anything the killed run left behind
        except ProcessLookupError:
            pass
    assert doc_count(out) == len(files)
    assert not staging.exists()                          # the dead run's staging folder is gone
