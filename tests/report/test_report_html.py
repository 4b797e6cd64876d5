"""The self-contained HTML report (pipeline.report)."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pyarrow.parquet as pq

from pipeline.report import main
from pipeline.report.build import collect
from pipeline.review.store import ReviewStore

from review_fixtures import DOCS, XSS


def _decide(output_dir: Path) -> dict[str, str]:
    rows = {r["text"]: r for r in pq.read_table(output_dir / "indicators.parquet").to_pylist()}
    store = ReviewStore(output_dir)
    store.record(rows["40集"]["indicator_id"], "rejected", reviewer="a", extracted=rows["40集"])
    store.record(rows["6亿人"]["indicator_id"], "accepted", reviewer="a", extracted=rows["6亿人"])
    store.record(rows["35%"]["indicator_id"], "corrected", reviewer="a", extracted=rows["35%"],
                 corrections={"kind": "change"})
    store.record("gone", "accepted", reviewer="a", extracted={"text": "1亿"})
    return {t: r["indicator_id"] for t, r in rows.items()}


def test_figures_follow_the_tables_and_live_decisions(output_dir) -> None:
    _decide(output_dir)
    data = collect(output_dir)
    n = sum(len(d.indicators) for d in DOCS)
    assert data.counts["indicators"] == n and data.counts["indicators_kept"] == n - 1
    assert data.review == {"pending": n - 3, "accepted": 1, "corrected": 1, "rejected": 1,
                           "orphaned": 1}
    want: Counter = Counter()
    for d in DOCS:
        for i in d.indicators:
            if i.text == "40集":
                continue
            kind = "change" if i.text == "35%" else i.kind
            for t in d.themes:
                want[(t, kind)] += 1
    got = Counter({(t, k): c for t, per in data.by_theme_kind for k, c in per.items()})
    assert got == want
    subjects = dict((s, c) for s, c, _ in data.top_subjects)
    assert subjects["车载视听用户规模"] == 2
    assert "微短剧集数" not in subjects  # its only indicator was rejected
    ents = {c: (lbl, docs) for c, lbl, _, docs in data.top_entities}
    assert ents["国家广播电视总局"] == ("ORG", 1)
    assert "广电总局" not in ents  # merged into its canonical name


def test_main_writes_a_self_contained_escaped_report(output_dir) -> None:
    _decide(output_dir)
    assert main(["--output", str(output_dir)]) == 0
    html = (output_dir / "report.html").read_text(encoding="utf-8")
    assert "<script" not in html.replace("&lt;script", "")
    assert XSS not in html and "&lt;script&gt;" in html
    assert not re.search(r'(src|href)\s*=\s*["\']?(https?:)?//', html)
    assert "<link" not in html
    assert html.count("<svg") >= 5
    assert "国家广播电视总局" in html


def test_report_to_another_file_and_missing_run(output_dir, tmp_path, capsys) -> None:
    out = tmp_path / "elsewhere" / "r.html"
    assert main(["--output", str(output_dir), "--out", str(out)]) == 0
    assert out.exists() and not (output_dir / "report.html").exists()
    assert main(["--output", str(tmp_path / "no-run")]) == 1
    assert "run the pipeline first" in capsys.readouterr().err
