"""Our labeled domain articles as NER training sentences."""
import json

import pytest

from pipeline.entities import domain_data, training

from .test_training_smoke import make_data


def test_every_occurrence_longest_first():
    text = "共青团广州市委联合抖音在广州举办活动，抖音平台数据显示。"
    spans, missing = domain_data.mention_spans(text, [
        {"text": "广州", "label": "LOC"}, {"text": "共青团广州市委", "label": "ORG"},
        {"text": "抖音", "label": "ORG"}])
    got = [(text[s:e], lab) for s, e, lab in spans]
    assert got == [("共青团广州市委", "ORG"), ("抖音", "ORG"), ("广州", "LOC"), ("抖音", "ORG")]
    assert missing == []


def test_optional_and_two_label_strings_are_missing_not_outside():
    text = "华为发布鸿蒙，华为云增长。"
    spans, missing = domain_data.mention_spans(text, [
        {"text": "华为", "label": "ORG"}, {"text": "华为", "label": "LOC"},
        {"text": "鸿蒙", "label": "ORG", "optional": True}, {"text": "华为云", "label": "ORG"}])
    assert [(text[s:e], lab) for s, e, lab in spans] == [("华为云", "ORG")]
    assert [text[s:e] for s, e in missing] == ["华为", "鸿蒙"]


def test_full_width_gold_text_matches_cleaned_text():
    spans, _ = domain_data.mention_spans("AB公司在CCTV-1播出。", [{"text": "ＣＣＴＶ-1", "label": "ORG"}])
    assert spans == [(5, 11, "ORG")]


def _write_doc(corpus, doc_id, text):
    path = corpus / f"{doc_id}.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_reads_sentences_and_refuses_heldout(tmp_path):
    corpus = tmp_path / "corpus"
    _write_doc(corpus, "pool/a", "抖音发布报告。\n快手在杭州开会。")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"doc_id": "pool/a", "entities": [
        {"text": "抖音", "label": "ORG"}, {"text": "快手", "label": "ORG"},
        {"text": "杭州", "label": "LOC"}]}, ensure_ascii=False) + "\n", encoding="utf-8")
    examples = list(domain_data.read_domain_gold([gold], corpus, refuse=set()))
    assert [ex.text for ex in examples] == ["抖音发布报告。", "快手在杭州开会。"]
    assert [(ex.text[s:e], lab) for ex in examples for s, e, lab in ex.spans] == [
        ("抖音", "ORG"), ("快手", "ORG"), ("杭州", "LOC")]
    with pytest.raises(domain_data.HeldOutLeak):
        list(domain_data.read_domain_gold([gold], corpus, refuse={"pool/a"}))


def test_shipped_heldout_list_is_refused():
    ids = domain_data.heldout_ids()
    assert len(ids) >= 20   # the list exists and is what read_domain_gold refuses by default


def test_training_takes_domain_gold(tmp_path):
    data, out, corpus = tmp_path / "data", tmp_path / "out", tmp_path / "corpus"
    make_data(data)
    _write_doc(corpus, "pool/a", "抖音在杭州发布《微短剧报告》。")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"doc_id": "pool/a", "entities": [
        {"text": "抖音", "label": "ORG"}, {"text": "杭州", "label": "LOC"},
        {"text": "微短剧报告", "label": "WORK"}]}, ensure_ascii=False) + "\n", encoding="utf-8")
    rc = training.main(["--data-dir", str(data), "--output-dir", str(out), "--max-steps", "2",
                        "--eval-frequency", "2", "--no-eval", "--seed", "7",
                        "--domain-gold", str(gold), "--domain-corpus", str(corpus), "--domain-repeat", "2"])
    assert rc == 0
    info = json.loads((out / "training.json").read_text(encoding="utf-8"))
    assert info["data"]["domain_sentences"] == 1
    assert info["data"]["alignment_domain"]["spans"] == 3


def test_every_development_gold_document_has_its_text(shared):
    # the model card scores every development set; dev16's articles live in tests/corpus
    from pipeline.entities.domain_data import corpus_folders, evaluation_gold
    from pipeline.evaluation import find_source, load_gold

    folders = corpus_folders(shared / "corpus")
    missing = [d for d in load_gold(evaluation_gold()) if find_source(folders, d) is None]
    assert missing == []
