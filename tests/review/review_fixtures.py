"""Contract-shaped output folders for the review, views and report tests
(imported by tests/review/conftest.py and tests/report/conftest.py).

Documents are cleaned with the real ``pipeline.clean``; indicators and entities
are placed by locating hand-written spans in the cleaned text, so offsets,
sentences and paragraphs are consistent the way the real run makes them. The
tables go through ``pipeline.tables.to_arrow`` (the writer's schemas) and the
warehouse through ``pipeline.warehouse.build_warehouse`` (the writer's loader).
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from pipeline.clean import clean_document
from pipeline.tables import TABLE_NAMES, to_arrow


@dataclass
class Ind:
    text: str
    subject: str | None
    value: float
    unit: str | None
    period: str | None = None
    qualifier: str = "eq"
    kind: str = "level"
    value_high: float | None = None
    forecast: bool = False
    source: str | None = None
    confidence: float = 0.5
    occurrence: int = 0  # which occurrence of ``text`` in the document


@dataclass
class Ent:
    text: str
    label: str
    canonical: str | None = None


@dataclass
class Doc:
    doc_id: str
    raw: str
    themes: list[str]
    indicators: list[Ind] = field(default_factory=list)
    entities: list[Ent] = field(default_factory=list)


XSS = "<script>alert('xss')</script>"

DOCS: list[Doc] = [
    Doc("seed/report", (
        "网络视听发展报告\n"
        "第57次《中国互联网络发展状况统计报告》显示，截至2025年12月，我国网民规模达11.25亿人，"
        "互联网普及率达80.1%。\n"
        "微短剧市场规模突破500亿元，同比增长35%。抖音和快手的直播电商GMV约为3.5万亿元。\n"
        "车载视听用户规模达2.1亿人，预计2026年将超过3亿人。\n"),
        ["forms", "multi_screen"],
        [Ind("11.25亿人", "网民规模", 1.125e9, "人", "2025-12", confidence=0.95,
             source="中国互联网络发展状况统计报告"),
         Ind("80.1%", "互联网普及率", 80.1, "%", "2025-12", kind="share", confidence=0.9),
         Ind("500亿元", "微短剧市场规模", 5e10, "元", "2025", qualifier="gt", confidence=0.4),
         Ind("35%", "微短剧市场规模", 35.0, "%", "2025", kind="growth", confidence=0.35),
         Ind("3.5万亿元", "直播电商GMV", 3.5e12, "元", None, qualifier="approx", confidence=0.2),
         Ind("2.1亿人", "车载视听用户规模", 2.1e8, "人", "2025", confidence=0.6),
         Ind("3亿人", "车载视听用户规模", 3e8, "人", "2026", qualifier="gt", forecast=True,
             confidence=0.55)],
        [Ent("中国互联网络发展状况统计报告", "WORK"), Ent("抖音", "ORG"), Ent("快手", "ORG")]),
    Doc("pool/web-article", (
        "平台动态\n"
        f"某平台称{XSS}其月活用户达6亿人，同比提高1.1个百分点。\n"
        "爱奇艺会员数为1.1亿个。\n"),
        ["forms"],
        [Ind("6亿人", "月活用户", 6e8, "人", "2024", confidence=0.3),
         Ind("1.1个百分点", "月活用户", 1.1, "个百分点", "2024", kind="growth", confidence=0.45),
         Ind("1.1亿个", "爱奇艺会员数", 1.1e8, "个", None, confidence=0.7)],
        [Ent("爱奇艺", "ORG"), Ent(XSS, "ORG")]),
    Doc("pool/policy", (
        "微短剧管理办法\n"
        "国家广播电视总局发布通知，微短剧原则上不超过40集，最高可获得100万元资金支持。\n"
        "广电总局表示将加强审核。\n"),
        ["governance"],
        [Ind("40集", "微短剧集数", 40.0, "集", None, qualifier="le", kind="limit", confidence=0.8),
         Ind("100万元", "资金支持", 1e6, "元", None, qualifier="le", kind="limit",
             confidence=0.65)],
        [Ent("国家广播电视总局", "ORG", "国家广播电视总局"),
         Ent("广电总局", "ORG", "国家广播电视总局")]),
]


def indicator_id(doc_id: str, start: int, end: int, text: str) -> str:
    return hashlib.sha1(f"{doc_id}:{start}:{end}:{text}".encode()).hexdigest()[:16]


def _find(text: str, needle: str, occurrence: int = 0, after: int = 0) -> int:
    pos = after - 1
    for _ in range(occurrence + 1):
        pos = text.find(needle, pos + 1)
        assert pos != -1, f"{needle!r} not in fixture text"
    return pos


def build_tables(docs: list[Doc], run_id: str) -> dict[str, list[dict[str, Any]]]:
    rows: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLE_NAMES}
    for d in docs:
        cd = clean_document(d.doc_id, d.raw)
        text = cd.text
        rows["documents"].append({
            "doc_id": d.doc_id, "source_path": d.doc_id + ".txt",
            "content_sha256": hashlib.sha256(d.raw.encode()).hexdigest(), "encoding": "utf-8",
            "format": "txt", "title": cd.title, "published": None, "chars": len(text),
            "text": text, "status": "ok", "themes": d.themes, "run_id": run_id,
            "size_bytes": len(d.raw.encode()), "mtime_ns": 0, "paragraphs": len(cd.paragraphs),
            **{f"score_{t}": (0.9 if t in d.themes else 0.1)
               for t in ("forms", "tech", "multi_screen", "governance")},
        })
        for p in cd.paragraphs:
            rows["paragraphs"].append({
                "doc_id": d.doc_id, "para_no": p.para_no, "start": p.start, "end": p.end,
                "text": text[p.start:p.end], "themes": d.themes if p.para_no else [],
                "run_id": run_id})
        for ind in d.indicators:
            start = _find(text, ind.text, ind.occurrence)
            end = start + len(ind.text)
            para_no = cd.paragraph_at(start)
            sent = next(s for pn, s in cd.sentences() if s.start <= start and end <= s.end)
            rows["indicators"].append({
                "indicator_id": indicator_id(d.doc_id, start, end, ind.text),
                "doc_id": d.doc_id, "para_no": para_no, "sentence": text[sent.start:sent.end],
                "start": start, "end": end, "text": ind.text, "subject": ind.subject,
                "value": ind.value, "value_high": ind.value_high, "unit": ind.unit,
                "period": ind.period, "qualifier": ind.qualifier, "kind": ind.kind,
                "forecast": ind.forecast, "source": ind.source, "themes": d.themes,
                "confidence": ind.confidence, "run_id": run_id})
        seen: dict[str, int] = {}
        for e in d.entities:
            start = _find(text, e.text, seen.get(e.text, 0))
            seen[e.text] = seen.get(e.text, 0) + 1
            rows["entities"].append({
                "doc_id": d.doc_id, "para_no": cd.paragraph_at(start), "start": start,
                "end": start + len(e.text), "text": e.text, "label": e.label, "origin": "rules",
                "run_id": run_id, "canonical": e.canonical or e.text})
        rows["terms"].append({"doc_id": d.doc_id, "term": "微短剧", "count": 1, "weight": 0.5})
    return rows


def write_output(folder: Path, docs: list[Doc] | None = None, run_id: str = "run-1",
                 warehouse: bool = True) -> Path:
    """A complete output folder: six Parquet tables, manifest, warehouse (with views)."""
    from pipeline.warehouse import build_warehouse

    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in build_tables(DOCS if docs is None else docs, run_id).items():
        pq.write_table(to_arrow(name, rows), folder / f"{name}.parquet")
    (folder / "manifest.json").write_text(json.dumps({"run_id": run_id}), encoding="utf-8")
    if warehouse:
        build_warehouse(folder, folder / "reviews.duckdb")
    return folder
