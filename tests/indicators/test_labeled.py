"""Against the shared labeled sets: the seed's required indicators, and a dev-set floor."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.indicators.devscore import DEFAULT_GOLD, SHARED, predict

SEED = SHARED / "corpus" / "labeled" / "seed.jsonl"
pytestmark = pytest.mark.skipif(not SEED.exists(), reason="shared/ corpus not beside the repo")


def _scorer():
    import importlib.util

    spec = importlib.util.spec_from_file_location("shared_score", SHARED / "tools" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_seed_required_indicators_with_subject_and_period():
    gold = json.loads(SEED.read_text(encoding="utf-8").splitlines()[0])
    required = [g for g in gold["indicators"] if not g.get("optional")]
    assert len(required) == 18
    pred = predict([gold["doc_id"]], SHARED / "corpus")[0]["indicators"]
    scorer = _scorer()
    pairs = scorer.match_doc(required, pred)
    assert len(pairs) == 18, "every required seed indicator is found"
    for gi, pi in pairs:
        g, p = required[gi], pred[pi]
        assert scorer.char_f1(g["subject"], p["subject"]) >= 0.5, (g["text"], g["subject"], p["subject"])
        assert p["unit"] == g["unit"], g["text"]
        assert p["qualifier"] == g["qualifier"], g["text"]
        assert p["kind"] == g["kind"], g["text"]
        assert p["forecast"] == g["forecast"], g["text"]
    periods_ok = sum(required[gi].get("period") == pred[pi]["period"] for gi, pi in pairs)
    assert periods_ok >= 17      # gold leaves 千余名 undated inside a sentence that starts with 2025年


def test_dev_set_floor(tmp_path: Path):
    """Regression guard on the development set (not a held-out measurement)."""
    gold = []
    for p in DEFAULT_GOLD:
        gold += [json.loads(x) for x in p.read_text(encoding="utf-8").splitlines() if x.strip()]
    pred = predict([g["doc_id"] for g in gold], SHARED / "corpus")
    res = _scorer().score({g["doc_id"]: g for g in gold}, {p["doc_id"]: p for p in pred})["indicators"]
    assert res["f1"] >= 0.95
    assert res["attr_acc"]["subject"] >= 0.85
    assert res["attr_acc"]["period"] >= 0.90
    assert res["attr_acc"]["qualifier"] >= 0.95 and res["attr_acc"]["kind"] >= 0.93
