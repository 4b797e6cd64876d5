"""Read one source file into decoded, format-free text plus metadata."""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from .decode import DecodeError
from .discover import SourceFile
from .formats import READERS, FormatError


class SkipDocument(Exception):
    """Nothing to analyse (e.g. whitespace only): a skipped, not failed, row."""

    content_sha256: str | None = None


class IngestError(Exception):
    """The file could not be read; the message is meant for a person."""

    content_sha256: str | None = None


@dataclass(frozen=True)
class RawDocument:
    source: SourceFile
    content_sha256: str
    text: str
    encoding: str | None
    title: str | None
    published: dt.date | None


def sha256_file(path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def read_source(source: SourceFile) -> RawDocument:
    try:
        data = source.path.read_bytes()
    except OSError as exc:
        raise IngestError(f"cannot read file: {exc.strerror or exc}") from exc
    digest = hashlib.sha256(data).hexdigest()
    reader = READERS[source.format]
    try:
        extracted = reader(data)
    except (DecodeError, FormatError) as exc:
        error = IngestError(str(exc))
        error.content_sha256 = digest  # same bytes next run: same failure, reuse it
        raise error from exc
    if not extracted.text.strip():
        skip = SkipDocument("no text (empty or whitespace only)")
        skip.content_sha256 = digest
        raise skip
    return RawDocument(source, digest, extracted.text, extracted.encoding, extracted.title, extracted.published)
