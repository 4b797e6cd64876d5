"""``python -m pipeline train-themes``: weak + hand labels -> models/themes/.

Steps (all deterministic, fixed seed):
1. Split every doc_id into train/dev/test (``pipeline.themes.data``).
2. Training rows: hand-labeled paragraphs of train documents, plus every other
   paragraph of train documents in the corpus, weakly labeled by the lexicon
   (lower sample weight).
3. Per-theme thresholds: k-fold out-of-fold probabilities on the hand-labeled
   train rows, repeated with differently seeded fold assignments (per-theme
   positives are few, so one k-fold run gives a noisy threshold); the
   threshold maximises F1 over the pooled repetitions.
4. Fit on all training rows, then report on the untouched test split
   (paragraphs, and documents) and on dev.jsonl document themes, next to the
   lexicon alone on the same items.
5. Write model.joblib, metrics.json and the model card README.md.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, replace
from pathlib import Path

import joblib
import numpy as np

from pipeline.themes import data
from pipeline.themes.aggregate import AggregationRule
from pipeline.themes.evaluate import evaluate_documents, format_report, label_matrix, load_gold_themes, prf
from pipeline.themes.lexicon import THEMES, Lexicon
from pipeline.themes.model import ModelConfig, build_pipeline, positive_proba

MODEL_FILE = "model.joblib"
METRICS_FILE = "metrics.json"
CARD_FILE = "README.md"
DEFAULT_MODEL_DIR = data.REPO_ROOT / "models" / "themes"
TRAIN_COMMAND = "python -m pipeline train-themes"
WEAK_WEIGHT = 0.3
UNCERTAIN_WEIGHT = 0.6
MIN_WEAK_CHARS = 20
CV_REPEATS = 3


def weak_rows(split: data.Split, lexicon: Lexicon, skip: set[tuple[str, int]]) -> list[data.LabeledParagraph]:
    """Corpus paragraphs of train documents without a hand label, lexicon-labeled."""
    rows = []
    for doc_id, no, text in data.iter_corpus_paragraphs():
        if split.of(doc_id) != "train" or (doc_id, no) in skip or len(text) < MIN_WEAK_CHARS:
            continue
        rows.append(data.LabeledParagraph(doc_id, no, text, lexicon.themes(text), "weak"))
    return rows


def row_weights(rows: list[data.LabeledParagraph]) -> np.ndarray:
    return np.array(
        [WEAK_WEIGHT if r.source == "weak" else UNCERTAIN_WEIGHT if r.uncertain else 1.0 for r in rows]
    )


def fit(config: ModelConfig, rows: list[data.LabeledParagraph], lexicon: Lexicon):
    pipe = build_pipeline(config, lexicon)
    pipe.fit([r.text for r in rows], label_matrix(r.themes for r in rows), clf__sample_weight=row_weights(rows))
    return pipe


def fold_of(doc_id: str, n_folds: int, seed: int) -> int:
    return int(hashlib.sha1(f"fold{seed}:{doc_id}".encode()).hexdigest()[:8], 16) % n_folds


def repeated_out_of_fold(
    config: ModelConfig, hand: list[data.LabeledParagraph], extra: list[data.LabeledParagraph],
    lexicon: Lexicon, n_folds: int, seed: int, repeats: int,
) -> list[np.ndarray]:
    """``repeats`` out-of-fold probability matrices, each with its own fold assignment."""
    return [out_of_fold(config, hand, extra, lexicon, n_folds, seed + r) for r in range(repeats)]


def out_of_fold(
    config: ModelConfig, hand: list[data.LabeledParagraph], extra: list[data.LabeledParagraph],
    lexicon: Lexicon, n_folds: int, seed: int,
) -> np.ndarray:
    """Probabilities for each hand row from a model that never saw its document."""
    probs = np.zeros((len(hand), len(THEMES)))
    folds = np.array([fold_of(r.doc_id, n_folds, seed) for r in hand])
    for k in range(n_folds):
        held = np.flatnonzero(folds == k)
        if not len(held):
            continue
        train = [r for r, f in zip(hand, folds) if f != k] + extra
        pipe = fit(config, train, lexicon)
        probs[held] = positive_proba(pipe, [hand[i].text for i in held])
    return probs


def mean_prf(results: list[dict]) -> dict:
    """Average of several ``prf`` results on the same items (one per CV repetition)."""
    out = {"n": results[0]["n"], "repeats": len(results), "per_theme": {}}
    for theme in results[0]["per_theme"]:
        out["per_theme"][theme] = {
            k: float(np.mean([r["per_theme"][theme][k] for r in results]))
            for k in ("p", "r", "f1", "support", "predicted")
        }
    for k in ("macro_f1", "micro_f1"):
        out[k] = float(np.mean([r[k] for r in results]))
    return out


def cross_fitted_prf(gold: np.ndarray, runs: list[np.ndarray], folds: list[np.ndarray]) -> dict:
    """CV scores with thresholds chosen without the scored fold (an unbiased-ish estimate).

    Each fold's out-of-fold probabilities are cut at thresholds chosen on the
    other folds of the same repetition, so threshold selection is part of what
    is being measured.
    """
    results = []
    for probs, fold in zip(runs, folds):
        pred = np.zeros_like(gold)
        for k in np.unique(fold):
            held = fold == k
            pred[held] = (probs[held] >= choose_thresholds(gold[~held], probs[~held])).astype(int)
        results.append(prf(gold, pred))
    return mean_prf(results)


def choose_thresholds(gold: np.ndarray, probs: np.ndarray) -> np.ndarray:
    """Per theme, the threshold with the best F1 (ties: the one nearest 0.5)."""
    grid = np.round(np.arange(0.05, 0.951, 0.01), 2)
    out = []
    for j in range(gold.shape[1]):
        best = max(
            grid,
            key=lambda t: (prf(gold[:, [j]], (probs[:, [j]] >= t).astype(int), (THEMES[j],))["macro_f1"], -abs(t - 0.5)),
        )
        out.append(float(best))
    return np.array(out)


def _doc_paragraphs(doc_ids: set[str], labeled: Iterable[data.LabeledParagraph] = ()) -> dict[str, list[str]]:
    """The corpus paragraphs of each document; a document that is not in the corpus
    (articles kept only as hand-labeled text) is its labeled paragraphs."""
    out: dict[str, list[str]] = defaultdict(list)
    for doc_id, _no, text in data.iter_corpus_paragraphs():
        if doc_id in doc_ids:
            out[doc_id].append(text)
    in_corpus = set(out)
    for r in sorted(labeled, key=lambda r: (r.doc_id, r.para_no)):
        if r.doc_id in doc_ids and r.doc_id not in in_corpus:
            out[r.doc_id].append(r.text)
    return dict(out)


def predict_documents(
    score_fn, thresholds: np.ndarray, rule: AggregationRule, paragraphs: dict[str, list[str]]
) -> dict[str, list[str]]:
    preds = {}
    for doc_id, texts in paragraphs.items():
        _, flags = rule.document_scores(score_fn(texts), [len(t) for t in texts], thresholds)
        preds[doc_id] = [t for t, f in zip(THEMES, flags) if f]
    return preds


def _summary(result: dict) -> dict:
    return {k: result[k] for k in ("per_theme", "macro_f1", "micro_f1", "n", "repeats") if k in result}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(
        prog=TRAIN_COMMAND,
        description="Train the paragraph theme classifier from lexicon weak labels and the "
        "train split of the hand labels; report held-out scores; write models/themes/.",
    )
    ap.add_argument("--model-dir", type=Path, default=DEFAULT_MODEL_DIR, help="output folder (default: %(default)s)")
    ap.add_argument("--seed", type=int, default=ModelConfig.seed, help="random seed (default: %(default)s)")
    ap.add_argument("--folds", type=int, default=5, help="CV folds for threshold selection (default: %(default)s)")
    ap.add_argument("--repeats", type=int, default=CV_REPEATS,
                    help="CV repetitions pooled for threshold selection (default: %(default)s)")
    ap.add_argument("--C", type=float, default=ModelConfig.C, help="inverse L2 strength (default: %(default)s)")
    ap.add_argument("--no-weak", action="store_true", help="train on hand labels only")
    ap.add_argument("--dry-run", action="store_true", help="report only; write nothing")
    return ap.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    random.seed(args.seed)
    np.random.seed(args.seed)
    config = replace(ModelConfig(), C=args.C, seed=args.seed)
    lexicon = Lexicon.load()
    rule = AggregationRule.from_file()
    split = data.Split.default()

    hand = data.load_hand_labels()
    if not hand:
        print("no hand labels found under tests/gold/; training on weak labels only")
    parts = data.split_rows(hand, split)
    hand_train, hand_test = parts["train"], parts["test"]
    extra = [] if args.no_weak else weak_rows(split, lexicon, {(r.doc_id, r.para_no) for r in hand})
    print(f"hand-labeled paragraphs: train {len(hand_train)}, dev {len(parts['dev'])}, test {len(hand_test)};"
          f" weak-labeled train paragraphs: {len(extra)}")

    # Thresholds from out-of-fold probabilities on the train split only.
    if hand_train:
        runs = repeated_out_of_fold(config, hand_train, extra, lexicon, args.folds, args.seed, args.repeats)
        y_train = label_matrix(r.themes for r in hand_train)
        thresholds = choose_thresholds(np.vstack([y_train] * len(runs)), np.vstack(runs))
        cv = mean_prf([prf(y_train, (p >= thresholds).astype(int)) for p in runs])
        folds = [np.array([fold_of(r.doc_id, args.folds, args.seed + i) for r in hand_train]) for i in range(len(runs))]
        cv_fair = cross_fitted_prf(y_train, runs, folds)
        print(format_report(cv, f"\n{args.repeats}x{args.folds}-fold CV on the train split (thresholds tuned on it)"))
        print(format_report(cv_fair, "same, each fold cut at thresholds chosen on the other folds"))
    else:
        thresholds, cv, cv_fair = np.full(len(THEMES), 0.5), None, None
    print("thresholds:", dict(zip(THEMES, thresholds.round(2).tolist())))

    pipe = fit(config, hand_train + extra, lexicon)
    metrics: dict = {
        "trained": dt.date.today().isoformat(),
        "seed": args.seed,
        "config": asdict(config),
        "lexicon_version": lexicon.version,
        "aggregation": asdict(rule),
        "thresholds": dict(zip(THEMES, thresholds.tolist())),
        "cv": {"folds": args.folds, "repeats": args.repeats},
        "weights": {"weak": 0.0 if args.no_weak else WEAK_WEIGHT, "uncertain": UNCERTAIN_WEIGHT},
        "data": {"hand_train": len(hand_train), "hand_dev": len(parts["dev"]), "hand_test": len(hand_test),
                 "weak_train": len(extra), "hand_label_files": [p.name for p in data.hand_label_files()]},
        "cv_train": _summary(cv) if cv else None,
        "cv_train_cross_fitted": _summary(cv_fair) if cv_fair else None,
    }
    model_scores = lambda texts: positive_proba(pipe, texts)  # noqa: E731
    lex_thr = np.array([lexicon.thresholds[t] for t in THEMES])

    if hand_test:
        texts = [r.text for r in hand_test]
        y = label_matrix(r.themes for r in hand_test)
        m = prf(y, (model_scores(texts) >= thresholds).astype(int))
        lx = prf(y, lexicon.predict(texts))
        print(format_report(m, "\nTEST split, paragraphs - classifier"))
        print(format_report(lx, "\nTEST split, paragraphs - lexicon alone"))
        metrics["test_paragraphs"] = {"model": _summary(m), "lexicon": _summary(lx)}
        sure = np.array([not r.uncertain for r in hand_test])
        if sure.any() and not sure.all():
            mc = prf(y[sure], (model_scores([t for t, s in zip(texts, sure) if s]) >= thresholds).astype(int))
            lc = prf(y[sure], lexicon.predict([t for t, s in zip(texts, sure) if s]))
            print(format_report(mc, "\nTEST split, paragraphs not flagged uncertain - classifier"))
            print(format_report(lc, "TEST split, paragraphs not flagged uncertain - lexicon alone"))
            metrics["test_paragraphs_certain"] = {"model": _summary(mc), "lexicon": _summary(lc)}

        gold_docs: dict[str, set[str]] = defaultdict(set)
        for r in hand_test:
            gold_docs[r.doc_id].update(r.themes)
        paras = _doc_paragraphs(set(gold_docs), hand_test)
        for name, ids in (("test_docs", set(gold_docs)), ("heldout_docs", set(gold_docs) & split.heldout)):
            if not ids:
                continue
            g = {d: sorted(gold_docs[d]) for d in ids}
            dm = evaluate_documents(g, predict_documents(model_scores, thresholds, rule, paras), ids)
            dl = evaluate_documents(g, predict_documents(lexicon.score_many, lex_thr, rule, paras), ids)
            print(format_report(dm, f"\n{name}: documents - classifier"))
            print(format_report(dl, f"{name}: documents - lexicon alone"))
            metrics[name] = {"model": _summary(dm), "lexicon": _summary(dl)}

    if data.DEV_GOLD.exists():
        gold = load_gold_themes(data.DEV_GOLD)
        paras = _doc_paragraphs(set(gold))
        dm = evaluate_documents(gold, predict_documents(model_scores, thresholds, rule, paras))
        dl = evaluate_documents(gold, predict_documents(lexicon.score_many, lex_thr, rule, paras))
        print(format_report(dm, "\ndev.jsonl documents - classifier"))
        print(format_report(dl, "dev.jsonl documents - lexicon alone"))
        metrics["dev_docs"] = {"model": _summary(dm), "lexicon": _summary(dl)}

    if args.dry_run:
        return 0
    from pipeline.themes.card import write_card

    args.model_dir.mkdir(parents=True, exist_ok=True)
    bundle = {"format": 1, "pipeline": pipe, "themes": THEMES, "thresholds": thresholds,
              "aggregation": rule, "lexicon_version": lexicon.version,
              "trained": metrics["trained"], "seed": args.seed}
    joblib.dump(bundle, args.model_dir / MODEL_FILE, compress=3)
    (args.model_dir / METRICS_FILE).write_text(json.dumps(metrics, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    write_card(args.model_dir / CARD_FILE, metrics)
    print(f"\nwrote {args.model_dir / MODEL_FILE} ({(args.model_dir / MODEL_FILE).stat().st_size // 1024} KiB),"
          f" {METRICS_FILE}, {CARD_FILE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
