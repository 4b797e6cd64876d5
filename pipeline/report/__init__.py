"""Self-contained HTML report of an output folder.

``python -m pipeline report --output outputs/`` calls :func:`main`. The report
is one HTML file with inline CSS and inline SVG charts (no scripts, no CDN), so
it opens from disk and can be mailed around.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from pipeline.report import svg
from pipeline.report.build import STATUSES, ReportData, collect, kinds_present

STATUS_COLORS = {"pending": "#9aa3ae", "accepted": "#1f8a4c", "corrected": "#b26a00",
                 "rejected": "#b3261e"}


def render(data: ReportData) -> str:
    """The report HTML for aggregated data."""
    from pipeline.review.app import fmt_value

    env = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"),
                      autoescape=select_autoescape(["html"], default=True))
    env.filters["fmt"] = fmt_value
    kinds = kinds_present(data)
    return env.get_template("report.html").render(
        run=data.run, generated=data.generated, counts=data.counts, review=data.review,
        statuses=STATUSES, status_colors=STATUS_COLORS, kinds=kinds,
        by_theme_kind=data.by_theme_kind, theme_mix=data.theme_mix,
        top_subjects=data.top_subjects, top_entities=data.top_entities, series=data.series,
        theme_kind_chart=svg.stacked_hbar(data.by_theme_kind, kinds,
                                          title="indicators by theme and kind"),
        kind_chart=svg.hbar(data.by_kind, title="indicators by kind", color=svg.PALETTE[2]),
        theme_docs_chart=svg.hbar([(t["theme"], t["documents"]) for t in data.theme_mix],
                                  title="documents per theme", color=svg.PALETTE[5]),
        theme_paras_chart=svg.hbar([(t["theme"], t["paragraphs"]) for t in data.theme_mix],
                                   title="paragraphs per theme", color=svg.PALETTE[1]),
        subjects_chart=svg.hbar([(s, n) for s, n, _ in data.top_subjects],
                                title="top subjects by mentions"),
        entities_chart=svg.hbar([(f"{c} ({lbl})", d) for c, lbl, _, d in data.top_entities],
                                title="top entities by documents", color=svg.PALETTE[4]),
    )


def write_report(output_dir: Path, out: Path | None = None, top: int = 15) -> Path:
    """Aggregate the output folder and write the report atomically."""
    from pipeline.review.store import swap_lock

    output_dir = Path(output_dir)
    target = Path(out) if out else output_dir / "report.html"
    with swap_lock(output_dir):  # a consistent run + decisions, not a folder mid-swap
        data = collect(output_dir, top=top)
    html = render(data)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".report-", suffix=".html")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(html)
    os.chmod(tmp, 0o644)
    if target.parent.resolve() == output_dir.resolve():
        with swap_lock(output_dir):
            os.replace(tmp, target)
    else:
        os.replace(tmp, target)
    return target


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        prog="python -m pipeline report",
        description="Write a self-contained HTML report (inline SVG charts, no server or "
                    "network needed) of a run's output folder, with live review decisions.")
    p.add_argument("--output", type=Path, default=Path("outputs"),
                   help="run output folder (default: outputs/)")
    p.add_argument("--out", type=Path, default=None,
                   help="report file (default: <output>/report.html; note the next run "
                        "replaces the output folder, so regenerate after each run)")
    p.add_argument("--top", type=int, default=15, help="rows in the top-N charts (default 15)")
    args = p.parse_args(argv)
    try:
        path = write_report(args.output, args.out, args.top)
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"report written to {path}")
    return 0
