"""Prefect's process-pool task runner, made safe to exit after a worker dies.

Prefect's ``ProcessPoolTaskRunner`` forwards the workers' logs and events to
the flow through one ``multiprocessing.Queue``.  A worker that dies half-way
through writing to it (a segfault, ``os._exit``, the OOM killer) leaves the
queue's write lock held for ever.  The runner's shutdown message then sticks
in the flow process's feeder thread, and the interpreter waits on that thread
at exit: the run has written its outputs and printed its summary, but the
process never ends and a nightly run holds its lock until someone kills it.

Cancelling the join of the flow-side feeder thread (a public
``multiprocessing.Queue`` method) lets the process exit.  The flow only ever
puts the shutdown message on that queue, so nothing of value can be lost;
the workers' own queue ends are separate objects and still flush on exit.
"""
from __future__ import annotations

from prefect.task_runners import ProcessPoolTaskRunner


class CrashTolerantProcessPoolTaskRunner(ProcessPoolTaskRunner):
    """A ``ProcessPoolTaskRunner`` whose process exits even after a worker crash."""

    def __enter__(self):
        runner = super().__enter__()
        queue = getattr(self, "_subprocess_message_queue", None)
        if queue is not None:
            queue.cancel_join_thread()
        return runner
