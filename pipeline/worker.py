"""What a worker process runs: the batch task and its start-up.

Kept apart from ``pipeline.flow`` so a worker imports only Prefect's task
machinery and the analysis stages, not the writers (pandas, pyarrow, duckdb)
the flow needs in the main process: about 130 MB less per worker.
"""
from __future__ import annotations

from prefect import task

from . import stages
from .process import BatchResult, process_batch


def warm_worker(stage_names: tuple[str, ...]) -> None:
    """Load jieba and every stage's model once when a worker process starts."""
    from .orphans import exit_with_parent
    from .segment import init_jieba

    exit_with_parent()
    init_jieba()
    for name in stage_names:
        stages.load(name)


@task(name="process-batch", retries=0)
def process_batch_task(batch, run_id: str, cache_key: str, stage_names: tuple[str, ...]) -> BatchResult:
    return process_batch(batch, run_id, cache_key, stage_names)
