"""Versioned gazetteers (pipeline/resources/gazetteers) loaded once per process.

The lists are data, not code: ``manifest.json`` names each list and its label,
the alias table, the names that need list context (and the cues that show their
brand sense), the outlet-title rule and
the generic words. ``Gazetteer.sha`` hashes all of them, so the model version
changes whenever a list does.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pipeline.segment import DOMAIN_DICT, resource_path

GAZETTEER_DIR = "gazetteers"
COMMON_FLAGS = frozenset({"n", "v", "m"})   # jieba flags of non-name domain terms


@dataclass(frozen=True)
class Gazetteer:
    entries: tuple[tuple[str, str, str], ...]   # (name, label, list file)
    aliases: dict[str, str]
    ambiguous: frozenset[str]
    outlets: frozenset[str]
    outlet_suffixes: tuple[str, ...]
    not_outlet_suffixes: tuple[str, ...]
    generic_words: frozenset[str]
    boilerplate: tuple[str, ...]
    non_entities: frozenset[str]
    common_terms: frozenset[str]     # domain-dictionary common nouns (never a name by themselves)
    company_suffixes: tuple[str, ...]
    company_stops: frozenset[str]
    org_suffixes: tuple[str, ...]
    name_edges: dict[str, tuple[str, ...]]   # kind (break, trail, lead, unit …) → words
    generic_units: frozenset[str]            # 警方, 公安机关: never a name as a whole span
    countries: frozenset[str]                # not joined with the place after them
    brand_senses: tuple[tuple[str, str, str], ...]   # (name, cues, counter-cues) of ambiguous brands
    version: str
    sha: str

    def canonical(self, text: str) -> str:
        return self.aliases.get(text, text)

    def is_outlet_title(self, title: str) -> bool:
        """《证券日报》 is an outlet (ORG); 《2024年统计公报》 is a work."""
        if title in self.outlets or self.canonical(title) in self.outlets:
            return True
        if any(title.endswith(s) for s in self.not_outlet_suffixes):
            return False
        return any(title.endswith(s) for s in self.outlet_suffixes) and len(title) <= 12


def _lines(path: Path) -> list[str]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


def default_dir() -> Path:
    return resource_path(GAZETTEER_DIR)


@lru_cache(maxsize=4)
def load_gazetteer(directory: Path | None = None) -> Gazetteer:
    directory = Path(directory) if directory is not None else default_dir()
    manifest = json.loads((directory / "manifest.json").read_text(encoding="utf-8"))
    digest = hashlib.sha256()
    files = sorted(p for p in directory.iterdir() if p.is_file())
    for p in files:
        digest.update(p.name.encode())
        digest.update(p.read_bytes())
    entries: list[tuple[str, str, str]] = []
    seen: set[tuple[str, str]] = set()
    for fname, label in manifest["lists"].items():
        for name in _lines(directory / fname):
            if (name, label) not in seen:
                seen.add((name, label))
                entries.append((name, label, fname))
    aliases = {}
    for line in _lines(directory / manifest["aliases"]):
        alias, canonical = line.split("\t")
        aliases[alias.strip()] = canonical.strip()
    suffixes, not_suffixes = [], []
    for line in _lines(directory / manifest["outlet_titles"]):
        kind, value = line.split("\t")
        (suffixes if kind == "suffix" else not_suffixes).append(value.strip())
    company: dict[str, list[str]] = {"suffix": [], "stop": []}
    for line in _lines(directory / manifest["company_names"]):
        kind, value = line.split("\t")
        company[kind].append(value.strip())
    edges: dict[str, list[str]] = {}
    if manifest.get("name_edges"):
        for line in _lines(directory / manifest["name_edges"]):
            kind, value = line.split("\t")
            edges.setdefault(kind.strip(), []).append(value.strip())
    if manifest.get("given_names"):      # Latin given names: the first word of a person's name
        edges.setdefault("given", []).extend(_lines(directory / manifest["given_names"]))
    senses = []
    if manifest.get("brand_senses"):     # name, cues, counter-cues (the last column may be empty)
        for line in _lines(directory / manifest["brand_senses"]):
            name, cues, against = (line.split("\t") + ["", ""])[:3]
            senses.append((name.strip(), cues.strip(), against.strip()))
    outlets = frozenset(n for n, _, f in entries if f == "broadcasters.txt")
    domain_dict = resource_path(DOMAIN_DICT)
    digest.update(domain_dict.read_bytes())
    common = set()
    for line in _lines(domain_dict):
        parts = line.split()
        if len(parts) >= 3 and parts[2] in COMMON_FLAGS:
            common.add(parts[0])
    return Gazetteer(
        entries=tuple(entries),
        aliases=aliases,
        ambiguous=frozenset(_lines(directory / manifest["ambiguous"])),
        outlets=outlets,
        outlet_suffixes=tuple(suffixes),
        not_outlet_suffixes=tuple(not_suffixes),
        generic_words=frozenset(_lines(directory / manifest["generic_words"])),
        boilerplate=tuple(_lines(directory / manifest["boilerplate"])),
        non_entities=frozenset(_lines(directory / manifest["non_entities"])),
        common_terms=frozenset(common),
        company_suffixes=tuple(company["suffix"]),
        company_stops=frozenset(company["stop"]),
        org_suffixes=tuple(_lines(directory / manifest["org_suffixes"])),
        name_edges={k: tuple(v) for k, v in sorted(edges.items())},
        countries=frozenset(n for n, _, f in entries if f == "countries.txt"),
        generic_units=frozenset(_lines(directory / manifest["generic_units"])
                                if manifest.get("generic_units") else ()),
        brand_senses=tuple(senses),
        version=str(manifest.get("version", "0")),
        sha=digest.hexdigest()[:12],
    )
