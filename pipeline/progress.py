"""Progress on the terminal: a live bar on a TTY, periodic lines otherwise."""
from __future__ import annotations

import sys
import time


class Progress:
    def __init__(self, total: int, enabled: bool = True, stream=None):
        self.total, self.done, self.enabled = total, 0, enabled
        self.stream = stream or sys.stderr
        self._bar = None
        self._last_line = 0.0
        if enabled and self.stream.isatty() and total:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress as RichProgress, TextColumn, TimeElapsedColumn

            self._bar = RichProgress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                                     TimeElapsedColumn(), transient=False)
            self._bar.start()
            self._task = self._bar.add_task("documents", total=total)

    def advance(self, n: int, stage: str) -> None:
        if not n:
            return
        self.done += n
        if not self.enabled:
            return
        if self._bar is not None:
            self._bar.update(self._task, advance=n, description=f"documents ({stage})")
        elif time.monotonic() - self._last_line > 5 or self.done >= self.total:
            self._last_line = time.monotonic()
            print(f"[{stage}] documents {self.done}/{self.total}", file=self.stream, flush=True)

    def note(self, message: str) -> None:
        if self.enabled and self._bar is None:
            print(f"[{message}]", file=self.stream, flush=True)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None
