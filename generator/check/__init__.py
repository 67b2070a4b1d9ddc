"""`archive check`: verify a built site without rebuilding it.

What the site promises, checked from its files alone: every internal link,
`#anchor`, image, stylesheet and script resolves to a file (and an id) of the
site; every page has `<html lang>` and a `<title>`; each article's JSON-LD is
a schema.org NewsArticle (pages.py); the feed parses as feed readers parse it
and its links resolve; the sitemap, when there is one, keeps the protocol's
limits (feed.py).

The site is read once: one walk for the set of its files, one parse per page
(lxml, in C), link checks as set lookups; anchors are checked after the walk,
when every page's ids are known. The base URL, when the site has one, is read
from what the build wrote: robots.txt's Sitemap line, else the feed's self link.
"""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from generator.archive import layout
from generator.archive.model import Problem
from generator.render import urls

_NAVIGATING = {"a", "area", "form", "meta", "script-ld"}  # the tags whose URLs are links, not loads


class NotASite(Exception):
    """The folder is missing or holds no built site: wrong usage, not a problem of a site."""


def site(out: Path) -> list[Problem]:
    """Every problem of the built site in `out`, sorted; [] when it keeps every promise.
    Raises NotASite when `out` is no site at all."""
    return Checker(out).run()


@dataclass
class Checker:
    out: Path
    files: set[str] = field(default_factory=set)  # site-relative paths of every file
    folders: set[str] = field(default_factory=set)
    pages: int = 0
    base: str | None = None  # the base URL the site was built for, if any
    problems: list[Problem] = field(default_factory=list)
    ids: dict[str, set[str]] = field(default_factory=dict)  # page -> the ids in it
    # (page, line, href as written, target page, id): checked once every page's ids are known
    anchors: list[tuple[str, int | None, str, str, str]] = field(default_factory=list)

    def run(self) -> list[Problem]:
        from generator.check import feed, pages

        if not self.out.is_dir():
            raise NotASite(f"{self.out}: {'not a folder' if self.out.exists() else 'no such folder'}")
        self._walk()
        if not any(f.endswith(".html") for f in self.files):
            raise NotASite(f"{self.out}: no built site here (no pages; build one with `archive build`)")
        self.base = feed.base_url(self)
        for path in sorted(f for f in self.files if f.endswith(".html")):
            pages.check(self, path)
        feed.check(self)
        feed.check_sitemap(self)
        for page, line, href, target, anchor in self.anchors:
            if anchor not in self.ids.get(target, ()):
                self.report(page, line, f'links to "{href}", but {target} has no id "{anchor}"')
        return sorted(set(self.problems), key=lambda p: (p.path, p.line or 0, p.message))

    def report(self, path: str, line: int | None, message: str) -> None:
        # a file name that is not UTF-8 (os.walk's surrogate escapes) is shown escaped, printable
        path, message = layout.escaped(path), layout.escaped(message)
        self.problems.append(Problem(path, line, message))

    def _walk(self) -> None:
        top = str(self.out)
        for folder, dirs, names in os.walk(top):
            dirs[:] = [d for d in dirs if not d.startswith(".")]  # the build's own records
            rel = os.path.relpath(folder, top).replace(os.sep, "/")
            prefix = "" if rel == "." else rel + "/"
            if prefix:
                self.folders.add(rel)
            self.files.update(prefix + name for name in names if not name.startswith("."))

    def link(self, page: str, line: int | None, folder: str, href: str, tag: str) -> str | None:
        """Check one URL written on `page` (in `folder`, by a `tag` element): an internal one must
        name a file of the site, and its #fragment an id of that page. Returns the file it names."""
        href = href.strip()
        rest, _, fragment = href.partition("#")
        if self.base and rest.startswith(self.base):
            rest, folder = rest[len(self.base):] or "./", ""
        elif urls.is_remote(rest):
            return None  # another site, or data:, mailto: and the like
        elif rest.startswith("/"):
            rooted = urlsplit(self.base).path if self.base else None
            if rooted is None or not rest.startswith(rooted):
                self.report(page, line, f'links to "{href}" from the host\'s root, outside the site')
                return None
            rest, folder = rest[len(rooted):] or "./", ""
        rest = rest.partition("?")[0]
        if "%" in rest:
            rest = unquote(rest)
        target = self.target(folder, rest, page)
        verb = "links to" if tag in _NAVIGATING or (tag == "link" and not rest.endswith(".css")) else "loads"
        if target is None:
            self.report(page, line, f'{verb} "{href}", outside the site')
        elif target not in self.files:
            self.report(page, line, f'{verb} "{href}", which is not in the site')
        elif fragment and target.endswith(".html"):
            self.anchors.append((page, line, href, target, unquote(fragment)))
        return target

    def target(self, folder: str, rest: str, page: str) -> str | None:
        """The site file that `rest` names from `folder`: a folder names its index.html,
        an empty path the `page` it is written on; None when it leads outside the site."""
        if not rest:
            return page
        joined = posixpath.normpath(f"{folder}/{rest}" if folder else rest)
        if joined == ".":
            return urls.INDEX
        if joined == ".." or joined.startswith(("../", "/")):
            return None
        if joined in self.folders or (rest.endswith("/") and joined not in self.files):
            return f"{joined}/{urls.INDEX}"  # pretty URLs: `dir/` is served as dir/index.html
        return joined
