"""The vendored scorer must agree with the project's reference scorer."""
import importlib.util
import json

from pipeline.scoring import score


def test_vendored_scorer_matches_reference(shared, tmp_path):
    spec = importlib.util.spec_from_file_location("ref_score", shared / "tools" / "score.py")
    ref = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ref)
    gold = ref.load(shared / "corpus" / "labeled" / "dev.jsonl")
    # A prediction that gets some right, some wrong, some extra.
    pred = {}
    for i, (doc_id, g) in enumerate(gold.items()):
        inds = [dict(x) for x in g["indicators"][::2]]
        for x in inds[::3]:
            x["subject"] = "错误主体"
        inds.append({"text": "999", "value": 999.0, "unit": None})
        pred[doc_id] = {"doc_id": doc_id, "indicators": inds, "entities": g["entities"][1:],
                        "themes": g["themes"][:1] if i % 2 else g["themes"]}
    assert json.dumps(score(gold, pred), sort_keys=True) == json.dumps(ref.score(gold, pred), sort_keys=True)
    res = score(gold, pred)
    assert 0 < res["indicators"]["recall"] < 1 and res["indicators"]["attr_acc"]["subject"] < 1
