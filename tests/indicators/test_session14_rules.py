"""Session-14 rules: 不得不 ("cannot help but") is no prohibition.

不得 ("must not") makes a sentence a rule, so its figures are limits; 不得不 contains
the same two characters and says the opposite kind of thing: a writer's aside. A
figure in such a sentence is a reported level. Sentences written here, not copied
from a gold set.
"""
from __future__ import annotations

from .conftest import by_text


def test_a_figure_after_budeibu_is_a_level(extract):
    row = by_text(extract("说到这部电影，不得不提它的投资，据说前后花了3个亿。"))["3个亿"]
    assert row.kind == "level"


def test_a_figure_after_bude_is_still_a_limit(extract):
    row = by_text(extract("单集时长不得超过10分钟。"))["10分钟"]
    assert row.kind == "limit"
