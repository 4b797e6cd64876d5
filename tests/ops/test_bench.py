"""The benchmark command at a tiny scale, and its corpus building and verdicts."""
from __future__ import annotations

import hashlib
import json

import pytest

from pipeline import bench
from pipeline.clean import clean_document


def test_copies_differ_in_bytes_but_not_in_cleaned_text(tmp_path, repo):
    pool = repo / "corpus" / "pool"
    articles = bench.pool_articles(pool)
    assert articles and not any("encodings" in p.parts for p in articles)
    files, chars = bench.build_corpus(articles[:3], pool, tmp_path, scale=3)
    assert len(files) == 9 and len({f.relative_to(tmp_path) for f in files}) == 9
    assert len({hashlib.sha256(f.read_bytes()).hexdigest() for f in files}) == 9
    assert chars >= 3 * sum(len(a.read_text(encoding="utf-8")) for a in articles[:3])
    copies = [f for f in files if f.name == articles[0].name]
    texts = {clean_document("d", f.read_text(encoding="utf-8")).text for f in copies}
    assert len(texts) == 1          # same work per copy


def test_change_files_touches_one_percent(tmp_path):
    files = []
    for i in range(250):
        p = tmp_path / f"{i}.txt"
        p.write_text("微短剧。", encoding="utf-8")
        files.append(p)
    changed = bench.change_files(files, 0.01)
    assert len(changed) == 2
    assert sum(p.read_text(encoding="utf-8") != "微短剧。" for p in files) == 2


def _scale(scale, docs, full, rss, base, rerun, changed):
    return {"scale": scale, "documents": docs, "flow_vs_jieba": round(full / base, 2),
            "full": {"peak_rss_mb": rss, "marginal_ms_per_doc": 1000 * full / docs},
            "unchanged_rerun": {"fraction_of_full": rerun / full},
            "changed_1pct": {"fraction_of_full": changed / full}}


def test_targets_pass_and_fail():
    good = [_scale(1, 100, 10.0, 1000, 5.0, 0.2, 0.5), _scale(16, 1600, 150.0, 1200, 60.0, 5.0, 12.0)]
    verdicts = {(r["target"], r["where"]): r["pass"] for r in bench.evaluate_targets(good)}
    assert all(verdicts.values()), verdicts
    bad = [_scale(1, 100, 10.0, 500, 2.0, 1.0, 2.0), _scale(16, 1600, 400.0, 9000, 60.0, 30.0, 60.0)]
    verdicts = {(r["target"], r["where"]): r["pass"] for r in bench.evaluate_targets(bad)}
    assert not any(verdicts.values()), verdicts


@pytest.mark.slow
def test_bench_command_writes_its_json(tmp_path, repo, api_url):
    out = tmp_path / "bench"
    code = bench.main(["--pool", str(repo / "corpus" / "pool"), "--output", str(out), "--scales", "1",
                       "--limit", "10", "--stages", "", "--runner", "sequential", "--workers", "1",
                       "--api-url", api_url, "--work-dir", str(tmp_path / "work")])
    assert code == 0
    result = json.loads((out / "bench.json").read_text(encoding="utf-8"))
    (s,) = result["scales"]
    assert s["documents"] == s["baseline"]["docs"] == 10
    assert s["full"]["counts"]["processed"] == 10 and s["full"]["peak_rss_mb"] > 0
    assert s["unchanged_rerun"]["counts"] == {**s["unchanged_rerun"]["counts"], "processed": 0, "reused": 10}
    assert s["changed_1pct"]["counts"]["processed"] == s["changed_files"] == 1
    assert {"ingest+clean", "segment"} <= set(s["full"]["stage_seconds"])
    rates = s["full"]["stage_chars_per_cpu_second"]
    assert rates["segment"] == round(s["characters"] / s["full"]["stage_seconds"]["segment"])
    assert s["baseline"]["cut_chars_per_second"] > 0
    assert "jieba.lcut" in (out / "bench.txt").read_text(encoding="utf-8")
    assert {r["target"] for r in result["results"]} >= {"flow_vs_jieba", "unchanged_rerun", "changed_1pct",
                                                        "peak_rss_gb_at_16x"}
    assert "targets" in (out / "bench.txt").read_text(encoding="utf-8")
    assert not (tmp_path / "work").exists()         # scaled corpora removed without --keep
