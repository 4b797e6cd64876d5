"""The output contract as data: every table, column, type and meaning.

One definition feeds the Parquet writer (Arrow schemas), the pre-publication
validation (pandera) and the data dictionary in ``docs/data_dictionary.md``,
so the three cannot drift apart.  Columns are only ever added.
"""
from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

THEMES = ("forms", "tech", "multi_screen", "governance")
SCORE_COLUMNS = tuple(f"score_{t}" for t in THEMES)


@dataclass(frozen=True)
class Column:
    name: str
    type: pa.DataType
    nullable: bool
    meaning: str
    allowed: tuple[str, ...] | None = None
    contract: bool = True  # named in shared/spec/outputs.md (else: added by us)


def _scores(what: str) -> list[Column]:
    return [Column(c, pa.float64(), True, f"{what} score for theme `{t}`, 0–1")
            for c, t in zip(SCORE_COLUMNS, THEMES)]


_THEMES_COL = pa.list_(pa.string())

TABLES: dict[str, list[Column]] = {
    "documents": [
        Column("doc_id", pa.string(), False, "file path relative to the input folder, without extension, `/` separators"),
        Column("source_path", pa.string(), False, "file path relative to the input folder, with extension"),
        Column("content_sha256", pa.string(), True, "SHA-256 of the file's bytes (null if unreadable)"),
        Column("encoding", pa.string(), True, "detected text encoding (utf-8, utf-8-sig, gb18030, utf-16…); null for pdf/docx or unread files"),
        Column("format", pa.string(), True, "txt, md, html, docx, pdf; null when unsupported"),
        Column("title", pa.string(), True, "document title (metadata, first short line or 原标题)"),
        Column("published", pa.date32(), True, "publication date when the document states one"),
        Column("chars", pa.int64(), False, "characters in the cleaned text"),
        Column("text", pa.string(), True, "cleaned text; all offsets in other tables point into it"),
        Column("status", pa.string(), False, "ok, failed or skipped", ("ok", "failed", "skipped")),
        Column("themes", _THEMES_COL, True, "document themes (see docs/themes)"),
        *_scores("document"),
        Column("run_id", pa.string(), False, "run that produced this row (a reused row keeps its run)"),
        Column("status_reason", pa.string(), True, "why a document was skipped or failed", contract=False),
        Column("size_bytes", pa.int64(), False, "file size in bytes", contract=False),
        Column("mtime_ns", pa.int64(), False, "file modification time (ns), to avoid re-hashing unchanged files", contract=False),
        Column("cache_key", pa.string(), True, "pipeline/model versions that produced the rows; a change reprocesses the document", contract=False),
        Column("paragraphs", pa.int64(), False, "number of paragraphs", contract=False),
    ],
    "paragraphs": [
        Column("doc_id", pa.string(), False, "document"),
        Column("para_no", pa.int64(), False, "0-based paragraph index"),
        Column("start", pa.int64(), False, "start offset in documents.text"),
        Column("end", pa.int64(), False, "end offset (exclusive)"),
        Column("text", pa.string(), False, "paragraph text"),
        Column("themes", _THEMES_COL, True, "paragraph themes"),
        *_scores("paragraph"),
        Column("run_id", pa.string(), False, "run that produced this row", contract=False),
    ],
    "indicators": [
        Column("indicator_id", pa.string(), False, "stable id: same document, text and span give the same id"),
        Column("doc_id", pa.string(), False, "document"),
        Column("para_no", pa.int64(), False, "paragraph"),
        Column("sentence", pa.string(), False, "the sentence containing the figure"),
        Column("start", pa.int64(), False, "start offset of `text` in documents.text"),
        Column("end", pa.int64(), False, "end offset (exclusive)"),
        Column("text", pa.string(), False, "surface span of the number with its unit"),
        Column("subject", pa.string(), True, "shortest phrase naming what is measured"),
        Column("value", pa.float64(), False, "value in base units (亿 = 1e8; percent as number)"),
        Column("value_high", pa.float64(), True, "upper end of a range"),
        Column("unit", pa.string(), True, "counted thing or currency without magnitude (人, 元, %, 个百分点…)"),
        Column("period", pa.string(), True, "YYYY, YYYY-MM or YYYY-MM-DD"),
        Column("qualifier", pa.string(), False, "eq, gt, ge, lt, le, approx", ("eq", "gt", "ge", "lt", "le", "approx")),
        Column("kind", pa.string(), False, "level, growth, change, share, multiple, limit",
               ("level", "growth", "change", "share", "multiple", "limit")),
        Column("forecast", pa.bool_(), False, "projection or target"),
        Column("source", pa.string(), True, "report or body the sentence cites"),
        Column("themes", _THEMES_COL, True, "themes of its paragraph"),
        Column("confidence", pa.float64(), False, "0–1; low values first in review"),
        Column("run_id", pa.string(), False, "run that produced this row"),
    ],
    "entities": [
        Column("doc_id", pa.string(), False, "document"),
        Column("para_no", pa.int64(), False, "paragraph"),
        Column("start", pa.int64(), False, "start offset in documents.text"),
        Column("end", pa.int64(), False, "end offset (exclusive)"),
        Column("text", pa.string(), False, "entity text (WORK without 《》)"),
        Column("label", pa.string(), False, "ORG, LOC, PER, WORK"),
        Column("origin", pa.string(), False, "model or rules", ("model", "rules")),
        Column("run_id", pa.string(), False, "run that produced this row"),
        Column("canonical", pa.string(), True, "canonical name for aliases (广电总局 → 国家广播电视总局)", contract=False),
    ],
    "terms": [
        Column("doc_id", pa.string(), False, "document"),
        Column("term", pa.string(), False, "jieba token (domain dictionary applied), stop words removed"),
        Column("count", pa.int64(), False, "occurrences in the document"),
        Column("weight", pa.float64(), False, "TF-IDF keyword weight (jieba IDF table)"),
    ],
    "errors": [
        Column("doc_id", pa.string(), True, "document (null for run-level errors)"),
        Column("source_path", pa.string(), True, "file path relative to the input folder"),
        Column("stage", pa.string(), False, "discover, ingest, clean, segment, indicators, entities, themes, write"),
        Column("error_type", pa.string(), False, "kind of error (exception class or skip reason)"),
        Column("message", pa.string(), False, "what went wrong, for a person"),
        Column("run_id", pa.string(), False, "run that recorded it"),
    ],
}

TABLE_NAMES = tuple(TABLES)


def arrow_schema(table: str) -> pa.Schema:
    return pa.schema([pa.field(c.name, c.type, nullable=c.nullable) for c in TABLES[table]])


def to_arrow(table: str, rows: list[dict]) -> pa.Table:
    """Rows (dicts) to an Arrow table in contract column order and types."""
    schema = arrow_schema(table)
    cols = {f.name: [r.get(f.name) for r in rows] for f in schema}
    return pa.Table.from_pydict(cols, schema=schema)


def data_dictionary_markdown() -> str:
    """The data dictionary, generated from TABLES."""
    lines = ["# Data dictionary", "",
             "Generated from `pipeline/tables.py` (`python -m pipeline schema > docs/data_dictionary.md`).",
             "Columns marked *added* extend `shared/spec/outputs.md`; contract columns never change.", ""]
    for name, cols in TABLES.items():
        lines += [f"## {name}", "", "| column | type | null | meaning |", "|---|---|---|---|"]
        for c in cols:
            extra = " *(added)*" if not c.contract else ""
            allowed = f" One of: {', '.join(c.allowed)}." if c.allowed and c.name != "status" else ""
            lines.append(f"| `{c.name}` | {c.type} | {'yes' if c.nullable else 'no'} | {c.meaning}{allowed}{extra} |")
        lines.append("")
    return "\n".join(lines)
