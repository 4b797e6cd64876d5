"""Fixtures of the reliability tests: one Prefect server for the whole package.

The CLI runs in subprocesses (the real exit status, the real ``kill -9``).
Each would otherwise start its own ephemeral Prefect server (~10 s); pointing
them at one test server started here keeps the suite within its time budget.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
HOOKS = Path(__file__).resolve().parent / "hooks"


@pytest.fixture(scope="package")
def prefect_api_url(prefect_api):
    return prefect_api


@pytest.fixture(scope="package")
def cli(prefect_api_url):
    """Run ``python -m pipeline ARGS`` in a subprocess against the test server."""

    def run(*args: str, faults: str | None = None, timeout: float = 300, env: dict | None = None,
            popen: bool = False, **kw):
        full_env = cli_env(prefect_api_url, faults, env)
        cmd = [sys.executable, "-m", "pipeline", *map(str, args)]
        if popen:
            return subprocess.Popen(cmd, cwd=REPO, env=full_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                    text=True, start_new_session=True, **kw)
        return subprocess.run(cmd, cwd=REPO, env=full_env, capture_output=True, text=True, timeout=timeout, **kw)

    return run


def cli_env(api_url: str | None, faults: str | None = None, extra: dict | None = None) -> dict:
    env = dict(os.environ)
    env.pop("AV_FAULTS", None)
    if api_url:
        env["PREFECT_API_URL"] = api_url
    if faults:
        env["AV_FAULTS"] = faults
        env["PYTHONPATH"] = os.pathsep.join([str(HOOKS), str(REPO), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env.update(extra or {})
    return env
