import os

from pipeline.discover import discover, doc_id_for


def statuses(root, cap=1 << 20):
    return {s.source_path: (s.doc_id, s.status, s.reason) for s in discover(root, cap)}


def test_walk_order_and_classification(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "深 层 (2025)").mkdir()
    (tmp_path / "b" / "深 层 (2025)" / "报告 (终稿).txt").write_text("正文。", encoding="utf-8")
    (tmp_path / "a.md").write_text("# t", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("x", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "big.txt").write_text("大" * 1000, encoding="utf-8")
    found = list(discover(tmp_path, 2000))
    assert [s.source_path for s in found] == sorted(s.source_path for s in found)
    st = {s.source_path: s for s in found}
    assert st["b/深 层 (2025)/报告 (终稿).txt"].doc_id == "b/深 层 (2025)/报告 (终稿)"
    assert st["b/深 层 (2025)/报告 (终稿).txt"].status == "pending"
    assert st["a.md"].format == "md"
    assert st[".hidden.txt"].reason == "hidden file"
    assert st["image.png"].reason.startswith("unsupported")
    assert st["empty.txt"].reason == "empty file"
    assert st["big.txt"].reason.startswith("file too large")
    assert [st[k].error_type for k in (".hidden.txt", "image.png", "empty.txt", "big.txt")] == [
        "HiddenFile", "UnsupportedFileType", "EmptyFile", "FileTooLarge"]
    assert st["a.md"].error_type is None


def test_symlink_loop_terminates(tmp_path):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "x.txt").write_text("文本。", encoding="utf-8")
    os.symlink(tmp_path, tmp_path / "d" / "loop")
    os.symlink(tmp_path / "missing.txt", tmp_path / "broken.txt")
    st = statuses(tmp_path)
    assert st["d/x.txt"][1] == "pending"
    assert st["broken.txt"][1] == "failed"
    assert next(s for s in discover(tmp_path, 1 << 20) if s.source_path == "broken.txt").error_type == "BrokenLink"
    assert not any("loop/loop" in k for k in st)


def test_duplicate_doc_ids_stay_unique(tmp_path):
    (tmp_path / "a.txt").write_text("一。", encoding="utf-8")
    (tmp_path / "a.md").write_text("二。", encoding="utf-8")
    found = list(discover(tmp_path, 1 << 20))
    ids = [s.doc_id for s in found]
    assert len(ids) == len(set(ids))
    assert [s.status for s in found] == ["pending", "skipped"]


def test_doc_id():
    assert doc_id_for("seed/shiting-chuhai.txt") == "seed/shiting-chuhai"
    assert doc_id_for("a.b/c") == "a.b/c"
    assert doc_id_for("x.tar.gz") == "x.tar"


def test_deep_nesting(tmp_path):
    d = tmp_path
    for i in range(60):
        d = d / f"n{i}"
    d.mkdir(parents=True)
    (d / "deep.txt").write_text("深。", encoding="utf-8")
    assert [s.status for s in discover(tmp_path, 1 << 20)] == ["pending"]
