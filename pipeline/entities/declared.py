"""Names the text declares itself: short forms (以下简称“B站”) and influencers' handles.

News introduces a short form once, in brackets after the full name, and uses it from
then on: 东阳莲尘影视有限公司（以下简称“东阳莲尘”）. The short form names the same
entity (annotations.md lists full forms and abbreviations both), so it takes the full
name's label and canonical name wherever it stands in the document. An influencer is
introduced by role and quoted handle, 网红“铁头惩恶扬善”: the handle is a person's
name even where it reads like a phrase the model does not know.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TypeVar

E = TypeVar("E")

SHORT_FORM = re.compile(
    r"[”\"」]?\s*[（(](?:以下简称|以下称|下文简称|下称|简称|以下统称)[：:]?\s*[“\"「]?([^”\"」）)《》，,、]{2,14}?)[”\"」]?[）)]")
HANDLE = re.compile(r"[“\"]([^”\"，。、！？；：\n]{2,14})[”\"]")


def short_forms(text: str, ents: Iterable[E], span: Callable[[E], tuple[int, int]], stop: frozenset[str]
                ) -> list[tuple[E, int, int]]:
    """(full-name entity, start, end) of each short form declared right after an entity."""
    out = []
    for e in ents:
        m = SHORT_FORM.match(text, span(e)[1])
        if m and m.group(1).strip() == m.group(1) and m.group(1) not in stop:
            out.append((e, m.start(1), m.end(1)))
    return out


def handles(text: str, roles: Iterable[str], is_name: Callable[[str], bool]) -> list[tuple[int, int]]:
    """(start, end) of quoted handles right after an influencer role word (网红“二驴”)."""
    roles = tuple(sorted(set(roles), key=len, reverse=True))
    if not roles:
        return []
    out = []
    for m in re.finditer("(?:" + "|".join(map(re.escape, roles)) + ")" + HANDLE.pattern, text):
        if is_name(m.group(1)):
            out.append((m.start(1), m.end(1)))
    return out
