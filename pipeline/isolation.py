"""Batches whose worker died are run again so that one poison document costs only itself.

A document that kills its worker process (a segfault in a C extension, the
OOM killer, ``os._exit`` in a library) breaks the whole process pool, and
every batch in flight fails with it.  Those batches are run again here, each
in a fresh single-worker process.  A batch that fails again is split and its
documents run one at a time, so the culprit is the one running when its
process dies: it gets a ``failed`` documents row and an errors row (stage
``worker``), every other document its normal rows.  Plain
``concurrent.futures``, no Prefect: the flow's own pool may be unusable.
"""
from __future__ import annotations

import multiprocessing
import queue
import signal
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Iterator

from .discover import SourceFile
from .ingest import sha256_file
from .process import BatchResult, failed_document, process_batch

STAGE = "worker"


class WorkerCrashed(RuntimeError):
    """The worker process died while running a batch."""


def _init_worker(stage_names: tuple[str, ...]) -> None:
    from . import stages
    from .orphans import exit_with_parent
    from .segment import init_jieba

    exit_with_parent()
    init_jieba()
    for name in stage_names:
        stages.load(name)


def _describe_exit(code: int | None) -> str:
    if code is None:
        return "the worker process died"
    if code < 0:
        try:
            return f"the worker process was killed by signal {signal.Signals(-code).name}"
        except ValueError:
            return f"the worker process was killed by signal {-code}"
    return f"the worker process exited with status {code}"


class _Lane:
    """One worker process at a time, replaced after it dies."""

    def __init__(self, stage_names: tuple[str, ...]):
        self.stage_names = stage_names
        self._pool: ProcessPoolExecutor | None = None

    def run(self, batch: list[SourceFile], run_id: str, cache_key: str) -> BatchResult:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"),
                                             initializer=_init_worker, initargs=(self.stage_names,))
        # The executor forgets its processes once broken: keep them to read the exit code.
        # A warm worker may die before submit() returns, so take the list before it too.
        processes = dict(getattr(self._pool, "_processes", None) or {})
        future = self._pool.submit(process_batch, batch, run_id, cache_key, self.stage_names)
        processes.update(getattr(self._pool, "_processes", None) or {})
        try:
            return future.result()
        except BrokenProcessPool as exc:
            code = None
            for proc in processes.values():
                proc.join(timeout=5)
                code = proc.exitcode if proc.exitcode not in (None, 0) else code
            self.close()
            raise WorkerCrashed(_describe_exit(code)) from exc

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def _failed(source: SourceFile, exc: Exception, run_id: str, cache_key: str) -> BatchResult:
    try:
        digest = sha256_file(source.path)
    except OSError:
        digest = None
    if isinstance(exc, WorkerCrashed):
        error_type = "WorkerCrashed"
        message = (f"{exc} while processing this document, also when it was retried alone "
                   f"in a fresh process; the other documents of its batch were processed")
    else:
        error_type = type(exc).__name__
        message = f"processing this document failed outside any stage: {error_type}: {exc}"
    return failed_document(source, run_id, cache_key, STAGE, error_type, message, digest)


def _isolate(lane: _Lane, batch: list[SourceFile], run_id: str, cache_key: str) -> BatchResult:
    if len(batch) > 1:
        try:
            return lane.run(batch, run_id, cache_key)
        except Exception:  # crashed again: find the document that does it
            pass
    result = BatchResult()
    for source in batch:
        try:
            result.merge(lane.run([source], run_id, cache_key))
        except Exception as exc:
            result.merge(_failed(source, exc, run_id, cache_key))
    return result


def rerun_isolated(batches: list[list[SourceFile]], run_id: str, cache_key: str,
                   stage_names: tuple[str, ...], workers: int) -> Iterator[BatchResult]:
    """Results of the given batches, in order, computed in fresh processes."""
    if not batches:
        return
    n = max(1, min(workers, len(batches)))
    lanes = [_Lane(tuple(stage_names)) for _ in range(n)]
    free: queue.SimpleQueue[_Lane] = queue.SimpleQueue()
    for lane in lanes:
        free.put(lane)

    def job(batch: list[SourceFile]) -> BatchResult:
        lane = free.get()
        try:
            return _isolate(lane, batch, run_id, cache_key)
        finally:
            free.put(lane)

    try:
        with ThreadPoolExecutor(n, thread_name_prefix="isolate") as threads:
            yield from threads.map(job, batches)
    finally:
        for lane in lanes:
            lane.close()
