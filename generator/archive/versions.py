"""An article's versions: every capture of it, kept beside it as an unchangeable file.

`content/YYYY/<slug>.md` has its captures in `content/YYYY/<slug>.versions/<YYYYMMDDhhmmss>.md`
(the capture time, UTC), each a whole article file as the importer wrote it from that capture.
The names and the time stamps are here, so that the importer, the loader and the pages agree.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from generator.archive.layout import VERSIONS_SUFFIX

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


@dataclass(frozen=True)
class VersionFile:
    """One version file found under content/ (`load.content.discover`)."""

    article: str  # the article's file, relative to the root (`content/2021/x.md`)
    stamp: str  # YYYYMMDDhhmmss
    rel: str  # the version's file, relative to the root
    shown: str  # as printed in messages
