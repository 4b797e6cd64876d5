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
