"""The extractor's word lists, read once per process from versioned YAML files.

Rules live in ``pipeline/resources/indicators/*.yaml`` so that a reviewer can
change a cue word without touching code; the content hash of those files is
part of :attr:`IndicatorExtractor.version`, so a change invalidates cached rows.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..segment import resource_path

RESOURCE_DIR = "indicators"
FILES = ("units", "qualifiers", "kinds", "exclusions", "periods", "subjects")


def _dir() -> Path:
    return resource_path(RESOURCE_DIR)


@dataclass(frozen=True)
class Cue:
    cue: str
    qualifier: str
    gap: int = 0
    rule_qualifier: str | None = None
    units: frozenset[str] | None = None
    not_after: frozenset[str] = frozenset()   # characters that make the cue part of another word (打|破)
    not_then: tuple[str, ...] = ()            # words after the cue that make it part of a noun (最高|时速)


@dataclass(frozen=True, eq=False)
class Lexicon:
    raw: dict[str, dict[str, Any]]
    fingerprint: str
    magnitudes: dict[str, float]
    currencies: dict[str, str]
    units: dict[str, str | None]          # surface -> canonical unit (None: noun, not a unit)
    max_unit_len: int
    unit_blockers: dict[str, frozenset[str]]
    latin_units: frozenset[str]
    duration_units: frozenset[str]
    calendar_units: frozenset[str]
    before_cues: tuple[Cue, ...]          # longest first
    after_cues: tuple[Cue, ...]
    inner: dict[str, str]
    inside_for_chinese: frozenset[str]
    boilerplate: re.Pattern[str]

    def get(self, area: str, key: str, default: Any = None) -> Any:
        return self.raw.get(area, {}).get(key, default)

    def words(self, area: str, key: str) -> tuple[str, ...]:
        """A word list, longest first (so prefix matching prefers 同比增长 over 增长)."""
        return _sorted_words(self, area, key)


@lru_cache(maxsize=None)
def _sorted_words(lex: Lexicon, area: str, key: str) -> tuple[str, ...]:
    return tuple(sorted((str(w) for w in lex.raw.get(area, {}).get(key, []) or []), key=len, reverse=True))


def _cue(d: dict[str, Any]) -> Cue:
    units = d.get("units")
    return Cue(str(d["cue"]), str(d["q"]), int(d.get("gap", 0)), d.get("rule_q"),
               frozenset(units) if units else None, frozenset(map(str, d.get("not_after") or ())),
               tuple(map(str, d.get("not_then") or ())))


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Parse every resource file once per process."""
    raw: dict[str, dict[str, Any]] = {}
    h = hashlib.sha256()
    for name in FILES:
        path = _dir() / f"{name}.yaml"
        data = path.read_bytes()
        h.update(name.encode() + b"\0" + data)
        raw[name] = yaml.safe_load(data.decode("utf-8")) or {}
    u = raw["units"]
    magnitudes = {str(k): float(v) for k, v in u["magnitudes"].items()}
    currencies = {str(k): str(v) for k, v in u["currencies"].items()}
    units: dict[str, str | None] = {}
    for w in u["measure_words"]:
        units[str(w)] = str(w)
    for k, v in {**(u.get("counter_units") or {}), **(u.get("unit_aliases") or {})}.items():
        units[str(k)] = None if v is None else str(v)
    units.update(currencies)
    units["%"] = "%"
    q = raw["qualifiers"]
    before = tuple(sorted((_cue(d) for d in q["before"]), key=lambda c: len(c.cue), reverse=True))
    after = tuple(sorted((_cue(d) for d in q["after"]), key=lambda c: len(c.cue), reverse=True))
    pats = raw["exclusions"].get("boilerplate_patterns") or []
    boiler = re.compile("|".join(f"(?:{p})" for p in pats)) if pats else re.compile(r"(?!x)x")
    return Lexicon(
        raw=raw,
        fingerprint=h.hexdigest()[:10],
        magnitudes=magnitudes,
        currencies=currencies,
        units=units,
        max_unit_len=max(len(k) for k in units),
        unit_blockers={str(k): frozenset(map(str, v)) for k, v in (u.get("unit_blockers") or {}).items()},
        latin_units=frozenset(map(str, u.get("latin_units") or [])),
        duration_units=frozenset(map(str, u.get("duration_units") or [])),
        calendar_units=frozenset(map(str, u.get("calendar_units") or [])),
        before_cues=before,
        after_cues=after,
        inner={str(k): str(v) for k, v in (q.get("inner") or {}).items()},
        inside_for_chinese=frozenset(map(str, q.get("inside_for_chinese") or [])),
        boilerplate=boiler,
    )
