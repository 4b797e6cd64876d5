"""The evaluation command prints partial runs and only writes scores with the card."""
import json

from pipeline.entities import evaluate


def test_partial_run_prints_and_leaves_scores_alone(tmp_path, shared, capsys):
    model_dir = evaluate.REPO_ROOT / "models" / "ner"
    before = (model_dir / "scores.json").read_bytes()
    corpus = tmp_path / "corpus"
    (corpus / "pool").mkdir(parents=True)
    (corpus / "pool" / "a.txt").write_text("抖音在杭州发布《微短剧报告》。", encoding="utf-8")
    gold = tmp_path / "g.jsonl"
    gold.write_text(json.dumps({"doc_id": "pool/a", "themes": [], "indicators": [], "entities": [
        {"text": "抖音", "label": "ORG"}, {"text": "杭州", "label": "LOC"},
        {"text": "微短剧报告", "label": "WORK"}]}, ensure_ascii=False) + "\n", encoding="utf-8")
    rc = evaluate.main(["--model-dir", str(model_dir), "--skip-public", "--gold", str(gold),
                        "--corpus-dir", str(corpus), "--pred-dir", str(tmp_path / "pred")])
    assert rc == 0
    out = capsys.readouterr().out
    assert "domain g" in out and "F1 1.000" in out
    assert (model_dir / "scores.json").read_bytes() == before
    assert (tmp_path / "pred" / "pred_g.jsonl").exists()
