"""Batch garbage is freed per batch, not when CPython next runs a full collection."""
from __future__ import annotations

import gc
import weakref

from pipeline.memory import freeze_existing_objects, release_batch_garbage, thaw_objects


class _Node:
    pass


def _cycle() -> weakref.ref:
    node = _Node()
    node.self = node            # a reference cycle, like a finished future's chain
    return weakref.ref(node)


def test_a_cycle_made_after_the_freeze_is_freed_by_the_per_batch_release():
    gc.disable()                # only the explicit calls may collect
    try:
        freeze_existing_objects()
        kept = _cycle()
        assert kept() is not None           # unreachable, but nobody collected it yet
        release_batch_garbage()
        assert kept() is None
    finally:
        thaw_objects()
        gc.enable()


def test_objects_alive_at_the_freeze_are_left_to_the_thaw():
    gc.disable()
    try:
        node = _Node()
        node.self = node
        ref = weakref.ref(node)
        freeze_existing_objects()
        del node
        release_batch_garbage()
        assert ref() is not None            # frozen: the per-batch collections skip it
        thaw_objects()
        gc.collect()
        assert ref() is None
    finally:
        thaw_objects()
        gc.enable()
