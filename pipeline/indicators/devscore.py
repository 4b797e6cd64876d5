"""Score the extractor against a labeled gold set (annotations.md JSONL).

    python -m pipeline.indicators.devscore                       # seed + dev
    python -m pipeline.indicators.devscore --gold G.jsonl --out pred.jsonl
    python -m pipeline.indicators.devscore --diff                # show misses/extras per doc

Builds CleanDocuments from ``<corpus>/<doc_id>.txt``, writes predictions in the
gold format and runs ``shared/tools/score.py`` on them.  ``predict`` and
``write_predictions`` are reusable by ``python -m pipeline eval``.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Iterable

from .. import evaluation, scoring
from . import IndicatorExtractor
from .simpledoc import build_document

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
DEFAULT_GOLD = [SHARED / "corpus" / "labeled" / "seed.jsonl", SHARED / "corpus" / "labeled" / "dev.jsonl"]


def load_gold(paths: Iterable[Path]) -> list[dict]:
    return list(evaluation.load_gold(list(paths)).values())


def predict(doc_ids: Iterable[str], corpus: Path, extractor: IndicatorExtractor | None = None) -> list[dict]:
    """One prediction record per document, in the gold annotation format."""
    ex = extractor or IndicatorExtractor.load()
    out = []
    for doc_id in doc_ids:
        raw = (corpus / f"{doc_id}.txt").read_text(encoding="utf-8")
        doc = build_document(doc_id, raw)
        out.append({"doc_id": doc_id, "indicators": [i.as_annotation() for i in ex.extract(doc)]})
    return out


def write_predictions(records: list[dict], path: Path) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def score(gold: list[dict], pred: list[dict], as_json: bool = False) -> str:
    """The reference scorer's figures (pipeline.scoring is its vendored copy)."""
    res = scoring.score({g["doc_id"]: g for g in gold}, {p["doc_id"]: p for p in pred})
    if as_json:
        return json.dumps(res, ensure_ascii=False) + "\n"
    return evaluation.format_report(res, ("indicators", "entities", "themes")) + "\n"


def _diff(gold: list[dict], pred: list[dict]) -> None:
    """Per document: gold rows not predicted and predicted rows not in gold (by value+unit)."""
    scorer = scoring
    by_id = {p["doc_id"]: p for p in pred}
    for g in gold:
        p = by_id.get(g["doc_id"], {"indicators": []})
        req = [x for x in g["indicators"] if not x.get("optional")]
        opt = [x for x in g["indicators"] if x.get("optional")]
        pairs = scorer.match_doc(req, p["indicators"])
        used = {b for _, b in pairs}
        rest = [x for k, x in enumerate(p["indicators"]) if k not in used]
        opt_used = {b for _, b in scorer.match_doc(opt, rest)}
        print(f"== {g['doc_id']}")
        for a, b in pairs:
            gx, px = req[a], p["indicators"][b]
            bad = [f for f in ("subject", "period", "qualifier", "kind", "forecast")
                   if (f == "subject" and scorer.char_f1(gx.get(f), px.get(f)) < 0.5)
                   or (f != "subject" and (gx.get(f) or None) != (px.get(f) or None)
                       and not (f == "qualifier" and (gx.get(f) or "eq") == (px.get(f) or "eq"))
                       and not (f == "kind" and (gx.get(f) or "level") == (px.get(f) or "level")))]
            if bad:
                print(f"  ~ {gx['text']}: " + "; ".join(f"{f} gold={gx.get(f)!r} pred={px.get(f)!r}" for f in bad))
        matched = {a for a, _ in pairs}
        for k, x in enumerate(req):
            if k not in matched:
                print(f"  - MISS {x['text']} ({x.get('subject')})")
        for k, x in enumerate(rest):
            if k not in opt_used:
                print(f"  + EXTRA {x['text']} ({x.get('subject')}) {x['value']} {x['unit']}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, action="append", help="gold JSONL (repeatable); default seed+dev")
    ap.add_argument("--corpus", type=Path, default=SHARED / "corpus", help="folder of <doc_id>.txt")
    ap.add_argument("--out", type=Path, help="also write the predictions here")
    ap.add_argument("--diff", action="store_true", help="print misses, extras and wrong attributes")
    ap.add_argument("--json", action="store_true", help="print the scorer's JSON")
    args = ap.parse_args(argv)
    gold_paths = args.gold or DEFAULT_GOLD
    gold = load_gold(gold_paths)
    pred = predict([g["doc_id"] for g in gold], args.corpus)
    if args.out:
        write_predictions(pred, args.out)
    print(score(gold, pred, args.json), end="")
    if args.diff:
        _diff(gold, pred)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
