"""The report tests reuse the review tests' contract-shaped output folders."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "review"))

from review_fixtures import write_output  # noqa: E402


@pytest.fixture
def output_dir(tmp_path: Path) -> Path:
    return write_output(tmp_path / "outputs")
