"""Run configuration: one typed object, recorded in the manifest."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

SUPPORTED_SUFFIXES = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md",
                      ".html": "html", ".htm": "html", ".docx": "docx", ".pdf": "pdf"}


@dataclass(frozen=True)
class RunConfig:
    input_dir: Path = Path("corpus")
    output_dir: Path = Path("outputs")
    runner: str = "local"                 # local | dask | sequential
    workers: int | None = None            # processes for the local runner (default: cores)
    dask_address: str | None = None      # existing Dask scheduler, else a LocalCluster
    batch_size: int = 32                  # documents per task
    max_file_bytes: int = 64 * 1024 * 1024
    incremental: bool = True
    fail_on_error: bool = False
    stages: tuple[str, ...] = ("indicators", "entities", "themes")
    lock_timeout: float = 0.0             # seconds to wait for another run's lock
    progress: bool = True
    extra: dict = field(default_factory=dict)

    def to_json(self) -> dict:
        d = asdict(self)
        d["input_dir"] = str(self.input_dir)
        d["output_dir"] = str(self.output_dir)
        d["stages"] = list(self.stages)
        return d
