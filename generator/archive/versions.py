"""An article's versions: every capture of it, kept beside it as an unchangeable file.

`content/YYYY/<slug>.md` has its captures in `content/YYYY/<slug>.versions/<YYYYMMDDhhmmss>.md`
(the capture time, UTC), each a whole article file as the importer wrote it from that capture.
The names and the time stamps are here, so that the importer, the loader and the pages agree.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from generator.archive.layout import ORIGINALS_DIR, VERSIONS_SUFFIX

STAMP = re.compile(r"^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$")
SUFFIX = ".md"


def folder_of(article_rel: str) -> str:
    """`content/2021/x.md` -> `content/2021/x.versions`: where that article's versions are."""
    stem = article_rel.rsplit(".", 1)[0]
    return stem + VERSIONS_SUFFIX


def article_of(folder_rel: str) -> str:
    """The inverse of `folder_of`, for an article written `.md`."""
    return folder_rel.removesuffix(VERSIONS_SUFFIX) + ".md"


def stamp(moment: dt.datetime) -> str:
    """`20210408120000`: the capture time in UTC, to the second (a naive time is taken as UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return moment.astimezone(dt.timezone.utc).strftime("%Y%m%d%H%M%S")


def moment(name: str) -> dt.datetime | None:
    """The capture time a version's stamp (or file name) names; None if it names none."""
    match = STAMP.match(name.removesuffix(SUFFIX))
    if not match:
        return None
    try:
        return dt.datetime(*map(int, match.groups()), tzinfo=dt.timezone.utc)
    except ValueError:
        return None


def iso(moment: dt.datetime) -> str:
    """`2021-04-08T12:00:00Z`, as `provenance.captured` records it."""
    return moment.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


_EXTENSION = re.compile(r"^[a-z0-9]{1,8}(\.gz)?$")


def original_path(sha256: str, name: str, kind: str) -> str:
    """Where the input with that hash is kept, relative to the root. The extension is the input's
    own (`.warc.gz` stays one), else its kind's."""
    lowered = name.lower()
    suffix = ".".join(lowered.rsplit(".", 2)[-2:]) if lowered.endswith(".warc.gz") else lowered.rpartition(".")[2]
    if "." not in lowered or not _EXTENSION.match(suffix):
        suffix = {"text": "txt", "markdown": "md"}.get(kind, kind)
    return f"{ORIGINALS_DIR}/{sha256[:2]}/{sha256}.{suffix}.gz"


def original_of(provenance: dict) -> str | None:
    """Where an article's or a version's input is kept, from its provenance (None if it names none)."""
    sha, name, kind = provenance.get("sha256"), provenance.get("file"), provenance.get("importer")
    if not (isinstance(sha, str) and re.fullmatch(r"[0-9a-f]{64}", sha) and isinstance(name, str)):
        return None
    return original_path(sha, name.rsplit("/", 1)[-1], str(kind))


@dataclass(frozen=True)
class VersionFile:
    """One version file found under content/ (`load.content.discover`)."""

    article: str  # the article's file, relative to the root (`content/2021/x.md`)
    stamp: str  # YYYYMMDDhhmmss
    rel: str  # the version's file, relative to the root
    shown: str  # as printed in messages


@dataclass(frozen=True)
class Version:
    """One capture of an article, as the pages show it (its body stays in the body store)."""

    stamp: str  # YYYYMMDDhhmmss, UTC: its name and its URL
    moment: dt.datetime
    title: str
    file: str  # the version's file, relative to the root
    digest: str  # of that file, as the read stage hashes files
    body_key: str  # the body store entry of its HTML
    url: str | None  # the URL it was captured from
    provenance: dict  # file, sha256, importer, captured, record_id, target_uri


@dataclass(frozen=True)
class Change:
    """What changed from one version to the next."""

    inserted: int  # words
    deleted: int
    title_before: str | None  # the previous headline, when the headline changed
    key: str  # the body store entry of the word diff's HTML

    @property
    def changed(self) -> bool:
        return bool(self.inserted or self.deleted or self.title_before is not None)
