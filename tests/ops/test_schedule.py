"""The scheduled entry point: serve's deployment, prefect.yaml, the wrapper flow."""
from __future__ import annotations

import inspect
import shutil

import pyarrow.parquet as pq
import pytest
import yaml

from pipeline.outputs_lock import OutputLocked, run_lock
from pipeline.schedule import build_deployment, build_parser, nightly_flow


def test_serve_builds_a_cron_deployment_with_run_parameters(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "articles").mkdir()
    args = build_parser().parse_args(["--cron", "0 2 * * *", "--timezone", "Asia/Shanghai", "--input", "articles",
                                      "--output", "out", "--workers", "3", "--stages", "indicators,themes",
                                      "--wait", "600"])
    dep = build_deployment(args)
    assert dep.name == "nightly" and dep.entrypoint == "pipeline.schedule.nightly_flow"
    (sched,) = dep.schedules
    assert sched.schedule.cron == "0 2 * * *" and sched.schedule.timezone == "Asia/Shanghai"
    p = dep.parameters
    assert p["input"] == str(tmp_path / "articles") and p["output"] == str(tmp_path / "out")
    assert (p["workers"], p["stages"], p["wait"], p["full"]) == (3, ["indicators", "themes"], 600.0, False)
    assert set(p) <= set(inspect.signature(nightly_flow.fn).parameters)


def test_serve_rejects_a_bad_cron_expression(tmp_path):
    args = build_parser().parse_args(["--cron", "every night", "--input", str(tmp_path), "--output",
                                      str(tmp_path.parent / "o")])
    with pytest.raises(ValueError):
        build_deployment(args)


def test_prefect_yaml_points_at_the_wrapper_flow(repo):
    from prefect.flows import load_flow_from_entrypoint

    config = yaml.safe_load((repo / "prefect.yaml").read_text(encoding="utf-8"))
    (dep,) = config["deployments"]
    flow = load_flow_from_entrypoint(str(repo / dep["entrypoint"]))
    assert flow.name == nightly_flow.name
    params = flow.validate_parameters(dep["parameters"])   # types match the flow's signature
    assert params["stages"] == ["indicators", "entities", "themes"]
    assert dep["schedules"][0]["cron"] == "0 2 * * *" and dep["concurrency_limit"] == 1
    assert dep["work_pool"]["name"]


def test_nightly_flow_runs_and_respects_the_lock(tmp_path, repo, api_url):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(repo / "corpus" / "seed" / "shiting-chuhai.txt", corpus)
    (corpus / "note.txt").write_text("网络视听用户规模达10.99亿。", encoding="utf-8")
    out = tmp_path / "out"
    summary = nightly_flow(input=str(corpus), output=str(out), runner="sequential", stages=[])
    assert summary["documents"] == summary["ok"] == 2
    assert pq.read_metadata(out / "documents.parquet").num_rows == 2
    with run_lock(out):
        with pytest.raises(OutputLocked):
            nightly_flow(input=str(corpus), output=str(out), runner="sequential", stages=[])
    with pytest.raises(ValueError, match="does not exist"):
        nightly_flow(input=str(tmp_path / "missing"), output=str(out), runner="sequential", stages=[])
