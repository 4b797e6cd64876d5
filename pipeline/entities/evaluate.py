"""Score the NER pipeline and (optionally) write the model card.

Three measurements, all reproducible with ``python -m pipeline.entities.evaluate``:

- CLUENER dev (labels mapped, WORK without 《》) and MSRA test: exact
  character-span matches, per label and micro, for the statistical model alone
  (rules disabled) and for the full pipeline (model + rules). MSRA has no WORK
  class, so WORK predictions are ignored there.
- Domain articles (shared/corpus/labeled/{seed,dev}.jsonl): predictions written
  in the annotation format (each distinct (text, label) once per document) and
  scored with shared/tools/score.py.
- Speed: characters per second of the full pipeline with nlp.pipe.
"""
from __future__ import annotations

import argparse
import json
import os
import string
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Iterable

from pipeline.entities import corpora
from pipeline.entities.domain_data import corpus_folders, evaluation_gold
from pipeline.entities.training import REPO_ROOT, default_data_dir
from pipeline.evaluation import find_source

LABELS = ("ORG", "LOC", "PER", "WORK")
CARD_TEMPLATE = Path(__file__).with_name("model_card.md")


def prf(tp: int, npred: int, ngold: int) -> dict[str, float]:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
            "tp": tp, "pred": npred, "gold": ngold}


def span_scores(nlp, examples: list[corpora.CharExample], labels: Iterable[str],
                disable: list[str] | None = None) -> dict:
    labels = tuple(labels)
    tp, npred, ngold = Counter(), Counter(), Counter()
    aligned = 0
    texts = [ex.text for ex in examples]
    t0 = time.perf_counter()
    with nlp.select_pipes(disable=disable or []):
        docs = list(nlp.pipe(texts, batch_size=128))
    seconds = time.perf_counter() - t0
    for ex, doc in zip(examples, docs):
        gold = Counter((s, e, lab) for s, e, lab in ex.spans if lab in labels)
        pred = Counter()
        for ent in doc.ents:
            s, e = ent.start_char, ent.end_char
            if ent.label_ == "WORK":
                s, e = corpora.strip_title_marks(ex.text, s, e)
            if ent.label_ in labels:
                pred[(s, e, ent.label_)] += 1
        for key, n in gold.items():
            ngold[key[2]] += n
            tp[key[2]] += min(n, pred.get(key, 0))
            if doc.char_span(key[0], key[1]) is not None:
                aligned += n
        for key, n in pred.items():
            npred[key[2]] += n
    res = {lab: prf(tp[lab], npred[lab], ngold[lab]) for lab in labels}
    res["micro"] = prf(sum(tp.values()), sum(npred.values()), sum(ngold.values()))
    total_gold = sum(ngold.values())
    res["token_aligned_gold"] = round(aligned / total_gold, 4) if total_gold else 0.0
    chars = sum(len(t) for t in texts)
    res["chars_per_second"] = round(chars / seconds) if seconds else None
    return res


def public_scores(nlp, data_dir: Path, limit: int | None) -> dict:
    from pipeline.entities.rules import MERGE_NAME, RULER_NAME

    label_map = corpora.load_label_map(data_dir)
    cl = list(corpora.read_cluener(data_dir / "cluener" / "dev.jsonl", label_map["cluener"]))
    ms = list(corpora.read_msra(data_dir / "msra" / "test.bio", label_map["msra"], titles="keep"))
    if limit is not None:
        cl, ms = cl[:limit], ms[:limit]
    rule_pipes = [p for p in (RULER_NAME, MERGE_NAME) if p in nlp.pipe_names]
    out = {}
    for name, exs, labels in (("cluener_dev", cl, LABELS), ("msra_test", ms, ("ORG", "LOC", "PER"))):
        out[name] = {"sentences": len(exs),
                     "model": span_scores(nlp, exs, labels, disable=rule_pipes),
                     "pipeline": span_scores(nlp, exs, labels)}
    return out


def _clean(doc_id: str, raw: str):
    try:
        from pipeline.clean import clean_document
    except ImportError:  # cleaning stage not available: one paragraph per line
        clean_document = None
    if clean_document is not None:
        return clean_document(doc_id, raw)
    from pipeline.document import CleanDocument, Paragraph

    paras, pos = [], 0
    for line in raw.split("\n"):
        if line.strip():
            paras.append(Paragraph(len(paras), pos, pos + len(line)))
        pos += len(line) + 1
    return CleanDocument(doc_id, raw, paragraphs=paras)


def domain_predictions(recognizer, gold_path: Path, corpus_dir: Path) -> tuple[list[dict], float, int]:
    gold = [json.loads(l) for l in gold_path.read_text(encoding="utf-8").splitlines() if l.strip()]
    docs = []
    for g in gold:
        source = find_source(corpus_folders(corpus_dir), g["doc_id"])
        if source is None:
            raise FileNotFoundError(f"{g['doc_id']}: not under {corpus_dir} or {corpus_folders(corpus_dir)[1:]}")
        raw = source.path.read_text(encoding="utf-8")
        docs.append(_clean(g["doc_id"], raw))
    t0 = time.perf_counter()
    ents = recognizer.recognise(docs)
    seconds = time.perf_counter() - t0
    preds = []
    for doc, es in zip(docs, ents):
        seen, items = set(), []
        for e in es:
            if (e.text, e.label) not in seen:
                seen.add((e.text, e.label))
                items.append({"text": e.text, "label": e.label})
        preds.append({"doc_id": doc.doc_id, "entities": items})
    return preds, seconds, sum(len(d.text) for d in docs)


def trained_on(model_dir: Path) -> set[str]:
    """Stems of the domain gold sets the model was trained on (training.json)."""
    path = model_dir / "training.json"
    if not path.exists():
        return set()
    info = json.loads(path.read_text(encoding="utf-8"))
    return {Path(p).stem for p in info.get("data", {}).get("domain_gold", [])}


def domain_scores(recognizer, gold_paths: list[Path], corpus_dir: Path, pred_dir: Path,
                  score_tool: Path, trained: set[str] = frozenset()) -> dict:
    pred_dir.mkdir(parents=True, exist_ok=True)
    out = {}
    unseen = [gp for gp in gold_paths if gp.stem not in trained]
    if len(unseen) > 1:   # the sets the model never saw, together: the domain figure to compare
        combined = pred_dir / "gold_not_trained.jsonl"
        combined.write_text("".join(gp.read_text(encoding="utf-8") for gp in unseen), encoding="utf-8")
        gold_paths = list(gold_paths) + [combined]
    for gp in gold_paths:
        preds, seconds, chars = domain_predictions(recognizer, gp, corpus_dir)
        pred_path = pred_dir / f"pred_{gp.stem}.jsonl"
        pred_path.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in preds),
                             encoding="utf-8")
        res = subprocess.run([sys.executable, str(score_tool), str(gp), str(pred_path), "--json"],
                             capture_output=True, text=True, check=True)
        ent = json.loads(res.stdout)["entities"]
        out[gp.stem] = {"docs": len(preds), "entities": {k: {m: round(v, 4) for m, v in d.items()}
                                                          for k, d in ent.items()},
                        "chars_per_second": round(chars / seconds) if seconds else None,
                        "in_training": gp.stem in trained,
                        "predictions": str(pred_path)}
    return out


def _table(rows: dict, labels: Iterable[str]) -> str:
    lines = ["| label | P | R | F1 | gold |", "|---|---:|---:|---:|---:|"]
    for lab in list(labels) + ["micro"]:
        r = rows[lab]
        lines.append(f"| {lab} | {r['precision']:.3f} | {r['recall']:.3f} | {r['f1']:.3f} | {r.get('gold', '')} |")
    return "\n".join(lines)


def write_card(model_dir: Path, scores: dict) -> Path:
    info_path = model_dir / "training.json"
    info = json.loads(info_path.read_text(encoding="utf-8")) if info_path.exists() else {}
    data = info.get("data", {})
    pub = scores.get("public", {})
    sections = {}
    for corpus, labels in (("cluener_dev", LABELS), ("msra_test", ("ORG", "LOC", "PER"))):
        if corpus in pub:
            c = pub[corpus]
            sections[corpus] = (
                f"Statistical model alone (rules disabled), {c['sentences']} sentences; "
                f"{c['model']['token_aligned_gold']:.1%} of gold spans fall on jieba token boundaries "
                f"(the ceiling for a token-level model):\n\n{_table(c['model'], labels)}\n\n"
                f"Full pipeline (model + gazetteers + title rule):\n\n{_table(c['pipeline'], labels)}")
        else:
            sections[corpus] = "(not measured)"
    dom_lines = ["| gold set | in training | docs | ORG F1 | LOC F1 | PER F1 | WORK F1 | micro P | micro R | micro F1 |",
                 "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for name, d in scores.get("domain", {}).items():
        e = d["entities"]
        seen = "yes" if d.get("in_training") else "no"
        dom_lines.append(f"| {name}.jsonl | {seen} | {d['docs']} | " + " | ".join(
            f"{e.get(l, {}).get('f1', 0):.3f}" for l in LABELS)
            + f" | {e['micro']['precision']:.3f} | {e['micro']['recall']:.3f} | {e['micro']['f1']:.3f} |")
    speed = []
    for corpus in ("cluener_dev", "msra_test"):
        if corpus in pub:
            speed.append(f"{corpus}: {pub[corpus]['pipeline']['chars_per_second']:,} chars/s")
    for name, d in scores.get("domain", {}).items():
        speed.append(f"domain {name} (recognise(), paragraphs): {d['chars_per_second']:,} chars/s")
    subs = {
        "command": info.get("command", "python -m pipeline train-ner"),
        "reassembled": (f"Rule components re-assembled afterwards with `{info['rules_reassembled_with']}`."
                        if info.get("rules_reassembled_with") else ""),
        "seed": info.get("seed", ""),
        "max_steps": info.get("max_steps", ""),
        "train_minutes": f"{info['train_seconds'] / 60:.1f}" if info.get("train_seconds") else "n/a",
        "data_stats": json.dumps({k: v for k, v in data.items() if k != "alignment_samples"},
                                 ensure_ascii=False, indent=1),
        "alignment_samples": "\n".join(f"- {s}" for s in data.get("alignment_samples", [])),
        "cluener_dev": sections["cluener_dev"],
        "msra_test": sections["msra_test"],
        "domain": "\n".join(dom_lines),
        "speed": "\n".join(f"- {s}" for s in speed),
        "eval_command": scores.get("command", ""),
        "model_size": f"{sum(p.stat().st_size for p in (model_dir / 'model').rglob('*') if p.is_file()) / 1e6:.1f} MB"
        if (model_dir / "model").exists() else "n/a",
        "version": scores.get("version", ""),
    }
    card = string.Template(CARD_TEMPLATE.read_text(encoding="utf-8")).safe_substitute(subs)
    path = model_dir / "README.md"
    path.write_text(card, encoding="utf-8")
    return path


def build_parser() -> argparse.ArgumentParser:
    shared = REPO_ROOT.parent / "shared"
    p = argparse.ArgumentParser(prog="python -m pipeline.entities.evaluate",
                                description="Score the NER pipeline; optionally rewrite models/ner/README.md.")
    p.add_argument("--model-dir", type=Path, default=REPO_ROOT / "models" / "ner")
    p.add_argument("--data-dir", type=Path, default=default_data_dir())
    p.add_argument("--corpus-dir", type=Path, default=shared / "corpus")
    p.add_argument("--gold", type=Path, nargs="*",
                   default=evaluation_gold(),
                   help="domain gold sets (default: labeled seed + dev and the tests/gold development sets; "
                        "never the held-out sets; those the model was trained on are marked in the card, "
                        "the others are combined into gold_not_trained)")
    p.add_argument("--score-tool", type=Path, default=shared / "tools" / "score.py")
    p.add_argument("--pred-dir", type=Path, default=None, help="default: MODEL_DIR/eval")
    p.add_argument("--limit", type=int, default=None, help="cap on public-corpus sentences")
    p.add_argument("--skip-public", action="store_true", help="only score the domain gold sets")
    p.add_argument("--write-card", action="store_true",
                   help="rewrite MODEL_DIR/README.md and MODEL_DIR/scores.json (otherwise only print)")
    return p


def _portable(arg: str) -> str:
    """An absolute path as the card shows it: relative to where the command runs (../shared/...)."""
    return os.path.relpath(arg) if os.path.isabs(arg) and os.path.exists(arg) else arg


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from pipeline.entities import EntityRecognizer

    rec = EntityRecognizer.load(args.model_dir)
    scores: dict = {"version": rec.version,
                    "command": "python -m pipeline.entities.evaluate " + " ".join(
                        map(_portable, argv if argv is not None else sys.argv[1:]))}
    if not args.skip_public:
        scores["public"] = public_scores(rec.nlp, args.data_dir, args.limit)
    gold = [g for g in args.gold if g.exists()]
    if gold and args.score_tool.exists():
        scores["domain"] = domain_scores(rec, gold, args.corpus_dir, args.pred_dir or args.model_dir / "eval",
                                         args.score_tool, trained_on(args.model_dir))
    if args.write_card:
        # scores.json goes with the card: a partial run (--skip-public, other
        # --gold sets, --limit) only prints, so it cannot overwrite them.
        (args.model_dir / "scores.json").write_text(json.dumps(scores, ensure_ascii=False, indent=2),
                                                    encoding="utf-8")
    for corpus, c in scores.get("public", {}).items():
        for mode in ("model", "pipeline"):
            m = c[mode]["micro"]
            print(f"{corpus:12s} {mode:8s} P {m['precision']:.3f} R {m['recall']:.3f} F1 {m['f1']:.3f}  "
                  + "  ".join(f"{l} {c[mode][l]['f1']:.3f}" for l in LABELS if l in c[mode]))
    for name, d in scores.get("domain", {}).items():
        e = d["entities"]
        print(f"domain {name:6s} micro P {e['micro']['precision']:.3f} R {e['micro']['recall']:.3f} "
              f"F1 {e['micro']['f1']:.3f}  " + "  ".join(f"{l} {e[l]['f1']:.3f}" for l in LABELS if l in e))
    if args.write_card:
        print(f"wrote {write_card(args.model_dir, scores)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
