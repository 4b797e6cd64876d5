"""Scoring of predictions against gold annotations.

A verbatim copy of shared/tools/score.py (the project's reference scorer), so
that `python -m pipeline eval` prints the same figures without depending on
a folder beside the repository. tests/test_evaluation.py checks that the two
agree whenever shared/ is present.
"""
import json, sys
from collections import defaultdict

UNIT_SYN = {"名": "人", "位": "人", "人次": "人次", "人民币": "元", "元人民币": "元", "百分比": "%", "％": "%"}


def canon_unit(u):
    if u is None:
        return None
    u = str(u).strip()
    return UNIT_SYN.get(u, u) or None


def close(a, b, rel=2e-3):
    if a is None or b is None:
        return False
    a, b = float(a), float(b)
    return abs(a - b) <= rel * max(abs(a), abs(b), 1e-12)


def load(path):
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line:
                d = json.loads(line)
                out[d["doc_id"]] = d
    return out


def char_f1(a, b):
    if not a or not b:
        return 0.0
    a, b = str(a), str(b)
    if a in b or b in a:
        return 1.0
    ca, cb = defaultdict(int), defaultdict(int)
    for c in a:
        ca[c] += 1
    for c in b:
        cb[c] += 1
    common = sum(min(ca[c], cb[c]) for c in ca)
    if not common:
        return 0.0
    p, r = common / len(b), common / len(a)
    return 2 * p * r / (p + r)


def ind_match(g, p):
    gu, pu = canon_unit(g.get("unit")), canon_unit(p.get("unit"))
    if gu is not None and pu is not None and gu != pu:
        return False
    if not close(g.get("value"), p.get("value")):
        return False
    if g.get("value_high") is not None and p.get("value_high") is not None:
        return close(g["value_high"], p["value_high"])
    return True


def match_doc(gold_items, pred_items):
    """Greedy one-to-one matching; gold items in text order, preferring preds with overlapping text."""
    used = set()
    pairs = []
    for gi, g in enumerate(gold_items):
        cands = [pi for pi, p in enumerate(pred_items) if pi not in used and ind_match(g, p)]
        if not cands:
            continue
        cands.sort(key=lambda pi: -char_f1(g.get("text", ""), pred_items[pi].get("text", "")))
        used.add(cands[0])
        pairs.append((gi, cands[0]))
    return pairs


def prf(tp, np_, ng):
    p = tp / np_ if np_ else 0.0
    r = tp / ng if ng else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score(gold, pred):
    res = {"docs": len(gold), "docs_missing": sorted(d for d in gold if d not in pred)}
    # indicators
    tp = npred = ngold = 0
    attr = defaultdict(int)
    misses, extras = [], []
    for doc_id, g in gold.items():
        p = pred.get(doc_id, {})
        gi_all = g.get("indicators", [])
        req = [x for x in gi_all if not x.get("optional")]
        opt = [x for x in gi_all if x.get("optional")]
        pi = list(p.get("indicators", []))
        pairs = match_doc(req, pi)
        used = {b for _, b in pairs}
        rest = [x for k, x in enumerate(pi) if k not in used]
        opt_pairs = match_doc(opt, rest)
        opt_used = {b for _, b in opt_pairs}
        fps = [x for k, x in enumerate(rest) if k not in opt_used]
        tp += len(pairs)
        ngold += len(req)
        npred += len(pairs) + len(fps)
        matched_g = {a for a, _ in pairs}
        misses += [(doc_id, x.get("text"), x.get("subject")) for k, x in enumerate(req) if k not in matched_g]
        extras += [(doc_id, x.get("text"), x.get("subject")) for x in fps]
        for a, b in pairs:
            gx, px = req[a], pi[b]
            attr["subject"] += char_f1(gx.get("subject"), px.get("subject")) >= 0.5
            attr["period"] += (gx.get("period") or None) == (px.get("period") or None)
            attr["qualifier"] += (gx.get("qualifier") or "eq") == (px.get("qualifier") or "eq")
            attr["kind"] += (gx.get("kind") or "level") == (px.get("kind") or "level")
            attr["forecast"] += bool(gx.get("forecast")) == bool(px.get("forecast"))
            attr["unit"] += canon_unit(gx.get("unit")) == canon_unit(px.get("unit"))
            attr["full"] += (char_f1(gx.get("subject"), px.get("subject")) >= 0.5
                             and (gx.get("period") or None) == (px.get("period") or None)
                             and (gx.get("qualifier") or "eq") == (px.get("qualifier") or "eq"))
    P, R, F = prf(tp, npred, ngold)
    res["indicators"] = {"tp": tp, "pred": npred, "gold": ngold, "precision": P, "recall": R, "f1": F,
                         "attr_acc": {k: (v / tp if tp else 0.0) for k, v in sorted(attr.items())},
                         "misses": misses[:40], "extras": extras[:40]}
    # entities
    per = defaultdict(lambda: [0, 0, 0])
    for doc_id, g in gold.items():
        p = pred.get(doc_id, {})
        gs = {(e["text"], e["label"]) for e in g.get("entities", []) if not e.get("optional")}
        opt = {(e["text"], e["label"]) for e in g.get("entities", []) if e.get("optional")}
        ps = {(e["text"], e["label"]) for e in p.get("entities", [])} - opt
        for lab in {"ORG", "LOC", "PER", "WORK"}:
            gl = {x for x in gs if x[1] == lab}
            pl = {x for x in ps if x[1] == lab}
            per[lab][0] += len(gl & pl)
            per[lab][1] += len(pl)
            per[lab][2] += len(gl)
    ent = {lab: dict(zip(("precision", "recall", "f1"), prf(*v))) for lab, v in per.items()}
    tot = [sum(v[i] for v in per.values()) for i in range(3)]
    ent["micro"] = dict(zip(("precision", "recall", "f1"), prf(*tot)))
    res["entities"] = ent
    # themes
    ttp = tnp = tng = exact = 0
    for doc_id, g in gold.items():
        gs = set(g.get("themes", []))
        ps = set(pred.get(doc_id, {}).get("themes", []))
        ttp += len(gs & ps); tnp += len(ps); tng += len(gs); exact += gs == ps
    P, R, F = prf(ttp, tnp, tng)
    res["themes"] = {"precision": P, "recall": R, "f1": F, "exact_set": exact / len(gold) if gold else 0.0}
    return res


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    gold, pred = load(args[0]), load(args[1])
    res = score(gold, pred)
    if "--json" in sys.argv:
        print(json.dumps(res, ensure_ascii=False))
        return
    i = res["indicators"]
    print(f"docs {res['docs']}  missing predictions for {len(res['docs_missing'])}")
    print(f"indicators  P {i['precision']:.3f}  R {i['recall']:.3f}  F1 {i['f1']:.3f}  (tp {i['tp']} pred {i['pred']} gold {i['gold']})")
    print("  attribute accuracy on matches: " + "  ".join(f"{k} {v:.2f}" for k, v in i["attr_acc"].items()))
    e = res["entities"]
    print("entities    " + "  ".join(f"{k} F1 {v['f1']:.3f}" for k, v in sorted(e.items())))
    t = res["themes"]
    print(f"themes      P {t['precision']:.3f}  R {t['recall']:.3f}  F1 {t['f1']:.3f}  exact-set {t['exact_set']:.3f}")


if __name__ == "__main__":
    main()
