import json

import numpy as np
import pytest

from pipeline.themes.evaluate import evaluate_documents, format_report, label_matrix, prf


def test_label_matrix_orders_by_themes():
    m = label_matrix([["tech", "forms"], [], ["governance"]])
    assert m.tolist() == [[1, 1, 0, 0], [0, 0, 0, 0], [0, 0, 0, 1]]


def test_prf_counts():
    gold = np.array([[1, 0, 0, 1], [1, 1, 0, 0], [0, 0, 0, 1]])
    pred = np.array([[1, 1, 0, 1], [0, 1, 0, 0], [0, 0, 0, 0]])
    r = prf(gold, pred)
    forms, tech, ms, gov = (r["per_theme"][t] for t in ("forms", "tech", "multi_screen", "governance"))
    assert (forms["p"], forms["r"]) == (1.0, 0.5)
    assert tech["p"] == 0.5 and tech["r"] == 1.0
    assert ms["f1"] == 0.0 and ms["support"] == 0
    assert gov["p"] == 1.0 and gov["r"] == 0.5
    assert r["macro_f1"] == pytest.approx((2 / 3 + 2 / 3 + 0 + 2 / 3) / 4)
    assert "macro-F1" in format_report(r)


def test_evaluate_documents_against_gold_jsonl(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        "\n".join(json.dumps(d) for d in [
            {"doc_id": "a", "themes": ["forms"], "indicators": []},
            {"doc_id": "b", "themes": ["governance", "tech"]},
            {"doc_id": "c", "themes": []},
        ]) + "\n",
        encoding="utf-8",
    )
    r = evaluate_documents(gold, {"a": ["forms"], "b": ["tech"], "zzz": ["forms"]})
    assert r["n"] == 3 and r["missing"] == ["c"]
    assert r["per_theme"]["forms"]["f1"] == 1.0
    assert r["per_theme"]["governance"]["r"] == 0.0
    sub = evaluate_documents(gold, {"a": ["forms"]}, doc_ids=["a", "nope"])
    assert sub["n"] == 1 and sub["doc_ids"] == ["a"]


def test_cli_reads_parquet_predictions(tmp_path, capsys):
    import pandas as pd

    from pipeline.themes.evaluate import main

    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"doc_id": "a", "themes": ["tech"]}) + "\n", encoding="utf-8")
    pred = tmp_path / "documents.parquet"
    pd.DataFrame({"doc_id": ["a", "b"], "themes": [["tech"], None]}).to_parquet(pred)
    assert main([str(gold), str(pred)]) == 0
    out = capsys.readouterr().out
    assert "macro-F1" in out and "1.000" in out
