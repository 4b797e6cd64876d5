"""``python -m pipeline eval``: gold selection and the printed figures."""
import json

from pipeline.cli import main
from pipeline.evaluation import in_theme_split
from pipeline.themes.data import Split


def _gold_lines(repo, n_test=2, n_train=1):
    """Gold documents of the held-out set (always theme TEST) and of a dev set's TRAIN part."""
    split = Split.default()
    test = [json.loads(x) for x in (repo / "tests/gold/heldout_a.jsonl").read_text(encoding="utf-8").splitlines()]
    dev = [json.loads(x) for x in (repo / "tests/gold/dev2_a.jsonl").read_text(encoding="utf-8").splitlines()]
    train = [g for g in dev if split.of(g["doc_id"]) == "train"]
    return test[:n_test] + train[:n_train]


def test_in_theme_split_keeps_only_that_split(repo):
    gold = {g["doc_id"]: g for g in _gold_lines(repo)}
    kept = in_theme_split(gold, "test")
    assert len(kept) == 2 and all(Split.default().of(d) == "test" for d in kept)
    assert len(in_theme_split(gold, "train")) == 1
    assert in_theme_split(gold, "dev") == {}


def test_eval_scores_only_the_theme_test_documents(repo, shared, tmp_path, capsys):
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps(g, ensure_ascii=False) + "\n" for g in _gold_lines(repo)), encoding="utf-8")
    pred = tmp_path / "pred.jsonl"
    code = main(["eval", "--gold", str(gold), "--corpus", str(shared / "corpus"), "--stages", "themes",
                 "--theme-split", "test", "--pred-out", str(pred)])
    out = capsys.readouterr().out
    assert code == 0
    assert out.startswith("docs 2  missing predictions for 0")
    assert "themes      P" in out and "indicators" not in out
    assert len(pred.read_text(encoding="utf-8").splitlines()) == 2


def test_find_source_searches_corpus_folders_in_order(tmp_path):
    from pipeline.evaluation import find_source

    first, second = tmp_path / "a", tmp_path / "b"
    for folder, text in ((first, "一"), (second, "二")):
        (folder / "extra").mkdir(parents=True)
        (folder / "extra" / "doc.txt").write_text(text, encoding="utf-8")
    (second / "extra" / "only_b.md").write_text("三", encoding="utf-8")
    assert find_source([first, second], "extra/doc").path == first / "extra" / "doc.txt"
    assert find_source([first, second], "extra/only_b").path == second / "extra" / "only_b.md"
    assert find_source([first], "extra/only_b") is None
    assert find_source(second, "extra/doc").path == second / "extra" / "doc.txt"
