"""The original inputs, kept: `ROOT/originals/<aa>/<sha256>.<ext>.gz`.

Every imported file is stored as it was read, gzipped (mtime 0, no file name: the same bytes
always give the same file), named by the SHA-256 of its bytes (`aa`: its first two hex digits,
so no folder holds too many files). When extraction errs, nothing of the capture is lost, and
anyone can check an article against what was captured: `gunzip` it and hash it. A file already
stored is never written again. Originals are not published into site/ (scraped HTML on the
archive's own origin could run its scripts); the BagIt export carries them.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

from generator.archive.layout import ORIGINALS_DIR

_EXTENSION = re.compile(r"^[a-z0-9]{1,8}(\.gz)?$")


def rel_path(sha256: str, name: str, kind: str) -> str:
    """Where the input with that hash is kept, relative to the root. The extension is the input's
    own (`.warc.gz` stays one), else its kind's."""
    lowered = name.lower()
    suffix = ".".join(lowered.rsplit(".", 2)[-2:]) if lowered.endswith(".warc.gz") else lowered.rpartition(".")[2]
    if "." not in lowered or not _EXTENSION.match(suffix):
        suffix = {"text": "txt", "markdown": "md"}.get(kind, kind)
    return f"{ORIGINALS_DIR}/{sha256[:2]}/{sha256}.{suffix}.gz"


def of(provenance: dict) -> str | None:
    """Where an article's or a version's input is kept, from its provenance (None if it names none)."""
    sha, name, kind = provenance.get("sha256"), provenance.get("file"), provenance.get("importer")
    if not (isinstance(sha, str) and re.fullmatch(r"[0-9a-f]{64}", sha) and isinstance(name, str)):
        return None
    return rel_path(sha, name.rsplit("/", 1)[-1], str(kind))


def compressed(data: bytes) -> bytes:
    """gzip with no time and no name in its header: reproducible."""
    return gzip.compress(data, compresslevel=9, mtime=0)


def store(root: Path, rel: str, data: bytes, write) -> bool:
    """Keep `data` at `rel` unless it is there already; `write(path, bytes)` writes atomically.
    True if it was written."""
    path = root / rel
    if path.is_file() and path.stat().st_size > 0:
        return False
    write(path, compressed(data))
    return True
