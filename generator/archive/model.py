"""The plain, frozen data that flows through the pipeline.

This module imports nothing else from the package: every stage depends on it,
it depends on no stage.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

# Flags an article may carry, with the banner text a reader sees. Order is the
# order banners appear in, most serious first.
FLAGS: dict[str, str] = {
    "retracted": "This article was retracted by its publisher.",
    "disputed": "Facts in this article are disputed.",
    "corrected": "This article was corrected after publication.",
    "changed": "This article changed after it was first captured.",  # computed from its versions
    "outdated": "This article may be outdated.",
    "archived": "This is an archived copy of the article, kept as it was published.",
    "partial": "Only part of this article was preserved.",
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one file, reported as `path:line: message`."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


class ProblemsFound(Exception):
    """Raised by a stage that found problems; carries all of them."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


PRECISIONS = ("year", "month", "day", "minute")


@dataclass(frozen=True)
class PartialDate:
    """A date known to a precision: a year, a month, a day, or a moment.

    `moment` is set (timezone-aware) only for minute precision.
    """

    year: int
    month: int | None = None
    day: int | None = None
    moment: dt.datetime | None = None

    @property
    def precision(self) -> str:
        if self.moment is not None:
            return "minute"
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"

    def start(self) -> dt.datetime:
        """The first instant the date may mean, in UTC."""
        if self.moment is not None:
            return self.moment.astimezone(dt.timezone.utc)
        return dt.datetime(self.year, self.month or 1, self.day or 1, tzinfo=dt.timezone.utc)

    def last_day(self) -> dt.date:
        """The latest calendar day the date may mean."""
        if self.moment is not None:
            return self.moment.date()
        if self.day is not None:
            return dt.date(self.year, self.month or 1, self.day)
        if self.month is not None:
            following = dt.date(self.year + self.month // 12, self.month % 12 + 1, 1)
            return following - dt.timedelta(days=1)
        return dt.date(self.year, 12, 31)

    def sort_key(self) -> tuple:
        return (self.start(), PRECISIONS.index(self.precision))


@dataclass(frozen=True)
class Source:
    name: str | None = None
    url: str | None = None
    published: PartialDate | None = None
    retrieved: PartialDate | None = None
    archived_at: str | None = None


@dataclass(frozen=True)
class Correction:
    date: PartialDate
    text: str


@dataclass(frozen=True)
class Image:
    src: str | None = None
    alt: str | None = None
    caption: str | None = None
    credit: str | None = None


@dataclass(frozen=True)
class Article:
    """One article as written in content/, validated."""

    file: str  # path relative to the archive root, with forward slashes
    slug: str
    title: str
    body: str  # Markdown
    published: PartialDate | None = None
    updated: PartialDate | None = None
    authors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    summary: str | None = None
    dateline: str | None = None
    rights: tuple[str, ...] = ()
    lang: str | None = None
    id: str | None = None
    sources: tuple[Source, ...] = ()
    flags: tuple[str, ...] = ()
    corrections: tuple[Correction, ...] = ()
    image: Image | None = None
    provenance: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)  # front-matter key -> line, for messages

    def sort_key(self) -> tuple:
        # Undated articles sort before everything, so they list last when newest-first.
        if self.published is None:
            return (0, dt.datetime.min.replace(tzinfo=dt.timezone.utc), 0, self.slug)
        return (1, *self.published.sort_key(), self.slug)


@dataclass(frozen=True)
class OutputFile:
    """One file of the finished site: a path relative to the site root and its bytes."""

    path: str
    data: bytes


@dataclass(frozen=True)
class Written:
    """A file of the site already written by a worker process, and what its writer returned."""

    path: str
    receipt: Any
