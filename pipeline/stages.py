"""Registry of the analysis stages that run after cleaning.

Each stage is a component class with ``load()`` (resources read once per
worker process).  The registry names them, loads them lazily, and derives
the cache key that decides whether a document's earlier rows can be reused.

The cache key is a content hash of everything that shapes the rows — the
core modules, the jieba dictionary, each stage's code, rule files and model
files — computed without loading any model, so an unchanged nightly rerun
does not pay for model start-up, and no one has to remember to bump a
version by hand.
"""
from __future__ import annotations

import hashlib
import importlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import __version__

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_ROOT = PACKAGE_DIR.parent
MODELS_DIR = REPO_ROOT / "models"
RESOURCES_DIR = PACKAGE_DIR / "resources"

# Modules whose code shapes every row (ingest → clean → segment → terms → assembly).
CORE_MODULES = ("decode.py", "formats.py", "ingest.py", "clean.py", "document.py", "segment.py",
                "terms.py", "process.py", "tables.py")
CORE_RESOURCES = ("jieba_domain_dict.txt", "stopwords.txt")


@dataclass(frozen=True)
class Stage:
    module: str
    component: str
    package: str            # code folder under pipeline/
    resources: str | None   # rules folder under pipeline/resources/
    model: str | None       # model folder under models/
    train_command: str | None = None


REGISTRY: dict[str, Stage] = {
    "indicators": Stage("pipeline.indicators", "IndicatorExtractor", "indicators", "indicators", None),
    "entities": Stage("pipeline.entities", "EntityRecognizer", "entities", "gazetteers", "ner",
                      "python -m pipeline train-ner"),
    "themes": Stage("pipeline.themes", "ThemeClassifier", "themes", "themes", "themes",
                    "python -m pipeline train-themes"),
}


class StageUnavailable(RuntimeError):
    """A configured stage cannot be loaded (missing model, broken install)."""


@lru_cache(maxsize=None)
def load(name: str):
    """The stage's component, loaded once per process."""
    stage = REGISTRY[name]
    try:
        module = importlib.import_module(stage.module)
        return getattr(module, stage.component).load()
    except Exception as exc:  # import errors, missing model files
        raise StageUnavailable(f"stage '{name}' cannot be loaded: {type(exc).__name__}: {exc}") from exc


def check_available(stage_names: tuple[str, ...]) -> None:
    """Fail fast, before any work, when a stage's model is missing."""
    for name in stage_names:
        stage = REGISTRY[name]
        if stage.model and not _files(MODELS_DIR / stage.model):
            raise StageUnavailable(
                f"stage '{name}' has no model in {MODELS_DIR / stage.model}; train it with `{stage.train_command}`")
        try:
            importlib.import_module(stage.module)
        except Exception as exc:
            raise StageUnavailable(f"stage '{name}' cannot be imported: {type(exc).__name__}: {exc}") from exc


def _files(root: Path) -> list[Path]:
    if not root.is_dir():
        return [root] if root.is_file() else []
    return sorted(p for p in root.rglob("*")
                  if p.is_file() and p.name != "README.md" and "__pycache__" not in p.parts)


@lru_cache(maxsize=None)
def fingerprint(*roots: Path) -> str:
    """Content hash of files and folders (model cards and caches excluded)."""
    h = hashlib.sha256()
    for root in roots:
        for path in _files(root):
            h.update(str(path.relative_to(REPO_ROOT)).encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:12]


def versions(stage_names: tuple[str, ...]) -> dict[str, str]:
    """Versions of the pipeline core, its resources and each stage (content hashes)."""
    out = {
        "pipeline": __version__,
        "core": fingerprint(*(PACKAGE_DIR / m for m in CORE_MODULES),
                            *(RESOURCES_DIR / r for r in CORE_RESOURCES)),
    }
    for name in stage_names:
        stage = REGISTRY[name]
        roots = [PACKAGE_DIR / stage.package]
        if stage.resources:
            roots.append(RESOURCES_DIR / stage.resources)
        if stage.model:
            roots.append(MODELS_DIR / stage.model)
        out[name] = fingerprint(*roots)
    return out


def cache_key(stage_versions: dict[str, str]) -> str:
    blob = "|".join(f"{k}={v}" for k, v in sorted(stage_versions.items()))
    return hashlib.sha256(blob.encode()).hexdigest()[:16]
