"""Registry of the analysis stages that run after cleaning.

Each stage is a component class with ``load()`` (resources read once per
worker process) and a ``version``.  The registry names them, loads them
lazily and turns their versions into the cache key that decides whether a
document's earlier rows can be reused.
"""
from __future__ import annotations

import hashlib
import importlib
from functools import lru_cache
from pathlib import Path

from . import __version__
from .segment import dictionary_version

REPO_ROOT = Path(__file__).resolve().parent.parent
MODELS_DIR = REPO_ROOT / "models"

# stage name -> (module, class, model folder under models/ or None)
REGISTRY: dict[str, tuple[str, str, str | None]] = {
    "indicators": ("pipeline.indicators", "IndicatorExtractor", None),
    "entities": ("pipeline.entities", "EntityRecognizer", "ner"),
    "themes": ("pipeline.themes", "ThemeClassifier", "themes"),
}
# Bump when cleaning, segmentation or row assembly change what a run writes.
CORE_VERSION = "core-1"


class StageUnavailable(RuntimeError):
    """A configured stage cannot be loaded (missing model, broken install)."""


@lru_cache(maxsize=None)
def load(name: str):
    """The stage's component, loaded once per process."""
    module_name, class_name, _ = REGISTRY[name]
    try:
        module = importlib.import_module(module_name)
        return getattr(module, class_name).load()
    except Exception as exc:  # import errors, missing model files
        raise StageUnavailable(f"stage '{name}' cannot be loaded: {type(exc).__name__}: {exc}") from exc


@lru_cache(maxsize=None)
def model_fingerprint(folder: str) -> str:
    """Content hash of a model folder (its card excluded)."""
    root = MODELS_DIR / folder
    h = hashlib.sha256()
    if root.is_dir():
        for path in sorted(p for p in root.rglob("*") if p.is_file() and p.name != "README.md"):
            h.update(str(path.relative_to(root)).encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:12]


def versions(stages: tuple[str, ...]) -> dict[str, str]:
    """Versions of the pipeline core, its resources and each stage."""
    out = {"pipeline": __version__, "core": CORE_VERSION, "jieba_dictionary": dictionary_version()}
    for name in stages:
        component = load(name)
        folder = REGISTRY[name][2]
        v = str(getattr(component, "version", "0"))
        out[name] = f"{v}+{model_fingerprint(folder)}" if folder else v
    return out


def cache_key(stage_versions: dict[str, str]) -> str:
    blob = "|".join(f"{k}={v}" for k, v in sorted(stage_versions.items()))
    return hashlib.sha256(blob.encode()).hexdigest()[:16]
