"""The domain dictionary keeps platform names apart from the words jieba glues to them."""
import pytest

from pipeline import segment


@pytest.mark.parametrize("text, words", [
    ("这条消息登上微博热搜。", ["微博", "热搜"]),      # without 热搜: 微博热|搜
    ("话题冲上热搜榜", ["热搜"]),
    ("主播在直播间带货", ["直播间"]),
])
def test_domain_words_are_tokens(text, words):
    tokens = segment.cut(text)
    assert all(w in tokens for w in words), tokens
