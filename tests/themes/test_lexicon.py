import pickle

import numpy as np

from pipeline.themes.lexicon import THEMES, Lexicon, tune_thresholds


def test_shipped_lexicon_parses_and_covers_every_theme():
    lex = Lexicon.load()
    assert lex is Lexicon.load()  # cached per process
    for theme in THEMES:
        assert sum(w > 0 for w in lex.terms[theme].values()) >= 10
        assert lex.thresholds[theme] > 0


def test_longest_match_wins_and_absorbers_block_short_cues():
    lex = Lexicon.load()
    found = lex.matches("网络微短剧与国家广播电视总局")
    assert "短剧" not in found["forms"]  # consumed by 微短剧 / 网络微短剧
    assert "电视" not in found["multi_screen"]  # consumed by 广播电视 (weight 0)
    assert lex.score("中央广播电视总台")[THEMES.index("multi_screen")] == 0


def test_latin_terms_need_word_boundaries():
    lex = Lexicon.load()
    assert "AI" not in lex.matches("MAIL SAID")["tech"]
    assert "AI" in lex.matches("AI生成内容需要标识")["tech"] or "AI生成" in lex.matches("AI生成内容")["tech"]


def test_negative_cue_lowers_forms_score():
    lex = Lexicon.load()
    j = THEMES.index("forms")
    assert lex.score("电影票房创新高")[j] < 0


def test_counts_are_capped():
    lex = Lexicon.load()
    j = THEMES.index("forms")
    assert lex.score("短视频" * 10)[j] == lex.score("短视频" * lex.max_count)[j]


def test_predict_uses_thresholds_and_pickles():
    lex = Lexicon.load()
    pred = lex.predict(["广电总局发布管理办法，要求微短剧备案，短剧平台加强内容审核，违规账号被处罚。", "天气晴朗"])
    assert pred.shape == (2, len(THEMES))
    assert pred[0, THEMES.index("governance")] == 1
    assert pred[1].sum() == 0
    clone = pickle.loads(pickle.dumps(lex))
    np.testing.assert_array_equal(clone.predict(["微短剧备案"]), lex.predict(["微短剧备案"]))


def test_tune_thresholds_separates_a_clean_signal():
    lex = Lexicon.load()
    texts = ["微短剧 短剧 直播 主播", "天气", "短视频 直播间 网红 综艺", "菜价"]
    gold = np.array([[1, 0, 0, 0], [0, 0, 0, 0], [1, 0, 0, 0], [0, 0, 0, 0]])
    thr = tune_thresholds(lex, texts, gold)
    scores = lex.score_many(texts)[:, 0]
    assert ((scores >= thr["forms"]).astype(int) == gold[:, 0]).all()


def test_group_column_is_optional_and_scored_per_group(tmp_path):
    tsv = tmp_path / "lex.tsv"
    tsv.write_text("forms\t微短剧\t2\tformat\nforms\t抖音\t1\tcarrier\nforms\t剧集\t1\ngovernance\t备案\t2\n",
                   encoding="utf-8")
    conf = tmp_path / "lex.json"
    conf.write_text('{"version": "t", "thresholds": {"forms": 1, "tech": 1, "multi_screen": 1, "governance": 1}}',
                    encoding="utf-8")
    lex = Lexicon.from_files(tsv, conf)
    assert lex.group_keys == [("forms", "carrier"), ("forms", "format")]
    g = lex.group_scores(["微短剧微短剧在抖音备案，剧集", "天气"])
    np.testing.assert_array_equal(g, [[1.0, 4.0], [0.0, 0.0]])
    assert lex.score("微短剧微短剧在抖音备案，剧集")[THEMES.index("forms")] == 6.0  # groups do not change scores


def test_shipped_lexicon_groups_forms_terms():
    lex = Lexicon.load()
    assert lex.groups["forms"]["微短剧"] == "format"
    assert lex.groups["forms"]["抖音"] == "carrier"
    assert set(lex.groups) == {"forms"}
