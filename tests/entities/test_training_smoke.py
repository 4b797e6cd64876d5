"""Train a few steps on a handful of synthetic sentences, then load and run it."""
import json

from pipeline.entities import EntityRecognizer, training

from .conftest import make_doc

PEOPLE = ["张伟", "李娜", "王芳", "刘洋", "陈静"]
PLACES = ["北京", "上海", "杭州", "成都", "武汉"]
ORGS = ["浙商银行", "招商银行", "新华社", "人民网", "小米公司"]


def make_data(root):
    (root / "cluener").mkdir(parents=True)
    (root / "msra").mkdir()
    (root / "label_map.json").write_text(json.dumps({
        "cluener": {"name": "PER", "address": "LOC", "company": "ORG", "book": "WORK", "position": None},
        "msra": {"PER": "PER", "LOC": "LOC", "ORG": "ORG"}}), encoding="utf-8")
    rows = []
    for i in range(24):
        per, loc, org = PEOPLE[i % 5], PLACES[(i + 1) % 5], ORGS[(i + 2) % 5]
        text = f"{per}在{loc}加入{org}，推荐《三体》。"
        a, b, c = text.index(per), text.index(loc), text.index(org)
        d = text.index("《三体》")
        rows.append({"text": text, "label": {"name": {per: [[a, a + len(per) - 1]]},
                                             "address": {loc: [[b, b + len(loc) - 1]]},
                                             "company": {org: [[c, c + len(org) - 1]]},
                                             "book": {"《三体》": [[d, d + 3]]}}})
    lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    (root / "cluener" / "train.jsonl").write_text(lines, encoding="utf-8")
    (root / "cluener" / "dev.jsonl").write_text(lines, encoding="utf-8")
    bio = []
    for i in range(6):
        per, loc = PEOPLE[i % 5], PLACES[i % 5]
        sent = [(ch, ("B-PER" if k == 0 else "I-PER")) for k, ch in enumerate(per)] + [("在", "O")]
        sent += [(ch, ("B-LOC" if k == 0 else "I-LOC")) for k, ch in enumerate(loc)] + [("。", "O")]
        bio.append("".join(f"{c}\t{t}\n" for c, t in sent))
    (root / "msra" / "train.bio").write_text("\n".join(bio) + "\n", encoding="utf-8")
    (root / "msra" / "test.bio").write_text("\n".join(bio) + "\n", encoding="utf-8")


def test_train_few_steps_and_load(tmp_path):
    data, out = tmp_path / "data", tmp_path / "model_out"
    make_data(data)
    rc = training.main(["--data-dir", str(data), "--output-dir", str(out), "--max-steps", "4",
                        "--eval-frequency", "2", "--no-eval", "--seed", "7", "--domain-gold"])
    assert rc == 0
    assert (out / "model" / "config.cfg").exists()
    info = json.loads((out / "training.json").read_text(encoding="utf-8"))
    assert info["seed"] == 7 and info["data"]["cluener_sentences"] == 24
    assert info["data"]["alignment_cluener"]["spans"] == 24 * 4
    rec = EntityRecognizer.load(out)
    assert rec.nlp.pipe_names == ["av_span_ruler", "tok2vec", "ner", "av_entity_merge"]
    assert set(rec.nlp.get_pipe("ner").labels) == {"ORG", "LOC", "PER", "WORK"}
    doc = make_doc("smoke/1", "张伟在杭州加入新华社，推荐《三体》。")
    (ents,) = rec.recognise([doc])
    # After 4 steps the model knows little; the rules must still work.
    assert ("三体", "WORK") in {(e.text, e.label) for e in ents}
    assert all(doc.text[e.start:e.end] == e.text for e in ents)


def test_help_exits_cleanly(capsys):
    import pytest

    with pytest.raises(SystemExit) as exc:
        training.main(["--help"])
    assert exc.value.code == 0
    assert "--max-steps" in capsys.readouterr().out


def test_config_overrides_reach_the_trained_model(tmp_path):
    data, out = tmp_path / "data", tmp_path / "model_out"
    make_data(data)
    width = ["--set", "components.tok2vec.model.embed.width=32",
             "--set", "components.tok2vec.model.encode.width=32",
             "--set", "components.tok2vec.model.encode.depth=1"]
    rc = training.main(["--data-dir", str(data), "--output-dir", str(out), "--max-steps", "2",
                        "--eval-frequency", "2", "--no-eval", "--domain-gold", *width])
    assert rc == 0
    cfg = EntityRecognizer.load(out).nlp.config.interpolate()
    encode = cfg["components"]["tok2vec"]["model"]["encode"]
    assert (encode["width"], encode["depth"]) == (32, 1)
    assert cfg["components"]["ner"]["model"]["tok2vec"]["width"] == 32


def test_malformed_override_fails_before_any_work(tmp_path):
    import pytest

    with pytest.raises(SystemExit, match="KEY=VALUE"):
        training.main(["--data-dir", str(tmp_path), "--set", "depth"])
