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
from pathlib import Path

from generator.archive.versions import original_of, original_path

__all__ = ["compressed", "original_of", "original_path", "store"]  # where they are: archive/versions.py


def compressed(data: bytes) -> bytes:
    """gzip with no time and no name in its header: reproducible."""
    return gzip.compress(data, compresslevel=6, mtime=0)  # 9: 1.7x the time for 0.4 % less (400 KB of source)


def store(root: Path, rel: str, data: bytes, write) -> bool:
    """Keep `data` at `rel` unless it is there already; `write(path, bytes)` writes atomically.
    True if it was written."""
    path = root / rel
    if path.is_file() and path.stat().st_size > 0:
        return False
    write(path, compressed(data))
    return True
