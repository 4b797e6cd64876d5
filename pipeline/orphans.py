"""Worker processes end when the run that started them dies.

A run killed with SIGKILL (the OOM killer, a scheduler's timeout) cannot shut
its process pool down, and pool workers wait for work forever, each holding
jieba and the models in memory: every killed night would leave them behind.
"""
from __future__ import annotations

import os
import threading
import time


def exit_with_parent(poll_seconds: float = 1.0) -> None:
    """Call in a worker process: exit as soon as its parent process is gone."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(poll_seconds)
        os._exit(0)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()
