"""The Dask runner with every stage that loads: same tables as in-process,
and each worker process loads jieba and the models once, not per batch."""
from __future__ import annotations

import shutil
import sys

import cloudpickle
import pyarrow.parquet as pq
import pytest

from pipeline import bench
from pipeline.bench import loadable_stages
from pipeline.config import RunConfig
from pipeline.flow import pipeline_flow, task_runner_for
from pipeline.tables import TABLES

pytestmark = pytest.mark.slow
cloudpickle.register_pickle_by_value(sys.modules[__name__])  # for client.run on the workers


def _worker_state() -> dict:
    from pipeline import segment, stages as worker_stages

    info = worker_stages.load.cache_info()
    return {"misses": info.misses, "hits": info.hits, "jieba": segment._initialised}


def _table(out, name):
    t = pq.read_table(out / f"{name}.parquet").to_pandas().drop(columns=["run_id"], errors="ignore")
    key = [c for c in ("doc_id", "para_no", "start", "term", "stage", "label") if c in t.columns]
    return t.sort_values(key).reset_index(drop=True).astype(str)


def test_dask_matches_sequential_and_loads_models_once_per_worker(tmp_path, repo, api_url):
    distributed = pytest.importorskip("distributed")
    names = loadable_stages()
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for src in bench.pool_articles(repo / "corpus" / "pool")[:12]:
        shutil.copy(src, corpus / src.name)
    n_docs = 12

    def run(out, runner, **kw):
        config = RunConfig(input_dir=corpus, output_dir=out, runner=runner, stages=names, progress=False,
                           batch_size=2, workers=2, **kw)
        return pipeline_flow.with_options(task_runner=task_runner_for(config))(config)

    run(tmp_path / "seq", "sequential")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        summary = run(tmp_path / "dask", "dask", dask_address=cluster.scheduler_address)
        state = client.run(_worker_state)
    assert summary.processed == n_docs > 2 * 2
    busy = [s for s in state.values() if s["jieba"]]
    assert busy, state
    for s in busy:
        assert s["misses"] <= len(names), state   # one load per stage per worker ...
    assert sum(s["hits"] for s in busy) > 0, state  # ... reused by the later batches
    for name in TABLES:
        assert _table(tmp_path / "seq", name).equals(_table(tmp_path / "dask", name)), name
