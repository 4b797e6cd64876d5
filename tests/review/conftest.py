"""Fixtures: a contract-shaped output folder per test (see review_fixtures)."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

sys.path.insert(0, str(Path(__file__).parent))

from review_fixtures import write_output  # noqa: E402


@pytest.fixture
def output_dir(tmp_path: Path) -> Path:
    return write_output(tmp_path / "outputs")


@pytest.fixture
def indicators_by_text(output_dir: Path) -> dict[str, dict[str, Any]]:
    t = pq.read_table(output_dir / "indicators.parquet").to_pylist()
    return {r["text"]: r for r in t}
