"""``python -m pipeline eval``: the pipeline's quality against gold annotations.

The gold set's documents go through the same batch processing the flow's
tasks run (ingest → clean → segment → indicators → entities → themes), the
rows are turned into the annotation format of ``shared/spec/annotations.md``,
and the reference scorer prints indicator, entity and theme figures.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .config import SUPPORTED_SUFFIXES
from .discover import SourceFile, _classify

INDICATOR_FIELDS = ("text", "subject", "value", "value_high", "unit", "period", "qualifier", "kind", "forecast")


def add_eval_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--gold", type=Path, action="append", required=True,
                   help="gold annotations (JSON Lines, one document per line); repeat to combine files")
    p.add_argument("--corpus", type=Path, action="append", required=True,
                   help="folder the gold doc_ids are relative to (doc_id + a supported extension); "
                        "repeat to search several folders, first match wins")
    p.add_argument("--stages", default="indicators,entities,themes",
                   help="stages to run and score (default: all)")
    p.add_argument("--pred-out", type=Path, default=None, help="also write the predictions (JSON Lines) here")
    p.add_argument("--json", action="store_true", help="print the scores as one JSON object")
    p.add_argument("--show-errors", type=int, default=0, metavar="N",
                   help="list up to N missed and N extra indicators")
    p.add_argument("--theme-split", choices=("train", "dev", "test"), default=None,
                   help="score only the gold documents in this split of the theme model's data "
                        "(test: documents the theme classifier never trained or tuned on)")


def load_gold(paths: list[Path]) -> dict[str, dict]:
    gold: dict[str, dict] = {}
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    d = json.loads(line)
                    gold[d["doc_id"]] = d
    return gold


def in_theme_split(gold: dict[str, dict], split: str) -> dict[str, dict]:
    """The gold documents of one theme-data split: document-level theme figures on
    the theme model's TEST documents, labeled by other readers than its paragraphs,
    are a larger unseen sample than the held-out set alone."""
    from .themes.data import Split

    assignment = Split.default()
    return {d: g for d, g in gold.items() if assignment.of(d) == split}


def find_source(corpus: Path | list[Path], doc_id: str) -> SourceFile | None:
    """The document's file in the first corpus folder that holds it (our own extra
    articles live under tests/corpus, the shared ones under shared/corpus)."""
    for folder in [corpus] if isinstance(corpus, Path) else corpus:
        for suffix in SUPPORTED_SUFFIXES:
            path = folder / f"{doc_id}{suffix}"
            if path.is_file():
                return _classify(path, f"{doc_id}{suffix}", 1 << 40)
    return None


def predict(corpus: Path | list[Path], doc_ids: list[str], stage_names: tuple[str, ...]) -> dict[str, dict]:
    """Predictions in annotation format for the given documents."""
    from . import stages
    from .process import process_batch

    key = stages.cache_key(stages.versions(stage_names))
    sources = [s for s in (find_source(corpus, d) for d in doc_ids) if s is not None]
    result = process_batch(sources, "eval", key, stage_names)
    preds: dict[str, dict] = {}
    for row in result.rows["documents"]:
        preds[row["doc_id"]] = {"doc_id": row["doc_id"], "themes": list(row["themes"] or []),
                                "indicators": [], "entities": []}
    for row in result.rows["indicators"]:
        preds[row["doc_id"]]["indicators"].append({k: row[k] for k in INDICATOR_FIELDS})
    seen: set[tuple[str, str, str]] = set()
    for row in result.rows["entities"]:
        key3 = (row["doc_id"], row["text"], row["label"])
        if key3 not in seen:
            seen.add(key3)
            preds[row["doc_id"]]["entities"].append({"text": row["text"], "label": row["label"]})
    return preds


def format_report(res: dict, stage_names: tuple[str, ...]) -> str:
    """The figures, in the layout of shared/tools/score.py."""
    out = [f"docs {res['docs']}  missing predictions for {len(res['docs_missing'])}"]
    if "indicators" in stage_names:
        i = res["indicators"]
        out.append(f"indicators  P {i['precision']:.3f}  R {i['recall']:.3f}  F1 {i['f1']:.3f}  "
                   f"(tp {i['tp']} pred {i['pred']} gold {i['gold']})")
        out.append("  attribute accuracy on matches: " + "  ".join(f"{k} {v:.2f}" for k, v in i["attr_acc"].items()))
    if "entities" in stage_names:
        e = res["entities"]
        out.append("entities    " + "  ".join(f"{k} F1 {v['f1']:.3f}" for k, v in sorted(e.items())))
    if "themes" in stage_names:
        t = res["themes"]
        out.append(f"themes      P {t['precision']:.3f}  R {t['recall']:.3f}  F1 {t['f1']:.3f}  exact-set {t['exact_set']:.3f}")
    return "\n".join(out)


def run_eval(args: argparse.Namespace) -> int:
    from .scoring import score

    stage_names = tuple(s.strip() for s in args.stages.split(",") if s.strip())
    gold = load_gold(args.gold)
    if args.theme_split:
        gold = in_theme_split(gold, args.theme_split)
    missing = [d for d in gold if find_source(args.corpus, d) is None]
    if missing:
        folders = ", ".join(str(c) for c in args.corpus)
        print(f"error: {len(missing)} gold documents not found under {folders}, e.g. {missing[:3]}", file=sys.stderr)
        return 2
    preds = predict(args.corpus, list(gold), stage_names)
    if args.pred_out:
        args.pred_out.parent.mkdir(parents=True, exist_ok=True)
        with open(args.pred_out, "w", encoding="utf-8") as f:
            for d in preds.values():
                f.write(json.dumps(d, ensure_ascii=False) + "\n")
    res = score(gold, preds)
    if args.json:
        print(json.dumps(res, ensure_ascii=False))
        return 0
    print(format_report(res, stage_names))
    if args.show_errors:
        n = args.show_errors
        for label, rows in (("missed", res["indicators"]["misses"]), ("extra", res["indicators"]["extras"])):
            for doc_id, text, subject in rows[:n]:
                print(f"  {label:6} {doc_id}  {text}  [{subject}]")
    return 0
