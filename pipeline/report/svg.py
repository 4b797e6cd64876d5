"""Inline SVG bar charts, generated in Python so the report needs no JS or CDN.

Every label is XML-escaped here: entity names and subjects come from web text.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

from markupsafe import Markup

PALETTE = ("#2f6fde", "#1f8a4c", "#b26a00", "#b3261e", "#7b4bb7", "#0f8b8d", "#6b7280",
           "#c2185b")
_ROW = 22
_CHAR_W = 13  # a CJK character at 12px, roughly


def _label(s: object, limit: int = 18) -> str:
    text = "—" if s is None else str(s)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _fmt(v: float) -> str:
    return f"{v:,.0f}" if float(v).is_integer() else f"{v:,.2f}"


def hbar(items: Sequence[tuple[object, float]], *, width: int = 540, color: str = PALETTE[0],
         title: str = "") -> Markup:
    """Horizontal bars, one per (label, value), largest first as given."""
    if not items:
        return Markup('<p class="empty">no data</p>')
    label_w = min(18, max(len(_label(k)) for k, _ in items)) * _CHAR_W + 10
    value_w = 70
    bar_w = max(100, width - label_w - value_w)
    top = max(v for _, v in items) or 1
    h = _ROW * len(items) + 6
    parts = [f'<svg class="chart" role="img" aria-label="{escape(title)}" width="{width}" '
             f'height="{h}" viewBox="0 0 {width} {h}" xmlns="http://www.w3.org/2000/svg">']
    for n, (k, v) in enumerate(items):
        y = n * _ROW + 3
        w = bar_w * (v / top)
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 14}" text-anchor="end">{escape(_label(k))}'
            f'<title>{escape(str(k))}</title></text>'
            f'<rect x="{label_w}" y="{y + 2}" width="{w:.1f}" height="{_ROW - 6}" fill="{color}" '
            f'rx="2"><title>{escape(str(k))}: {_fmt(v)}</title></rect>'
            f'<text x="{label_w + w + 4:.1f}" y="{y + 14}" class="v">{_fmt(v)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def stacked_hbar(rows: Sequence[tuple[object, Mapping[str, float]]], series: Sequence[str], *,
                 width: int = 540, colors: Mapping[str, str] | None = None,
                 title: str = "") -> Markup:
    """One bar per row, split into ``series`` segments, with a legend."""
    if not rows:
        return Markup('<p class="empty">no data</p>')
    colors = dict(colors or {s: PALETTE[i % len(PALETTE)] for i, s in enumerate(series)})
    label_w = min(18, max(len(_label(k)) for k, _ in rows)) * _CHAR_W + 10
    value_w = 70
    bar_w = max(100, width - label_w - value_w)
    top = max(sum(v.values()) for _, v in rows) or 1
    legend, x, y = [], 10, 4
    for s in series:
        item_w = 16 + len(str(s)) * 8 + 14
        if x + item_w > width and x > 10:  # wrap the legend
            x, y = 10, y + 18
        legend.append(f'<rect x="{x}" y="{y}" width="12" height="12" fill="{colors[s]}"/>'
                      f'<text x="{x + 16}" y="{y + 10}">{escape(str(s))}</text>')
        x += item_w
    legend_h = y + 20
    h = _ROW * len(rows) + legend_h + 6
    parts = [f'<svg class="chart" role="img" aria-label="{escape(title)}" width="{width}" '
             f'height="{h}" viewBox="0 0 {width} {h}" xmlns="http://www.w3.org/2000/svg">',
             *legend]
    for n, (k, vals) in enumerate(rows):
        y = legend_h + n * _ROW + 3
        parts.append(f'<text x="{label_w - 6}" y="{y + 14}" text-anchor="end">'
                     f'{escape(_label(k))}<title>{escape(str(k))}</title></text>')
        x0 = float(label_w)
        for s in series:
            v = vals.get(s, 0)
            if not v:
                continue
            w = bar_w * (v / top)
            parts.append(f'<rect x="{x0:.1f}" y="{y + 2}" width="{w:.1f}" height="{_ROW - 6}" '
                         f'fill="{colors[s]}"><title>{escape(str(k))} · {escape(str(s))}: '
                         f'{_fmt(v)}</title></rect>')
            x0 += w
        parts.append(f'<text x="{x0 + 4:.1f}" y="{y + 14}" class="v">'
                     f'{_fmt(sum(vals.values()))}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
