"""Small generated corpora for runs that must last long enough to be killed."""
from __future__ import annotations

import random
from pathlib import Path

TEMPLATES = (
    "截至{y}年{m}月，我国网络视听用户规模达{a}亿人，同比增长{p}%。",
    "{y}年微短剧市场规模达{b}亿元，用户规模{a}亿人。",
    "车载音频用户规模达{c}万人，车载视听市场规模约{b}亿元。",
    "网络直播用户规模为{a}亿，占网民整体的{p}%。",
)


def article(rnd: random.Random, sentences: int = 12) -> str:
    lines = ["网络视听发展报告"]
    for _ in range(sentences):
        t = rnd.choice(TEMPLATES)
        lines.append(t.format(y=rnd.randrange(2018, 2026), m=rnd.randrange(1, 13), a=round(rnd.uniform(1, 11), 2),
                              b=round(rnd.uniform(10, 900), 1), c=rnd.randrange(100, 9000), p=round(rnd.uniform(1, 40), 1)))
    return "\n".join(lines) + "\n"


def write_corpus(root: Path, n: int, seed: int = 1, extra: dict[str, str] | None = None) -> list[str]:
    """``n`` articles in a few folders (plus ``extra`` name -> text); returns their relative paths."""
    rnd = random.Random(seed)
    names = []
    for i in range(n):
        rel = f"batch{i % 4}/article-{i:04d}.txt"
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(article(rnd), encoding="utf-8")
        names.append(rel)
    for rel, text in (extra or {}).items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
        names.append(rel)
    return names
