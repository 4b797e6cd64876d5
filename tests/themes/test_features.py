from sklearn.feature_extraction.text import TfidfVectorizer

from pipeline.themes.features import LexiconFeatures, jieba_tokens
from pipeline.themes.lexicon import THEMES


def test_jieba_tokens_split_chinese_into_words_with_domain_terms():
    tokens = jieba_tokens("2025年，微短剧和车载视听快速发展！AIGC带来新机遇。")
    assert "微短剧" in tokens
    assert "车载视听" in tokens
    assert "aigc" in tokens  # Latin lower-cased
    # numbers and punctuation are not features
    assert not any(t in {"2025", "，", "！", "。"} for t in tokens)
    # a run of Chinese is not one token
    assert all(len(t) < 8 for t in tokens)


def test_vectorizer_with_jieba_tokenizer_builds_word_vocabulary():
    vec = TfidfVectorizer(tokenizer=jieba_tokens, token_pattern=None, lowercase=False)
    vec.fit(["网络微短剧备案管理", "短视频平台加强内容审核"])
    vocab = set(vec.vocabulary_)
    assert {"短视频", "内容审核"} <= vocab
    assert "短视频平台加强内容审核" not in vocab


def test_char_ngrams_cover_chinese():
    vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 3))
    vec.fit(["智能座舱"])
    assert {"智", "智能", "智能座"} <= set(vec.vocabulary_)


def test_lexicon_features_shape_and_head_block():
    texts = ["原标题：微短剧备案新规出台", "今天天气很好"]
    feats = LexiconFeatures(head_chars=8).fit(texts)
    X = feats.transform(texts).toarray()
    assert X.shape == (2, 2 * len(THEMES))
    assert X[0, THEMES.index("forms")] > 0
    assert X[0, len(THEMES) + THEMES.index("forms")] > 0  # 微短剧 within the first 8 chars
    assert X[1].sum() == 0
    assert len(feats.get_feature_names_out()) == 2 * len(THEMES)


def test_group_and_sentence_blocks_separate_formats_from_carriers():
    feats = LexiconFeatures(groups=True, sentence_max=True).fit([])
    names = list(feats.get_feature_names_out())
    fmt, car = names.index("lexicon_forms_format"), names.index("lexicon_forms_carrier")
    X = feats.transform(["抖音博主发布视频", "微短剧和直播间"]).toarray()
    assert X[0, car] > 0 and X[0, fmt] == 0  # platform and creator words only carry the story
    assert X[1, fmt] > 0 and X[1, car] == 0
    # best sentence: one governance-heavy sentence inside a long, otherwise neutral paragraph
    text = "今天天气很好。" * 5 + "网信办开展清朗专项行动，依法处罚违规账号。" + "菜价平稳。" * 5
    row = feats.transform([text]).toarray()[0]
    sent_gov = names.index("lexicon_sentmax_governance")
    assert row[sent_gov] == row[names.index("lexicon_governance")] > 0
    assert X.shape[1] == len(names)


def test_sentences_split_on_chinese_sentence_ends():
    from pipeline.themes.features import sentences

    assert sentences("微短剧上线。平台审核！还有；最后") == ["微短剧上线。", "平台审核！", "还有；", "最后"]
    assert sentences("没有句号") == ["没有句号"]
