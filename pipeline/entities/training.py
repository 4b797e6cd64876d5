"""``python -m pipeline train-ner``: build the NER model from CLUENER + MSRA.

Steps, all reproducible from a fixed seed:
1. read both corpora as character spans (:mod:`corpora`), map labels, strip 《》
   from WORK, hold out a deterministic slice of *train* for model selection
   (CLUENER dev and MSRA test stay untouched for the reported scores);
2. align spans to jieba tokens (:mod:`alignment`) and write DocBins;
3. train tok2vec + ner with spaCy's config system (``ner.cfg``);
4. add the rule components (:mod:`rules`) and save to the output dir;
5. score (:mod:`evaluate`) and write the model card.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

import spacy
from spacy.tokens import DocBin

from pipeline.entities import alignment, corpora, domain_data
from pipeline.entities.tokenizer import blank_nlp

REPO_ROOT = Path(__file__).resolve().parent.parent.parent
CONFIG_PATH = Path(__file__).with_name("ner.cfg")
DEFAULT_SEED = 20260101
HOLDOUT_CLUENER_EVERY = 20   # every 20th CLUENER train sentence -> selection dev
HOLDOUT_MSRA_EVERY = 50      # every 50th MSRA train sentence -> selection dev


def default_data_dir() -> Path:
    return (REPO_ROOT.parent / "shared" / "data" / "ner").resolve()


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m pipeline train-ner",
                                description="Train the spaCy NER (ORG/LOC/PER/WORK) and assemble the rules.")
    p.add_argument("--data-dir", type=Path, default=default_data_dir(),
                   help="folder with cluener/, msra/, label_map.json (default: ../shared/data/ner)")
    p.add_argument("--output-dir", type=Path, default=REPO_ROOT / "models" / "ner",
                   help="where the final pipeline and model card go (default: models/ner)")
    p.add_argument("--work-dir", type=Path, default=None,
                   help="scratch folder for DocBins and checkpoints (default: a temp dir, removed)")
    p.add_argument("--seed", type=int, default=DEFAULT_SEED)
    p.add_argument("--max-steps", type=int, default=8000, help="optimizer steps")
    p.add_argument("--eval-frequency", type=int, default=1000)
    p.add_argument("--max-sentences", type=int, default=None,
                   help="cap on sentences read from EACH corpus (quick runs / smoke tests)")
    p.add_argument("--msra-sentences", type=int, default=45000,
                   help="MSRA train sentences used (subset for the CPU budget; 45000 = all)")
    p.add_argument("--cluener-repeat", type=int, default=2,
                   help="copies of each CLUENER train sentence (its address/scene/title conventions "
                        "match the spec better than MSRA's; see the model card)")
    p.add_argument("--msra-titles", choices=["mask", "drop", "keep"], default="mask",
                   help="what to do with MSRA's unlabelled 《…》 titles")
    p.add_argument("--alignment", choices=["strict", "expand", "contract"], default="strict",
                   help="how character spans crossing jieba tokens are aligned")
    p.add_argument("--no-fill-repeats", action="store_true",
                   help="do not label unannotated repeats of CLUENER entities")
    p.add_argument("--domain-gold", type=Path, nargs="*", default=domain_data.development_gold(),
                   help="our labeled domain articles (annotation JSONL) added to training; "
                        "held-out documents are refused (default: the development sets "
                        "seed, dev, dev2-dev5; give the flag alone for none)")
    p.add_argument("--domain-corpus", type=Path, default=REPO_ROOT.parent / "shared" / "corpus",
                   help="folder holding the domain gold's documents (<doc_id>.txt)")
    p.add_argument("--domain-repeat", type=int, default=3,
                   help="times each domain sentence is repeated in training")
    p.add_argument("--from-trained", type=Path, default=None,
                   help="skip training: assemble rules onto this trained spaCy pipeline dir")
    p.add_argument("--set", dest="config_overrides", metavar="KEY=VALUE", action="append", default=[],
                   help="override a value of ner.cfg, as spaCy's CLI does (repeatable), e.g. "
                        "--set components.tok2vec.model.encode.depth=2; values are read as JSON "
                        "when they parse, else as strings")
    p.add_argument("--no-eval", action="store_true", help="skip scoring and the model card")
    p.add_argument("--eval-limit", type=int, default=None,
                   help="cap on evaluation sentences per corpus (quick runs)")
    return p


def prepare_data(args: argparse.Namespace, work: Path) -> dict:
    """Write train/dev DocBins; return data and alignment statistics."""
    nlp = blank_nlp()
    label_map = corpora.load_label_map(args.data_dir)
    train_bin, dev_bin = DocBin(store_user_data=False), DocBin(store_user_data=False)
    stats: dict = {}
    cap = args.max_sentences
    cl_stats = alignment.AlignmentStats()
    cl = corpora.read_cluener(args.data_dir / "cluener" / "train.jsonl", label_map["cluener"],
                              fill_repeats=not args.no_fill_repeats)
    n_cl = 0
    for i, ex in enumerate(cl):
        if cap is not None and i >= cap:
            break
        doc = alignment.example_to_doc(nlp, ex, args.alignment, cl_stats)
        if i % HOLDOUT_CLUENER_EVERY == HOLDOUT_CLUENER_EVERY - 1:
            dev_bin.add(doc)
        else:
            for _ in range(max(1, args.cluener_repeat)):
                train_bin.add(doc)
        n_cl += 1
    ms_stats = alignment.AlignmentStats()
    ms_read: dict[str, int] = {}
    n_ms = min(args.msra_sentences, cap) if cap is not None else args.msra_sentences
    ms = corpora.read_msra(args.data_dir / "msra" / "train.bio", label_map["msra"],
                           titles=args.msra_titles, max_sentences=n_ms, stats=ms_read)
    for i, ex in enumerate(ms):
        doc = alignment.example_to_doc(nlp, ex, args.alignment, ms_stats)
        (dev_bin if i % HOLDOUT_MSRA_EVERY == HOLDOUT_MSRA_EVERY - 1 else train_bin).add(doc)
    dom_stats = alignment.AlignmentStats()
    n_dom = 0
    if args.domain_gold:
        for ex in domain_data.read_domain_gold(args.domain_gold, args.domain_corpus):
            doc = alignment.example_to_doc(nlp, ex, args.alignment, dom_stats)
            for _ in range(max(1, args.domain_repeat)):
                train_bin.add(doc)
            n_dom += 1
    train_bin.to_disk(work / "train.spacy")
    dev_bin.to_disk(work / "dev.spacy")
    stats["cluener_sentences"] = n_cl
    stats["msra_read"] = ms_read
    stats["alignment_mode"] = args.alignment
    stats["alignment_cluener"] = dict(cl_stats.counts)
    stats["alignment_msra"] = dict(ms_stats.counts)
    stats["domain_sentences"] = n_dom
    stats["domain_gold"] = [str(p) for p in args.domain_gold]
    stats["alignment_domain"] = dict(dom_stats.counts)
    stats["alignment_samples"] = (cl_stats.samples[:10] + ms_stats.samples[:10])
    stats["train_docs"] = len(train_bin)
    stats["dev_docs"] = len(dev_bin)
    return stats


def config_overrides(pairs: list[str]) -> dict:
    """``--set key=value`` pairs as spaCy config overrides (JSON values where they parse)."""
    out: dict = {}
    for pair in pairs:
        key, sep, raw = pair.partition("=")
        if not sep or not key.strip():
            raise SystemExit(f"error: --set expects KEY=VALUE, got {pair!r}")
        try:
            out[key.strip()] = json.loads(raw)
        except json.JSONDecodeError:
            out[key.strip()] = raw
    return out


def train_model(args: argparse.Namespace, work: Path) -> Path:
    from spacy.cli.train import train as spacy_train

    out = work / "trained"
    overrides = {
        "paths.train": str(work / "train.spacy"),
        "paths.dev": str(work / "dev.spacy"),
        "system.seed": args.seed,
        "training.max_steps": args.max_steps,
        "training.eval_frequency": min(args.eval_frequency, max(args.max_steps, 1)),
        **config_overrides(args.config_overrides),
    }
    spacy_train(CONFIG_PATH, out, overrides=overrides, use_gpu=-1)
    best = out / "model-best"
    return best if best.exists() else out / "model-last"


def _jsonable(value):
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    config_overrides(args.config_overrides)   # a malformed --set fails now, not after data prep
    args.data_dir = args.data_dir.resolve()
    if not (args.data_dir / "label_map.json").exists() and args.from_trained is None:
        print(f"error: no NER data in {args.data_dir} (expected label_map.json, cluener/, msra/)",
              file=sys.stderr)
        return 2
    spacy.util.fix_random_seed(args.seed)
    own_work = args.work_dir is None
    work = Path(tempfile.mkdtemp(prefix="ner-train-")) if own_work else args.work_dir
    work.mkdir(parents=True, exist_ok=True)
    t0 = time.time()
    info: dict = {"seed": args.seed, "max_steps": args.max_steps,
                  "options": {k: _jsonable(v) for k, v in vars(args).items()},
                  "command": "python -m pipeline train-ner " + " ".join(argv if argv is not None else sys.argv[1:])}
    try:
        if args.from_trained is None:
            info["data"] = prepare_data(args, work)
            (work / "data_stats.json").write_text(json.dumps(info["data"], ensure_ascii=False, indent=2))
            print(json.dumps(info["data"], ensure_ascii=False, indent=1), flush=True)
            trained = train_model(args, work)
        else:
            trained = args.from_trained
            prev = args.output_dir / "training.json"
            if prev.exists():
                prev_info = json.loads(prev.read_text(encoding="utf-8"))
                info = {**prev_info, "rules_reassembled_with": info["command"]}
        info["train_seconds"] = info.get("train_seconds") if args.from_trained else round(time.time() - t0, 1)
        from pipeline.entities import rules

        nlp = spacy.load(trained)
        rules.add_rules(nlp)
        target = args.output_dir / "model"
        shutil.rmtree(target, ignore_errors=True)  # nlp is in memory, even if loaded from here
        target.parent.mkdir(parents=True, exist_ok=True)
        nlp.meta["name"] = "av_ner"
        nlp.meta["version"] = time.strftime("%Y.%m.%d", time.gmtime())
        nlp.to_disk(target)
        (args.output_dir / "training.json").write_text(json.dumps(info, ensure_ascii=False, indent=2),
                                                       encoding="utf-8")
        print(f"saved pipeline to {target}", flush=True)
        if not args.no_eval:
            from pipeline.entities import evaluate

            ev_args = ["--model-dir", str(args.output_dir), "--data-dir", str(args.data_dir), "--write-card"]
            if args.eval_limit is not None:
                ev_args += ["--limit", str(args.eval_limit)]
            return evaluate.main(ev_args)
        return 0
    finally:
        if own_work:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
