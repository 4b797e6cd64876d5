"""Reading CLUENER / MSRA into character spans and aligning them to jieba tokens."""
import json

from pipeline.entities import alignment, corpora
from pipeline.entities.tokenizer import blank_nlp

LABEL_MAP = {"company": "ORG", "government": "ORG", "organization": "ORG", "address": "LOC",
             "scene": "LOC", "name": "PER", "book": "WORK", "movie": "WORK", "game": "WORK",
             "position": None}


def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def test_cluener_inclusive_ends_mapping_and_title_marks(tmp_path):
    p = tmp_path / "c.jsonl"
    write_jsonl(p, [{"text": "浙商银行总经理叶老桂推荐《三体》", "label": {
        "company": {"浙商银行": [[0, 3]]}, "position": {"总经理": [[4, 6]]},
        "name": {"叶老桂": [[7, 9]]}, "book": {"《三体》": [[12, 15]]}}}])
    (ex,) = corpora.read_cluener(p, LABEL_MAP)
    assert [(ex.text[s:e], lab) for s, e, lab in ex.spans] == [("浙商银行", "ORG"), ("叶老桂", "PER"), ("三体", "WORK")]


def test_cluener_nested_keeps_longer_and_fills_repeats(tmp_path):
    p = tmp_path / "c.jsonl"
    text = "《招商银行：投资永隆银行浮亏》叶老桂说，叶老桂认为"
    write_jsonl(p, [{"text": text, "label": {
        "book": {"《招商银行：投资永隆银行浮亏》": [[0, 14]]},
        "company": {"招商银行": [[1, 4]], "永隆银行": [[8, 11]]},
        "name": {"叶老桂": [[15, 17]]}}}])
    (ex,) = corpora.read_cluener(p, LABEL_MAP, fill_repeats=True)
    got = [(text[s:e], lab) for s, e, lab in ex.spans]
    assert got == [("招商银行：投资永隆银行浮亏", "WORK"), ("叶老桂", "PER"), ("叶老桂", "PER")]


def test_msra_fullwidth_and_title_policies(tmp_path):
    chars = list("１９９８年北京发布《通知》")
    tags = ["O"] * 5 + ["B-LOC", "I-LOC"] + ["O"] * 6
    p = tmp_path / "m.bio"
    p.write_text("".join(f"{c}\t{t}\n" for c, t in zip(chars, tags)) + "\n", encoding="utf-8")
    (masked,) = corpora.read_msra(p, {"LOC": "LOC"}, titles="mask")
    assert masked.text.startswith("1998年")
    assert [(masked.text[s:e], lab) for s, e, lab in masked.spans] == [("北京", "LOC")]
    assert [masked.text[s:e] for s, e in masked.missing] == ["《通知》"]
    assert list(corpora.read_msra(p, {"LOC": "LOC"}, titles="drop")) == []
    (kept,) = corpora.read_msra(p, {"LOC": "LOC"}, titles="keep")
    assert kept.missing == []


def test_strict_alignment_marks_misaligned_spans_missing():
    nlp = blank_nlp()
    text = "中华民族伟大复兴，北京欢迎你"   # jieba: 中华民族 is one token
    ex = corpora.CharExample(text, [(0, 2, "LOC"), (9, 11, "LOC")])
    stats = alignment.AlignmentStats()
    doc = alignment.example_to_doc(nlp, ex, "strict", stats)
    assert [(e.text, e.label_) for e in doc.ents] == [("北京", "LOC")]
    assert doc[0].ent_iob_ == ""            # missing, not O
    assert doc[1].ent_iob_ == "O"
    assert stats.counts["misaligned"] == 1 and stats.counts["lost"] == 1
    expanded = alignment.example_to_doc(nlp, ex, "expand")
    assert [e.text for e in expanded.ents] == ["中华民族", "北京"]
