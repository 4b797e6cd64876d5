"""Locks on an output folder.

Two locks, both files beside the output folder (not inside it, because the
folder itself is swapped at publication):

* the run lock, held for a whole run, so two nightly runs never write the
  same folder at once;
* the swap lock, held only while the folder is exchanged and the review
  decisions are carried over; the review server takes it around each write.

``filelock`` uses OS-level locks that die with their process, so a run
killed with ``kill -9`` leaves no stale lock behind.
"""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from filelock import FileLock, Timeout


class OutputLocked(RuntimeError):
    """Another run holds the output folder."""


def _lock_path(output_dir: Path, kind: str) -> Path:
    output_dir = Path(output_dir).resolve()
    return output_dir.parent / f".{output_dir.name}.{kind}.lock"


@contextmanager
def run_lock(output_dir: Path, timeout: float = 0.0) -> Iterator[None]:
    """Hold the run lock; wait up to ``timeout`` seconds (0: fail at once)."""
    path = _lock_path(output_dir, "run")
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(path), timeout=timeout)
    try:
        lock.acquire()
    except Timeout:
        raise OutputLocked(
            f"another run is writing {output_dir} (lock {path}); "
            f"wait for it or pass --wait SECONDS") from None
    try:
        yield
    finally:
        lock.release()


def ensure_unlocked(output_dir: Path) -> None:
    """Raise ``OutputLocked`` now if another run holds the folder (checked
    before the flow starts; the flow takes the lock for real)."""
    with run_lock(output_dir, 0.0):
        pass


@contextmanager
def swap_lock(output_dir: Path, timeout: float = 60.0) -> Iterator[None]:
    """Hold the short lock that guards folder swaps and review writes."""
    path = _lock_path(output_dir, "swap")
    path.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(str(path), timeout=timeout):
        yield
