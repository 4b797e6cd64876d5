"""Planning a run: which files to process, which to reuse, in which batches.

Reuse is decided per document: same bytes (SHA-256; an unchanged size and
mtime lets us trust the previous hash without reading the file) and same
pipeline/model versions (the cache key) as the last published run, and the
document was read then (even if it failed: same bytes, same failure).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .config import RunConfig
from .discover import SourceFile, discover
from .ingest import sha256_file
from .outputs import PreviousDocument, read_previous


@dataclass
class RunPlan:
    sources: list[SourceFile]                      # every file seen, stable order
    to_process: list[SourceFile] = field(default_factory=list)
    not_processable: list[SourceFile] = field(default_factory=list)  # skipped/failed at discovery
    reused: dict[str, str] = field(default_factory=dict)  # doc_id -> previous status
    previous_documents: int = 0                    # documents the last published run had

    @property
    def unchanged(self) -> bool:
        """Every file is reused and none was added, removed or skipped: same outputs as last time."""
        return (bool(self.sources) and not self.to_process and not self.not_processable
                and len(self.reused) == len(self.sources) == self.previous_documents)

    def batches(self, size: int) -> list[list[SourceFile]]:
        return [self.to_process[i:i + size] for i in range(0, len(self.to_process), size)]


def _unchanged(source: SourceFile, prev: PreviousDocument, cache_key: str) -> bool:
    # Failed or empty documents are reused too: the same bytes would fail the
    # same way.  A file that could not even be read has no hash and is retried.
    if prev.cache_key != cache_key or not prev.content_sha256:
        return False
    if prev.size_bytes == source.size and prev.mtime_ns == source.mtime_ns:
        return True
    try:
        return sha256_file(source.path) == prev.content_sha256
    except OSError:
        return False


def plan_run(config: RunConfig, cache_key: str) -> RunPlan:
    sources = list(discover(Path(config.input_dir), config.max_file_bytes))
    previous = read_previous(Path(config.output_dir)) if config.incremental else {}
    plan = RunPlan(sources, previous_documents=len(previous))
    for source in sources:
        if source.status != "pending":
            plan.not_processable.append(source)
            continue
        prev = previous.get(source.doc_id)
        if prev is not None and _unchanged(source, prev, cache_key):
            plan.reused[source.doc_id] = prev.status
        else:
            plan.to_process.append(source)
    return plan


__all__ = ["RunPlan", "plan_run"]
