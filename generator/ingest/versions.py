"""What the importer knows of the captures already in an archive: which article a capture belongs
to (its URL), the versions each article holds, and whether two captures are of one article.

A capture belongs to an article that has the same URL: one of its sources' URLs or the
WARC target URI of a capture of it, compared without the scheme, a `www.`, a fragment or a
trailing slash. Only URLs with a path count: a site's home page names no one article.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from generator.ingest.record import Imported

# Below this share of shared word pairs, a capture at an article's URL is another article (a reused URL).
SAME_ARTICLE = 0.25
_WORD = re.compile(r"\w+")


def url_key(url: str | None) -> str | None:
    """The URL as compared: `example.org/news/x?id=1`; None for no URL, or one without a path."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    host = (parts.hostname or "").removeprefix("www.")
    path = parts.path.rstrip("/")
    if parts.scheme not in ("http", "https") or not host or not path:
        return None
    return f"{host}{path}" + (f"?{parts.query}" if parts.query else "")


def urls_of(sources: object, provenance: dict) -> list[str]:
    """The URL keys of an article or a record: its sources' URLs and its capture's target URI."""
    found = [getattr(source, "url", None) if not isinstance(source, dict) else source.get("url")
             for source in (sources or ())]
    found.append(provenance.get("target_uri"))
    return list(dict.fromkeys(key for key in map(url_key, found) if key))


def pairs(text: str) -> set[tuple[str, str]]:
    """The text's pairs of consecutive words: two articles on one site share many words ("the",
    "said", its boilerplate), but few pairs unless one is a version of the other."""
    words = _WORD.findall(text.casefold())
    return set(zip(words, words[1:]))


def shared(record: Imported, other_text: str) -> float:
    """The share of the shorter text's distinct word pairs found in the other (1.0: all of them)."""
    mine, theirs = pairs(f"{record.title}\n{record.body}"), pairs(other_text)
    if not mine or not theirs:
        return 1.0
    return len(mine & theirs) / min(len(mine), len(theirs))


class Ledger:
    """The articles by URL, and each article's versions by their stamps (and what capture each was)."""

    def __init__(self) -> None:
        self.by_url: dict[str, Path] = {}
        self.stamps: dict[Path, dict[str, tuple]] = {}  # article file -> stamp -> the capture's identity
        self.captures: dict[tuple, Path] = {}  # a capture's identity -> the article it is a version of

    def add_urls(self, article: Path, keys: list[str]) -> None:
        for key in keys:
            self.by_url.setdefault(key, article)

    def find(self, keys: list[str]) -> Path | None:
        return next((self.by_url[key] for key in keys if key in self.by_url), None)

    def add_version(self, article: Path, stamp: str, identity: tuple) -> None:
        self.stamps.setdefault(article, {})[stamp] = identity
        self.captures.setdefault(identity, article)

    def holds(self, identity: tuple) -> Path | None:
        """The article that already has this capture as a version."""
        return self.captures.get(identity)

    def latest(self, article: Path) -> str | None:
        stamps = self.stamps.get(article)
        return max(stamps) if stamps else None
