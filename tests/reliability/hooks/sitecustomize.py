"""Test-only fault injection for the reliability tests.

Python imports this module at start-up only when this folder is on
PYTHONPATH (the tests put it there for the subprocesses they start), and it
does nothing unless ``AV_FAULTS`` names faults (comma-separated):

* ``poison``: a document whose raw text contains ``☠EXIT☠`` ends its worker
  process with ``os._exit(70)``; ``☠SEGV☠`` makes it segfault.
* ``slow-docs``: every document sleeps ``AV_FAULT_DOC_SECONDS`` (0.05 s).
* ``pause-views``: the warehouse build announces ``[fault] views`` on
  stderr and sleeps ``AV_FAULT_PAUSE`` seconds (60) half-way through.
* ``pause-exchange``: publication announces ``[fault] exchange-before`` and
  ``[fault] exchange-after`` around the folder swap, sleeping at each.
* ``missing-model``: the stage registry looks for models in an empty folder
  (``AV_FAULT_MODELS_DIR``), as on a machine where nobody trained them.

Modules are patched when they are first imported, so processes that never
import them (the resource tracker) stay light.  Production code has no hooks.
"""
from __future__ import annotations

import importlib.abc
import os
import sys
import time

FAULTS = {f.strip() for f in os.environ.get("AV_FAULTS", "").split(",") if f.strip()}


def _announce(what: str) -> None:
    print(f"[fault] {what}", file=sys.stderr, flush=True)


def _pause() -> None:
    time.sleep(float(os.environ.get("AV_FAULT_PAUSE", "60")))


def _patch_process(module) -> None:
    real = module.clean_document
    doc_seconds = float(os.environ.get("AV_FAULT_DOC_SECONDS", "0.05"))

    def clean_document(doc_id, raw_text, *args, **kwargs):
        if "poison" in FAULTS:
            if "☠EXIT☠" in raw_text:
                os._exit(70)
            if "☠SEGV☠" in raw_text:
                import ctypes

                ctypes.string_at(0)  # SIGSEGV
        if "slow-docs" in FAULTS:
            time.sleep(doc_seconds)
        return real(doc_id, raw_text, *args, **kwargs)

    module.clean_document = clean_document


def _patch_views(module) -> None:
    real = module.create_views

    def create_views(*args, **kwargs):
        _announce("views")
        _pause()
        return real(*args, **kwargs)

    module.create_views = create_views


def _patch_outputs(module) -> None:
    real = module._exchange

    def _exchange(a, b):
        _announce("exchange-before")
        _pause()
        done = real(a, b)
        _announce("exchange-after")
        _pause()
        return done

    module._exchange = _exchange


def _patch_stages(module) -> None:
    from pathlib import Path

    module.MODELS_DIR = Path(os.environ["AV_FAULT_MODELS_DIR"])


PATCHES = {}
if FAULTS & {"poison", "slow-docs"}:
    PATCHES["pipeline.process"] = _patch_process
if "pause-views" in FAULTS:
    PATCHES["pipeline.views"] = _patch_views
if "missing-model" in FAULTS:
    PATCHES["pipeline.stages"] = _patch_stages
if "pause-exchange" in FAULTS:
    PATCHES["pipeline.outputs"] = _patch_outputs


class _Loader(importlib.abc.Loader):
    def __init__(self, loader, patch):
        self.loader, self.patch = loader, patch

    def create_module(self, spec):
        return self.loader.create_module(spec)

    def exec_module(self, module):
        self.loader.exec_module(module)
        self.patch(module)


class _PatchOnImport(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        patch = PATCHES.get(name)
        if patch is None:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is not None and spec.loader is not None:
                spec.loader = _Loader(spec.loader, patch)
                return spec
        return None


if PATCHES:
    sys.meta_path.insert(0, _PatchOnImport())
