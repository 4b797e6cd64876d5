"""Scoring theme labels: per-theme precision/recall/F1 and macro-F1.

One implementation for paragraph- and document-level measurement, so the model
card, the training report and the pipeline's eval command agree. Document
themes are scored against any gold JSONL in the annotation format
(``{"doc_id", "themes", ...}`` per line, see shared/spec/annotations.md).
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import numpy as np

from pipeline.themes.lexicon import THEMES


def label_matrix(labels: Iterable[Iterable[str]], themes: Sequence[str] = THEMES) -> np.ndarray:
    """0/1 matrix (n, len(themes)) from lists of theme names."""
    rows = [[int(t in set(ls)) for t in themes] for ls in labels]
    return np.array(rows, dtype=int).reshape(-1, len(themes))


def prf(gold: np.ndarray, pred: np.ndarray, themes: Sequence[str] = THEMES) -> dict:
    """Per-theme P/R/F1 with support, macro-F1 (mean of the per-theme F1s) and micro-F1."""
    gold = np.asarray(gold, dtype=int)
    pred = np.asarray(pred, dtype=int)
    out: dict = {"per_theme": {}, "n": int(gold.shape[0])}
    tp_all = fp_all = fn_all = 0
    f1s = []
    for j, theme in enumerate(themes):
        tp = int(((gold[:, j] == 1) & (pred[:, j] == 1)).sum())
        fp = int(((gold[:, j] == 0) & (pred[:, j] == 1)).sum())
        fn = int(((gold[:, j] == 1) & (pred[:, j] == 0)).sum())
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        out["per_theme"][theme] = {"p": p, "r": r, "f1": f, "support": tp + fn, "predicted": tp + fp}
        f1s.append(f)
        tp_all, fp_all, fn_all = tp_all + tp, fp_all + fp, fn_all + fn
    out["macro_f1"] = float(np.mean(f1s)) if f1s else 0.0
    mp = tp_all / (tp_all + fp_all) if tp_all + fp_all else 0.0
    mr = tp_all / (tp_all + fn_all) if tp_all + fn_all else 0.0
    out["micro_f1"] = 2 * mp * mr / (mp + mr) if mp + mr else 0.0
    return out


def _count(x: float) -> str:
    """Counts are whole numbers except when averaged over CV repetitions."""
    return f"{x:.0f}" if float(x).is_integer() else f"{x:.1f}"


def format_report(result: Mapping, title: str = "") -> str:
    lines = [title] if title else []
    lines.append(f"{'theme':<14}{'P':>7}{'R':>7}{'F1':>7}{'gold':>6}{'pred':>6}")
    for theme, m in result["per_theme"].items():
        lines.append(
            f"{theme:<14}{m['p']:7.3f}{m['r']:7.3f}{m['f1']:7.3f}{_count(m['support']):>6}{_count(m['predicted']):>6}"
        )
    lines.append(f"{'macro-F1':<14}{result['macro_f1']:21.3f}   (n={result['n']}, micro-F1 {result['micro_f1']:.3f})")
    return "\n".join(lines)


def prf_report(gold: np.ndarray, pred: np.ndarray, title: str = "") -> str:
    return format_report(prf(gold, pred), title)


def load_gold_themes(path: Path) -> dict[str, list[str]]:
    """doc_id -> themes from a gold JSONL (annotation format)."""
    out: dict[str, list[str]] = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            out[rec["doc_id"]] = sorted(set(rec.get("themes") or []))
    return out


def evaluate_documents(
    gold: Path | Mapping[str, Sequence[str]],
    predictions: Mapping[str, Sequence[str]],
    doc_ids: Iterable[str] | None = None,
) -> dict:
    """Document-level theme P/R/F1 of ``predictions`` (doc_id -> themes) against gold.

    ``gold`` is a gold JSONL path or a mapping. Only gold documents are scored
    (optionally restricted to ``doc_ids``); a gold document without a prediction
    counts as predicted with no theme and is listed under ``missing``.
    """
    gold_map = load_gold_themes(gold) if isinstance(gold, (str, Path)) else dict(gold)
    ids = sorted(gold_map if doc_ids is None else set(doc_ids) & set(gold_map))
    result = prf(
        label_matrix(gold_map[d] for d in ids),
        label_matrix(predictions.get(d, ()) for d in ids),
    )
    result["missing"] = [d for d in ids if d not in predictions]
    result["doc_ids"] = ids
    return result


def load_predicted_themes(path: Path) -> dict[str, list[str]]:
    """doc_id -> themes from a predictions JSONL or a run's documents.parquet."""
    path = Path(path)
    if path.suffix == ".parquet":
        import pandas as pd

        frame = pd.read_parquet(path, columns=["doc_id", "themes"])
        return {
            str(d): sorted(set(t)) if t is not None else []
            for d, t in zip(frame["doc_id"], frame["themes"])
        }
    return load_gold_themes(path)


def main(argv: list[str] | None = None) -> int:
    """Score document themes: python -m pipeline.themes.evaluate GOLD.jsonl PRED(.jsonl|documents.parquet)."""
    import argparse

    ap = argparse.ArgumentParser(prog="python -m pipeline.themes.evaluate", description=main.__doc__)
    ap.add_argument("gold", type=Path, help="gold JSONL in the annotation format")
    ap.add_argument("pred", type=Path, help="predictions JSONL ({doc_id, themes}) or documents.parquet")
    args = ap.parse_args(argv)
    result = evaluate_documents(args.gold, load_predicted_themes(args.pred))
    print(format_report(result, f"document themes: {args.pred} vs {args.gold}"))
    if result["missing"]:
        print(f"{len(result['missing'])} gold documents without a prediction (scored as no theme)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
