"""The flow process exits after a worker died while writing to Prefect's message queue.

A worker killed half-way through a put leaves the queue's write lock held.  The
script below takes that lock itself (the state a dead writer leaves behind),
then shuts the runner down and returns: with Prefect's stock runner the
interpreter then waits for ever on the queue's feeder thread at exit.
"""
from __future__ import annotations

import subprocess
import sys

from pipeline.flow import task_runner_for
from pipeline.config import RunConfig
from pipeline.process_pool import CrashTolerantProcessPoolTaskRunner

from tests.reliability.conftest import REPO

SCRIPT = """
from pipeline.process_pool import CrashTolerantProcessPoolTaskRunner
runner = CrashTolerantProcessPoolTaskRunner(max_workers=1)
runner.__enter__()
runner._subprocess_message_queue._wlock.acquire()  # a writer died holding it
runner.__exit__(None, None, None)
print("runner closed", flush=True)
"""


def test_exits_when_a_dead_worker_holds_the_queue_lock():
    done = subprocess.run([sys.executable, "-c", SCRIPT], cwd=REPO, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "runner closed" in done.stdout


def test_local_runner_and_its_per_run_copies_are_crash_tolerant():
    runner = task_runner_for(RunConfig(input_dir=REPO, output_dir=REPO / "outputs", runner="local", workers=2))
    assert isinstance(runner, CrashTolerantProcessPoolTaskRunner)
    assert isinstance(runner.duplicate(), CrashTolerantProcessPoolTaskRunner)  # Prefect copies it per flow run
