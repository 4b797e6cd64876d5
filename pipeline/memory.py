"""Free each batch's garbage as soon as the batch is consumed.

A finished batch comes back to the flow process through a chain of Prefect
and concurrent.futures objects that refer to each other, so dropping our
reference to the future does not free it: the chain, the batch's pickled rows
and their unpickled copy wait for a full (generation 2) collection, which
CPython runs rarely. Over a 16x-pool run that held about 0.2 GB in the flow
process. A full collection per batch frees them; ``gc.freeze()`` first moves
the objects that exist before the batches (imports, Prefect's client) out of
the collector's sight, so each collection only walks what the run created.
``malloc_trim`` then hands the freed pages back to the OS (glibc only).
"""
from __future__ import annotations

import ctypes
import ctypes.util
import functools
import gc


@functools.lru_cache(maxsize=1)
def _libc_trim():
    name = ctypes.util.find_library("c")
    if not name:
        return None
    try:
        return ctypes.CDLL(name).malloc_trim
    except (OSError, AttributeError):   # not glibc (musl, macOS): nothing to trim
        return None


def freeze_existing_objects() -> None:
    """Exclude every object alive now from later collections (they live for the whole run)."""
    gc.collect()
    gc.freeze()


def release_batch_garbage() -> None:
    """Collect unreachable cycles and return free heap pages to the OS."""
    gc.collect()
    trim = _libc_trim()
    if trim is not None:
        trim(0)


def thaw_objects() -> None:
    """Undo ``freeze_existing_objects`` (a process that runs the flow again, e.g. tests, collects them later)."""
    gc.unfreeze()
