import json

from pipeline.themes import data


def test_hash_fraction_is_stable_and_in_range():
    a = data.hash_fraction("pool/crud-rag-2023/crud-01-1-0001")
    assert a == data.hash_fraction("pool/crud-rag-2023/crud-01-1-0001")
    assert 0 <= a < 1
    assert a != data.hash_fraction("pool/crud-rag-2023/crud-01-1-0002")


def test_split_is_deterministic_and_keeps_heldout_and_dev_out_of_training():
    ids = [f"pool/x/doc-{i:04d}" for i in range(2000)]
    heldout = frozenset(ids[:50])
    dev = frozenset(ids[50:100])
    s1 = data.Split(heldout=heldout, dev=dev)
    s2 = data.Split(heldout=frozenset(sorted(heldout)), dev=dev)
    assert [s1.of(d) for d in ids] == [s2.of(d) for d in ids]
    assert all(s1.of(d) == "test" for d in heldout)
    assert all(s1.of(d) in {"test", "dev"} for d in dev)
    rest = ids[100:]
    frac = sum(s1.of(d) == "test" for d in rest) / len(rest)
    assert 0.2 < frac < 0.3
    assert not any(s1.is_trainable(d) for d in heldout | dev)


def test_default_split_uses_repo_lists():
    split = data.Split.default()
    if data.HELDOUT_LIST.exists():
        heldout = json.loads(data.HELDOUT_LIST.read_text(encoding="utf-8"))
        assert heldout and all(split.of(d) == "test" for d in heldout)
    if data.DEV_GOLD.exists():
        assert split.dev and not any(split.is_trainable(d) for d in split.dev)


def test_split_rows_partitions(tmp_path):
    rows = [data.LabeledParagraph("a", 0, "x"), data.LabeledParagraph("b", 0, "y")]
    parts = data.split_rows(rows, data.Split(heldout=frozenset({"a"}), dev=frozenset()))
    assert [r.doc_id for r in parts["test"]] == ["a"]
    assert sum(len(v) for v in parts.values()) == 2


def test_hand_labels_later_file_wins(tmp_path):
    f1 = tmp_path / "theme_paragraphs_1.jsonl"
    f2 = tmp_path / "theme_paragraphs_2.jsonl"
    f1.write_text(json.dumps({"doc_id": "d", "para_no": 0, "themes": ["forms"], "text": "t"}) + "\n", encoding="utf-8")
    f2.write_text(
        json.dumps({"doc_id": "d", "para_no": 0, "themes": ["tech", "tech"], "text": "t", "uncertain": True}) + "\n\n",
        encoding="utf-8",
    )
    rows = data.load_hand_labels([f1, f2])
    assert len(rows) == 1 and rows[0].themes == ["tech"] and rows[0].uncertain and rows[0].source == "hand"


def test_corpus_files_skip_encodings_and_labeled(tmp_path):
    for rel in ["seed/a.txt", "pool/src/b.txt", "pool/encodings/gb--b.txt", "labeled/x.txt"]:
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("第一段。\n第二段内容。\n", encoding="utf-8")
    ids = [data.doc_id_for(p, tmp_path) for p in data.corpus_files(tmp_path)]
    assert ids == ["pool/src/b", "seed/a"]
    paras = list(data.iter_corpus_paragraphs(tmp_path))
    assert [(d, n) for d, n, _ in paras] == [("pool/src/b", 0), ("pool/src/b", 1), ("seed/a", 0), ("seed/a", 1)]
