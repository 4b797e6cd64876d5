"""Find the input files of a run, in a stable order, safely.

Every file below the input folder becomes exactly one ``documents`` row, so
discovery never drops a file silently: hidden, unsupported, oversized,
empty files and broken links are returned with the reason they are skipped
or failed.  Directory symlinks are followed once (a loop is detected by the
real path, not by depth).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterator

from .config import SUPPORTED_SUFFIXES


@dataclass(frozen=True)
class SourceFile:
    doc_id: str
    path: Path               # absolute path to read
    source_path: str         # path relative to the input folder, with extension
    format: str | None       # txt md html docx pdf, or None when unsupported
    size: int
    mtime_ns: int
    status: str = "pending"  # pending | skipped | failed
    reason: str | None = None       # for a person
    error_type: str | None = None   # for the errors table (HiddenFile, BrokenLink, …)


def doc_id_for(rel: str) -> str:
    rel = rel.replace(os.sep, "/")
    stem, dot, suffix = rel.rpartition(".")
    if dot and "/" not in suffix and stem and not stem.endswith("/"):
        return stem
    return rel


def readable_name(name: str) -> str:
    """A file name as valid Unicode for the tables.

    Names that are not UTF-8 (a zip made on a Chinese Windows machine gives
    GBK names) arrive with surrogate escapes, which Parquet cannot store:
    they are read as GB18030 when that works, else the odd bytes are shown
    as \\xNN.  The file itself is still opened by its real name.
    """
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        raw = os.fsencode(name)
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        return raw.decode("utf-8", errors="backslashreplace")


def discover(root: Path, max_bytes: int) -> Iterator[SourceFile]:
    """Yield every file below ``root`` in sorted path order."""
    root = root.resolve()
    seen_dirs: set[str] = set()
    seen_ids: dict[str, str] = {}

    def walk(directory: Path, rel_dir: str) -> Iterator[SourceFile]:
        real = os.path.realpath(directory)
        if real in seen_dirs:
            return  # symlink loop or a folder reached twice
        seen_dirs.add(real)
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as exc:
            yield SourceFile(rel_dir or ".", directory, rel_dir or ".", None, 0, 0, "failed",
                             f"cannot list folder: {exc.strerror or exc}", "UnreadableFolder")
            return
        for entry in entries:
            name = readable_name(entry.name)
            rel = f"{rel_dir}/{name}" if rel_dir else name
            try:
                is_dir = entry.is_dir(follow_symlinks=True)
            except OSError:
                is_dir = False
            if is_dir:
                yield from walk(Path(entry.path), rel)
                continue
            yield _classify(Path(entry.path), rel, max_bytes)

    for sf in walk(root, ""):
        first = seen_ids.get(sf.doc_id)
        if first is None:
            seen_ids[sf.doc_id] = sf.source_path
        else:
            # doc_id must stay unique in the documents table: the later file
            # keeps its extension in the id and is skipped.
            sf = replace(sf, doc_id=sf.source_path, status="skipped",
                         reason=f"another file has the same doc_id: {first}", error_type="DuplicateDocId")
        yield sf


def _classify(path: Path, rel: str, max_bytes: int) -> SourceFile:
    doc_id = doc_id_for(rel)
    try:
        st = path.stat()
    except FileNotFoundError:
        return SourceFile(doc_id, path, rel, None, 0, 0, "failed", "broken symbolic link or vanished file",
                          "BrokenLink")
    except OSError as exc:
        return SourceFile(doc_id, path, rel, None, 0, 0, "failed", f"cannot stat file: {exc.strerror or exc}",
                          "UnreadableFile")
    fmt = SUPPORTED_SUFFIXES.get(path.suffix.lower())
    base = dict(doc_id=doc_id, path=path, source_path=rel, format=fmt, size=st.st_size, mtime_ns=st.st_mtime_ns)
    if any(part.startswith(".") for part in rel.split("/")):
        return SourceFile(**base, status="skipped", reason="hidden file", error_type="HiddenFile")
    if not path.is_file():
        return SourceFile(**base, status="skipped", reason="not a regular file", error_type="NotAFile")
    if fmt is None:
        return SourceFile(**base, status="skipped", reason=f"unsupported file type '{path.suffix or '(none)'}'",
                          error_type="UnsupportedFileType")
    if st.st_size == 0:
        return SourceFile(**base, status="skipped", reason="empty file", error_type="EmptyFile")
    if st.st_size > max_bytes:
        return SourceFile(**base, status="skipped",
                          reason=f"file too large ({st.st_size} bytes > cap {max_bytes}; raise --max-file-mb)",
                          error_type="FileTooLarge")
    return SourceFile(**base)
