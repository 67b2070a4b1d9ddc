"""The one record every reader returns: an article as found in an input, before it is written."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.archive.model import Correction, Image, PartialDate, Source


class ImportFailed(Exception):
    """An input that cannot become an article; the message is fit for a user."""


@dataclass(frozen=True)
class LocalImage:
    """An image the input holds itself (a saved page's `_files/`, a WARC record): copied beside the article."""

    name: str  # a safe file name
    data: bytes


@dataclass(frozen=True)
class Imported:
    """One article read from one input (a WARC may hold several)."""

    kind: str  # text | html | warc | markdown
    title: str
    body: str  # Markdown, already free of raw HTML
    published: PartialDate | None = None
    updated: PartialDate | None = None
    authors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    summary: str | None = None
    dateline: str | None = None
    rights: tuple[str, ...] = ()
    lang: str | None = None
    sources: tuple[Source, ...] = ()
    flags: tuple[str, ...] = ()
    corrections: tuple[Correction, ...] = ()
    image: Image | None = None
    local_image: LocalImage | None = None  # the data behind `image` when the input holds it
    slug: str | None = None  # a slug the input asked for (Markdown front-matter)
    id: str | None = None
    extra: dict = field(default_factory=dict)
    # What tells this article apart from others in the same input file (WARC: record id, target URI).
    origin: dict = field(default_factory=dict)
    # Lines of the input the article leaves out or moves into a field, with the reason: (why, line). Shown by
    # `archive import --explain`; never written.
    dropped: tuple[tuple[str, str], ...] = ()
    # What the reader had to guess, for the import report (a title made from the text's first words).
    warnings: tuple[str, ...] = ()
