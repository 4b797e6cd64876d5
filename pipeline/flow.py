"""The nightly Prefect flow: corpus folder → output contract.

Reads like the data path: plan (discover, decide reuse) → process batches
(ingest → clean → segment → extract → classify, in worker processes) → write
→ validate → publish.  Tasks work on batches of documents: per-task overhead
is ~15 ms, so one task per paragraph would cost more than the analysis.
"""
from __future__ import annotations

import datetime as dt
import os
import platform
import secrets
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from prefect import flow, unmapped
from prefect.task_runners import ThreadPoolTaskRunner

from . import stages
from .config import RunConfig
from .isolation import rerun_isolated
from .memory import freeze_existing_objects, release_batch_garbage, thaw_objects
from .outputs import (TableWriter, copy_reused, link_unchanged, publish, remove_stale, staging_dir_for,
                      write_manifest)
from .outputs_lock import run_lock
from .plan import RunPlan, plan_run
from .process import BatchResult, process_batch
from .process_pool import CrashTolerantProcessPoolTaskRunner
from .progress import Progress
from .validate import validate_folder
from .warehouse import build_warehouse
from .worker import process_batch_task, warm_worker

KEY_LIBRARIES = ("jieba", "spacy", "scikit-learn", "pandas", "pyarrow", "duckdb", "prefect", "cn2an", "trafilatura")


@dataclass
class RunSummary:
    run_id: str
    output_dir: str
    documents: int = 0
    ok: int = 0
    failed: int = 0
    skipped: int = 0
    reused: int = 0
    processed: int = 0
    indicators: int = 0
    entities: int = 0
    seconds: float = 0.0
    stage_seconds: dict = field(default_factory=dict)


class PhaseClock:
    """Wall seconds of each phase of a run, for the manifest: where a nightly run's time goes."""

    def __init__(self) -> None:
        self._last = time.perf_counter()
        self.seconds: dict[str, float] = {}

    def mark(self, phase: str) -> None:
        now = time.perf_counter()
        self.seconds[phase] = round(self.seconds.get(phase, 0.0) + now - self._last, 3)
        self._last = now


def new_run_id() -> str:
    return dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ") + "-" + secrets.token_hex(3)


def task_runner_for(config: RunConfig):
    workers = config.workers or os.cpu_count() or 1
    if config.runner == "local":
        return CrashTolerantProcessPoolTaskRunner(max_workers=workers, initializer=warm_worker,
                                                  initargs=(tuple(config.stages),))
    if config.runner == "sequential":
        return ThreadPoolTaskRunner(max_workers=1)
    if config.runner == "dask":
        from prefect_dask import DaskTaskRunner

        if config.dask_address:
            return DaskTaskRunner(address=config.dask_address)
        return DaskTaskRunner(cluster_kwargs={"n_workers": workers, "threads_per_worker": 1,
                                              "processes": True, "dashboard_address": None})
    raise ValueError(f"unknown runner '{config.runner}' (local, dask, sequential)")


@contextmanager
def workers_share_api():
    """Point task workers at this run's Prefect API while tasks are submitted.

    In ephemeral mode the API server's address lives only in the parent's
    client, not in its settings, and workers receive the parent's settings:
    without this every process-pool or Dask worker starts an ephemeral server
    of its own (measured: 10-20 s and ~200 MB per worker, every run).
    """
    from prefect.context import FlowRunContext
    from prefect.settings import PREFECT_API_URL, temporary_settings

    ctx = FlowRunContext.get()
    if PREFECT_API_URL.value() or ctx is None or ctx.client is None:
        yield
        return
    with temporary_settings(updates={PREFECT_API_URL: str(ctx.client.api_url).rstrip("/")}):
        yield


def library_versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for name in KEY_LIBRARIES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out


def _analyse(config: RunConfig, plan: RunPlan, output_dir: Path, staging: Path, run_id: str, key: str,
             summary: RunSummary, progress: Progress, stage_seconds: dict[str, float],
             phases: PhaseClock) -> dict[str, int]:
    """Copy the reused rows and process the rest into new tables; row counts per table."""
    writer = TableWriter(staging)

    def consume(result: BatchResult) -> None:
        for table, rows in result.rows.items():
            writer.write_rows(table, rows)
        for name, secs in result.stage_seconds.items():
            stage_seconds[name] = stage_seconds.get(name, 0.0) + secs
        summary.ok += result.status["ok"]
        summary.failed += result.status["failed"]
        summary.skipped += result.status["skipped"]
        progress.advance(sum(result.status.values()), stage="analysing")

    batches = plan.batches(config.batch_size)
    summary.processed = len(plan.to_process)
    futures = []
    if batches:
        freeze_existing_objects()   # before the futures exist, so that finished ones stay collectable
        # Submitted before the reused rows are copied: worker start-up
        # (process spawn, jieba and model loading, seconds) overlaps the
        # copy instead of following it.
        with workers_share_api():
            futures = process_batch_task.map(
                batches, run_id=unmapped(run_id), cache_key=unmapped(key),
                stage_names=unmapped(tuple(config.stages)))
    phases.mark("submit")

    # Reused documents: their rows come from the previous outputs.
    copy_reused(output_dir, plan.reused, writer)
    for status in plan.reused.values():
        setattr(summary, status, getattr(summary, status) + 1)
    progress.advance(len(plan.reused), stage="reused")
    # Files that discovery already skipped or failed need no worker.
    consume(process_batch(plan.not_processable, run_id, key, ()))
    phases.mark("copy_reused")

    if batches:
        crashed: list[list] = []
        for i in range(len(futures)):
            try:
                result = futures[i].result()
            except Exception:  # its worker died or the task failed: retried below
                crashed.append(batches[i])
            else:
                consume(result)
            futures[i] = None  # release the batch's rows
            release_batch_garbage()
        thaw_objects()
        if crashed:
            # One poison document must not take its batch (or, with a
            # broken pool, every batch in flight) down with it.
            progress.note(f"{len(crashed)} batch(es) lost their worker: retrying in fresh processes")
            for result in rerun_isolated(crashed, run_id, key, tuple(config.stages),
                                         workers=config.workers or os.cpu_count() or 1):
                consume(result)
    writer.close()
    progress.close()
    phases.mark("process")
    return dict(writer.counts)


@flow(name="av-pipeline", log_prints=False, validate_parameters=False)
def pipeline_flow(config: RunConfig) -> RunSummary:
    """One run over ``config.input_dir`` publishing into ``config.output_dir``."""
    started = time.perf_counter()
    started_at = dt.datetime.now(dt.timezone.utc)
    run_id = new_run_id()
    output_dir = Path(config.output_dir).resolve()
    with run_lock(output_dir, config.lock_timeout):
        remove_stale(output_dir)
        stages.check_available(tuple(config.stages))
        versions = stages.versions(tuple(config.stages))
        key = stages.cache_key(versions)
        phases = PhaseClock()
        plan = plan_run(config, key)
        phases.mark("plan")
        staging = staging_dir_for(output_dir, run_id)
        summary = RunSummary(run_id, str(output_dir), documents=len(plan.sources), reused=len(plan.reused))
        progress = Progress(total=len(plan.sources), enabled=config.progress)
        stage_seconds: dict[str, float] = {}
        # Nothing changed since the last run: its tables are this run's tables.
        row_counts = link_unchanged(output_dir, staging) if plan.unchanged else None
        if row_counts is not None:
            for status in plan.reused.values():
                setattr(summary, status, getattr(summary, status) + 1)
            progress.advance(len(plan.reused), stage="reused")
            progress.close()
            phases.mark("copy_reused")
        else:
            row_counts = _analyse(config, plan, output_dir, staging, run_id, key, summary, progress,
                                  stage_seconds, phases)
        summary.indicators = row_counts["indicators"]
        summary.entities = row_counts["entities"]
        progress.note("building warehouse")
        build_warehouse(staging, output_dir / "reviews.duckdb")
        phases.mark("warehouse")
        validate_folder(staging)
        phases.mark("validate")
        summary.seconds = round(time.perf_counter() - started, 3)
        summary.stage_seconds = {k: round(v, 3) for k, v in stage_seconds.items()}
        write_manifest(staging, {
            "run_id": run_id,
            "started": started_at.isoformat(),
            "finished": dt.datetime.now(dt.timezone.utc).isoformat(),
            "seconds": summary.seconds,
            "counts": {
                "documents": summary.documents, "ok": summary.ok, "failed": summary.failed,
                "skipped": summary.skipped, "processed": summary.processed, "reused": summary.reused,
                "rows": dict(row_counts),
            },
            "stage_seconds": summary.stage_seconds,
            "phase_seconds": phases.seconds,
            "config": config.to_json(),
            "cache_key": key,
            "versions": {"pipeline_and_models": versions, "libraries": library_versions()},
        })
        publish(staging, output_dir)
    _write_report(output_dir)
    return summary


def _write_report(output_dir: Path) -> None:
    """Refresh report.html for the new outputs; a report failure never fails the run."""
    import logging

    try:
        from .report import write_report

        write_report(output_dir)
    except Exception as exc:  # the tables are published; the report is a convenience
        logging.getLogger(__name__).warning("report.html not written: %s", exc)
