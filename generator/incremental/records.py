"""What each article gave the rest of the site at the last build, for the next build to patch.

After an edit of an article's body that leaves everything other pages show of
it as it was (patch.py), a build needs only that article's page, its
neighbours' items, the feed's articles and the search document's number. This
file holds them for one output folder, under ROOT/.cache/build/records/: a
header (the site, how links are written, the pages' fingerprint base, the
feed and an index, at the end), and one pickle per article, read alone with `pread`.
Every part is checked by a hash before it is unpickled; a damaged or missing
part means the build does its whole work instead.

A whole build writes the file anew. A patch build cuts the header off before it
changes the site (`Records.detach`: no build may patch from records that describe
another site), then appends its new records and a new header (`Records.append`):
rewriting all of them took a tenth of a second at 10k articles. The records it
replaced stay behind, unread, until they are as large as the live ones; then the
file is written anew.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path

from generator.incremental import cache, keys
from generator.incremental import manifest as manifests

_HASH = 16  # bytes of a part's hash
_LENGTH = 8  # bytes of the header's length
_TRAILER = _HASH + _LENGTH  # at the end of the file: the header's hash and length; the header before it


@dataclass(frozen=True)
class Record:
    """One article as the last build made it."""

    slug: str
    digest: str  # of its file, as `bodies.read_all` gives it
    shown: str  # `keys.shown_digest`: what other pages show of it
    body: object  # bodies.Body: the store key of its HTML, its excerpt and images
    article: object  # model.Article, without its body (as the read stage keeps it)
    flags: tuple[str, ...]  # Archive.flags
    outdated_reason: str | None
    older: str | None  # slugs of its neighbours
    newer: str | None
    doc: int  # its search document's number


@dataclass
class Header:
    inputs: str  # the snapshot digest of the build that saved this (snapshot.Snapshot.digest)
    base: bytes  # keys.base_digest: what every page depends on besides its context
    site: object  # pages.SiteInfo
    links: object  # urls.Links
    feed: tuple[str, ...]  # slugs of the feed's articles, newest first
    articles: int  # how many there are (the search documents' count)
    files: dict[str, str] = field(default_factory=dict)  # content file -> slug
    bodies: dict[str, str] = field(default_factory=dict)  # slug -> store key of its body: the entries in use
    keys: dict[str, bytes] = field(default_factory=dict)  # slug -> `key_of` its record
    version: str = ""  # the generator's code and libraries (cache.fingerprint) that saved them
    index: dict[str, tuple[int, int, bytes]] = field(default_factory=dict)  # slug -> offset, length, hash
    kept: frozenset[str] = frozenset()  # the other store entries in use: versions' bodies, word diffs


def path_for(root: Path, output: Path) -> Path:
    return manifests.state_path(root, output, "records")


class Records:
    """The records of one output folder, as the last build saved them (`load`)."""

    def __init__(self, path: Path, header: Header, fd: int | None = None, end: int = 0):
        self.path, self.header, self._fd = path, header, fd
        self.end = end  # where the records end and the header begins

    @classmethod
    def load(cls, path: Path) -> Records | None:
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
        except OSError:
            return None
        header, start = None, 0
        try:
            end = os.fstat(fd).st_size
            if end >= _TRAILER:
                trailer = os.pread(fd, _TRAILER, end - _TRAILER)
                size = int.from_bytes(trailer[_HASH:], "little")
                if size <= end - _TRAILER:
                    start = end - _TRAILER - size
                    header = _unpickled(os.pread(fd, size, start), trailer[:_HASH])
        except OSError:
            header = None
        if not isinstance(header, Header) or getattr(header, "version", None) != cache.fingerprint():
            os.close(fd)  # damaged, or saved by other code: its classes may have other fields
            return None
        return cls(path, header, fd, start)

    def get(self, slug: str) -> Record | None:
        where = self.header.index.get(slug)
        if where is None or self._fd is None:
            return None
        offset, length, check = where
        try:
            found = _unpickled(os.pread(self._fd, length, offset), check)
        except OSError:
            return None
        return found if isinstance(found, Record) and found.slug == slug else None

    def every_pickled(self) -> dict[str, bytes] | None:
        """Every record's pickled bytes, read at once; None if one is damaged (its hash would be
        taken anew by `save`)."""
        index = self.header.index
        end = max((offset + length for offset, length, _ in index.values()), default=0)
        try:
            data = os.pread(self._fd, end, 0) if self._fd is not None else b""
        except OSError:
            return None
        found = {}
        for slug, (offset, length, check) in index.items():
            found[slug] = part = data[offset : offset + length]
            if hashlib.blake2b(part, digest_size=_HASH).digest() != check:
                return None
        return found

    def appendable(self) -> bool:
        """Whether `append` may add to this file: the records it replaced are not yet as large
        as the live ones."""
        live = sum(length for _, length, _ in self.header.index.values())
        return self.end - live <= live

    def detach(self) -> None:
        """Cut the header off (the file then holds no records a build would read), keeping the
        records for `append`; remove the file if that fails."""
        try:
            os.truncate(self.path, self.end)
        except OSError:
            remove(self.path)

    def append(self, changed: dict[str, bytes]) -> None:
        """After `detach`: add these records (slug -> `pickled` Record) and the header, which
        indexes them and the records kept. On failure nothing is left at path."""
        try:
            with open(self.path, "r+b") as out:
                out.seek(self.end)
                out.writelines(_parts(self.header, changed, self.end))
                out.truncate()
        except OSError:
            remove(self.path)

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def reusable(path: Path | None) -> dict[str, tuple[bytes, bytes]]:
    """The records saved at path, by slug: (`key_of` it, pickled bytes), for `save` to manifests."""
    saved = Records.load(path) if path is not None else None
    if saved is None:
        return {}
    try:
        every = saved.every_pickled() or {}
        return {slug: (saved.header.keys[slug], data) for slug, data in every.items() if slug in saved.header.keys}
    finally:
        saved.close()


def save_build(path: Path, inputs: str, archive, body_of: dict, digests: dict[str, str], shown: dict[str, str],
               base: bytes, site: object, links: object, feed: tuple[str, ...],
               previous: dict[str, tuple[bytes, bytes]]) -> None:
    """A full build's records; `previous`: the last build's (`reusable`), whose unchanged records are kept."""
    count = len(archive.articles)
    header = Header(inputs, base, site, links, feed, count, {a.file: a.slug for a in archive.articles},
                    {slug: body.key for slug, body in body_of.items()})
    header.kept = frozenset({v.body_key for found in archive.versions.values() for v in found}
                            | {change.key for change in archive.changes.values()})
    made = {}
    for position, article in enumerate(archive.articles):
        slug = article.slug
        record = Record(
            slug, digests[slug], shown[slug], body_of[slug], article, archive.flags[slug],
            archive.outdated_reason.get(slug), archive.older[slug], archive.newer[slug], count - 1 - position,
        )
        header.keys[slug] = key = key_of(record)
        old = previous.get(slug)
        made[slug] = old[1] if old is not None and old[0] == key else pickled(record)
    save(path, header, made)


def save(path: Path, header: Header, records: dict[str, bytes]) -> None:
    """Write the records (slug -> `pickled` Record), then the header that indexes them, at path,
    atomically. On failure nothing is left there: no build may patch from records it cannot trust."""
    header.index = {}
    cache.write_atomically(path, _parts(header, records, 0))


def _parts(header: Header, records: dict[str, bytes], offset: int) -> list[bytes]:
    """The records, written from `offset` on, then the header (indexing them too) and the trailer."""
    header.version = cache.fingerprint()
    for slug, data in records.items():
        header.index[slug] = (offset, len(data), hashlib.blake2b(data, digest_size=_HASH).digest())
        offset += len(data)
    head = pickle.dumps(header, protocol=5)
    trailer = hashlib.blake2b(head, digest_size=_HASH).digest() + len(head).to_bytes(_LENGTH, "little")
    return [*records.values(), head, trailer]


def article_key(record: Record) -> tuple:
    """The record's article as its page and the search index see it (`keys.article_key`)."""
    return keys.article_key(record.digest, record.flags, record.outdated_reason)


def item_key(record: Record) -> tuple:
    """The record's article as its neighbours' pages see it (`keys.item_key`)."""
    return keys.item_key(record.shown, record.flags)


def key_of(record: Record) -> bytes:
    """What a record is made of, small: the hash of its file and of what other pages show of
    it determine its article, excerpt and body; the rest is the archive's. Equal for equal
    records, so the next build pickles only the records that changed."""
    body = record.body
    text = "\0".join(map(repr, (record.slug, record.digest, record.shown, body.key, body.images, record.flags,
                                record.outdated_reason, record.older, record.newer, record.doc)))
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=_HASH).digest()


def pickled(record: Record) -> bytes:
    return pickle.dumps(record, protocol=5)


def _unpickled(data: bytes, check: bytes) -> object | None:
    if hashlib.blake2b(data, digest_size=_HASH).digest() != check:
        return None
    return cache.unpickled(data)


def remove(path: Path | None) -> None:
    if path is not None:
        with contextlib.suppress(OSError):
            path.unlink()
