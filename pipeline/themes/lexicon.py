"""Seed-term lexicons: the weak labeler and the baseline the classifier must beat.

The lexicons live in ``pipeline/resources/themes/lexicon.tsv`` (theme, term,
weight) with counting rules and thresholds in ``lexicon.json``, so they are
versioned data, reviewed like code, not literals in this module. Matching is
on raw substrings (no segmentation): Chinese terms are unambiguous enough, and
the scores must not move when the jieba dictionary changes. Within one theme
the longest term wins at each position, so an absorber such as 广播电视
(weight 0) stops 电视 from counting as a screen.
"""
from __future__ import annotations

import argparse
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from pipeline.segment import resource_path

THEMES: tuple[str, ...] = ("forms", "tech", "multi_screen", "governance")
LEXICON_TSV = "themes/lexicon.tsv"
LEXICON_JSON = "themes/lexicon.json"


def _term_pattern(term: str) -> str:
    escaped = re.escape(term)
    # Latin cues (AI, AR, OTT) must not fire inside longer Latin words.
    if term[:1].isascii() and term[:1].isalnum():
        escaped = r"(?<![A-Za-z])" + escaped
    if term[-1:].isascii() and term[-1:].isalpha():
        escaped = escaped + r"(?![A-Za-z])"
    return escaped


def _compile(terms: dict[str, float]) -> re.Pattern[str] | None:
    if not terms:
        return None
    ordered = sorted(terms, key=lambda t: (-len(t), t))
    return re.compile("|".join(_term_pattern(t) for t in ordered))


@dataclass(frozen=True)
class Lexicon:
    """Per-theme weighted terms, counting cap and decision thresholds."""

    version: str
    terms: dict[str, dict[str, float]]
    thresholds: dict[str, float]
    max_count: int = 3
    # theme -> term -> group, for terms with an optional fourth column; see ``group_scores``.
    groups: dict[str, dict[str, str]] = field(default_factory=dict)

    @classmethod
    def from_files(cls, tsv: Path, config: Path) -> "Lexicon":
        conf = json.loads(config.read_text(encoding="utf-8"))
        terms: dict[str, dict[str, float]] = {t: {} for t in THEMES}
        groups: dict[str, dict[str, str]] = {t: {} for t in THEMES}
        for n, line in enumerate(tsv.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) not in (3, 4) or parts[0] not in terms:
                raise ValueError(f"{tsv}:{n}: expected 'theme<TAB>term<TAB>weight[<TAB>group]', got {line!r}")
            terms[parts[0]][parts[1]] = float(parts[2])
            if len(parts) == 4 and parts[3].strip():
                groups[parts[0]][parts[1]] = parts[3].strip()
        return cls(
            version=conf["version"],
            terms=terms,
            thresholds={t: float(conf["thresholds"][t]) for t in THEMES},
            max_count=int(conf.get("max_count", 3)),
            groups={t: g for t, g in groups.items() if g},
        )

    @classmethod
    def load(cls) -> "Lexicon":
        """The shipped lexicon, read once per process."""
        return _shipped()

    @property
    def _patterns(self) -> dict[str, re.Pattern[str] | None]:
        cache = self.__dict__.get("_pattern_cache")
        if cache is None:
            cache = {t: _compile(self.terms[t]) for t in THEMES}
            object.__setattr__(self, "_pattern_cache", cache)
        return cache

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state.pop("_pattern_cache", None)
        return state

    def __setstate__(self, state: dict) -> None:
        for k, v in state.items():
            object.__setattr__(self, k, v)

    def matches(self, text: str) -> dict[str, dict[str, int]]:
        """theme -> term -> occurrences (for explanations and debugging)."""
        out: dict[str, dict[str, int]] = {}
        for theme, pattern in self._patterns.items():
            counts: dict[str, int] = {}
            if pattern is not None:
                for m in pattern.finditer(text):
                    counts[m.group(0)] = counts.get(m.group(0), 0) + 1
            out[theme] = counts
        return out

    def score(self, text: str) -> np.ndarray:
        """Lexicon score per theme, in THEMES order."""
        found = self.matches(text)
        return np.array(
            [
                sum(self.terms[t][term] * min(c, self.max_count) for term, c in found[t].items())
                for t in THEMES
            ],
            dtype=float,
        )

    @property
    def group_keys(self) -> list[tuple[str, str]]:
        """(theme, group) pairs named in the fourth column, in a stable order."""
        return sorted({(t, g) for t, by_term in self.groups.items() for g in by_term.values()},
                      key=lambda k: (THEMES.index(k[0]), k[1]))

    def group_scores(self, texts: list[str]) -> np.ndarray:
        """(n, len(group_keys)) lexicon scores restricted to each term group.

        Groups split a theme's evidence by what the term says about the
        paragraph: for forms, a named format (微短剧, 直播) makes the format the
        subject, while a platform or creator word (抖音, 博主) often only names
        the carrier of a story that is about something else (adjudication:
        speech carried by a video is governance only).
        """
        keys = self.group_keys
        index = {k: i for i, k in enumerate(keys)}
        out = np.zeros((len(texts), len(keys)))
        for row, text in enumerate(texts):
            for theme, counts in self.matches(text).items():
                by_term = self.groups.get(theme, {})
                for term, c in counts.items():
                    g = by_term.get(term)
                    if g is not None:
                        out[row, index[(theme, g)]] += self.terms[theme][term] * min(c, self.max_count)
        return out

    def score_many(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, len(THEMES)))
        return np.vstack([self.score(t) for t in texts])

    def predict(self, texts: list[str]) -> np.ndarray:
        """0/1 matrix: score at or above the theme's threshold."""
        thr = np.array([self.thresholds[t] for t in THEMES])
        return (self.score_many(texts) >= thr).astype(int)

    def themes(self, text: str) -> list[str]:
        row = self.predict([text])[0]
        return [t for t, on in zip(THEMES, row) if on]


@lru_cache(maxsize=1)
def _shipped() -> Lexicon:
    return Lexicon.from_files(resource_path(LEXICON_TSV), resource_path(LEXICON_JSON))


def tune_thresholds(lex: Lexicon, texts: list[str], gold: np.ndarray) -> dict[str, float]:
    """Per-theme threshold maximising F1 on (train-split) hand labels."""
    from sklearn.metrics import f1_score

    scores = lex.score_many(texts)
    best: dict[str, float] = {}
    for j, theme in enumerate(THEMES):
        candidates = sorted({s for s in scores[:, j] if s > 0} | {1.0})
        f1s = [(f1_score(gold[:, j], scores[:, j] >= c, zero_division=0), -c) for c in candidates]
        best[theme] = -max(f1s)[1]
    return best


def main(argv: list[str] | None = None) -> int:
    """Report (and with --tune, print tuned) lexicon thresholds on the train split."""
    from pipeline.themes import data
    from pipeline.themes.evaluate import label_matrix, prf_report

    ap = argparse.ArgumentParser(prog="python -m pipeline.themes.lexicon", description=main.__doc__)
    ap.add_argument("--tune", action="store_true", help="print thresholds maximising train-split F1")
    args = ap.parse_args(argv)
    lex = Lexicon.load()
    split = data.Split.default()
    train = [r for r in data.load_hand_labels() if split.of(r.doc_id) == "train"]
    texts = [r.text for r in train]
    gold = label_matrix([r.themes for r in train])
    print(f"{lex.version}: {len(train)} train-split hand-labeled paragraphs")
    print(prf_report(gold, lex.predict(texts)))
    if args.tune:
        tuned = tune_thresholds(lex, texts, gold)
        print("tuned thresholds:", json.dumps(tuned))
        tuned_lex = Lexicon(lex.version, lex.terms, tuned, lex.max_count, lex.groups)
        print(prf_report(gold, tuned_lex.predict(texts)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
