"""The report or body a sentence cites ("《报告》显示", "据企查查", "QuestMobile发布的…显示").

Abbreviations declared in the text ("（后简称《报告》）", "（下称《通知》）") are
resolved to the full title, so a later "《报告》显示" still names the report.
"""
from __future__ import annotations

import re

from .lexicon import Lexicon

ABBR = re.compile(r"《([^《》]{2,80})》[^《》。]{0,16}?[（(](?:后|以下|下)?(?:简称|称)[:：]?\s?[“\"《]?([^”\"》)）]{1,16})[”\"》]?[）)]")
TITLE_CITED = re.compile(r"《([^《》]{2,80})》[^《》，。；]{0,16}?(?:显示|指出|表明|提出|称|发现|统计|数据)")
BODY_CITED = re.compile(r"(?:据|根据|来自|援引)([^，,。；;：:、]{2,30}?)(?:的)?(?:最新|早前|此前)?(?:发布的|公布的)?(?:数据|统计|报告|显示|消息|测算|监测|调查|报道|披露|公告)")
BODY_PLAIN = re.compile(r"(?:^|[，,。；;])(?:据|根据)([^，,。；;：:、]{2,20})[，,]")
SHOWS = re.compile(r"(?:^|[，,。；;：:])([^，,。；;：:]{2,40}?)(?:数据|信息|统计|报告)?显示")
NOT_SOURCES = ("了解", "悉", "介绍", "此", "统计", "报道", "相关", "测算", "估计", "规定", "要求", "标准")


def _clean(name: str) -> str | None:
    name = name.strip(" “”\"'")
    for p in ("据", "根据", "来自"):
        if name.startswith(p):
            name = name[len(p):]
    for t in ("最新发布的", "发布的", "公布的", "早前", "最新", "此前", "的"):
        if name.endswith(t):
            name = name[: -len(t)]
    name = name.strip(" “”\"'")
    if len(name) < 2 or name in NOT_SOURCES or any(name.startswith(w) for w in NOT_SOURCES[:3]):
        return None
    return name


class Sources:
    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex

    @staticmethod
    def abbreviations(text: str) -> dict[str, str]:
        """{'报告': '中国网络视听发展研究报告（2026）', ...} declared anywhere in the text."""
        out: dict[str, str] = {}
        if "称" not in text:
            return out
        for m in ABBR.finditer(text):
            out[m.group(2).strip()] = m.group(1).strip()
        return out

    def cited(self, sentence: str, abbr: dict[str, str]) -> str | None:
        m = TITLE_CITED.search(sentence)
        if m:
            title = m.group(1).strip()
            return abbr.get(title, title)
        m = BODY_CITED.search(sentence)
        if m:
            name = _clean(m.group(1))
            if name:
                return self._resolve(name, abbr)
        m = BODY_PLAIN.search(sentence)
        if m:
            name = _clean(m.group(1))
            if name:
                return self._resolve(name, abbr)
        m = SHOWS.search(sentence)
        if m:
            name = m.group(1)
            k = name.rfind("发布的")
            if k >= 0 and len(name) - k > 5:
                name = name[k + 3:]
            name = _clean(name)
            if name:
                return self._resolve(name, abbr)
        return None

    @staticmethod
    def _resolve(name: str, abbr: dict[str, str]) -> str:
        bare = name.strip("《》")
        if bare in abbr:
            return abbr[bare]
        for short, full in abbr.items():
            if f"《{short}》" in name:
                return full
        return bare if name.startswith("《") and name.endswith("》") else name
