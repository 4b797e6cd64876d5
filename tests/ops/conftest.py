"""Operations tests: runs as separate processes, sharing one Prefect API.

Each ``python -m pipeline run`` would otherwise start its own ephemeral API
server (seconds per run); here every subprocess talks to the test harness's.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.bench import build_corpus, pool_articles

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def api_url(prefect_api):
    return prefect_api


@pytest.fixture(scope="module")
def run_env(api_url) -> dict[str, str]:
    env = dict(os.environ, PREFECT_API_URL=api_url, PREFECT_SERVER_ANALYTICS_ENABLED="false",
               DO_NOT_TRACK="1", PREFECT_LOGGING_LEVEL="WARNING")
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def make_corpus(dest: Path, scale: int) -> list[Path]:
    """The repo's pool articles copied ``scale`` times (distinct bytes per copy)."""
    pool = REPO / "corpus" / "pool"
    files, _ = build_corpus(pool_articles(pool), pool, dest, scale)
    return files


def pipeline_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "pipeline", *args]


def start_run(corpus: Path, out: Path, env: dict, *extra: str) -> subprocess.Popen:
    cmd = pipeline_cmd("run", "--input", str(corpus), "--output", str(out), "--runner", "sequential",
                       "--batch-size", "4", "--stages", "", "--no-progress", *extra)
    return subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)
