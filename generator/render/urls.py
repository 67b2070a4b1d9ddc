"""Every URL and output-path rule, in one place.

Output paths are site-relative file paths (`2020/some-slug/index.html`). Links
between pages are always relative, so a site works from disk, on any host and
under any sub-path:

- offline (default): links name the file (`../2020/some-slug/index.html`),
  because file:// shows a folder listing for `dir/`;
- pretty: links end in `/` (`../2020/some-slug/`), as static hosts expect.

With a base_url, the feed, sitemap and canonical links are absolute.
These paths are permanent: an archive's links must outlive us.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from typing import Collection
from urllib.parse import urlsplit

from generator.archive.layout import STATIC_DIR
from generator.archive.model import Article

INDEX = "index.html"
HOME = INDEX
FEED = "feed.xml"
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
NOT_FOUND = "404.html"
SEARCH = "search/index.html"
UNDATED = "undated"
SECTIONS = ("tags", "authors", "sources", "flags")


def article_dir(article: Article) -> str:
    year = f"{article.published.year:04d}" if article.published else UNDATED
    return f"{year}/{article.slug}"


def article_path(article: Article) -> str:
    return f"{article_dir(article)}/{INDEX}"


VERSIONS = "v"  # <year>/<slug>/v/: an article's versions (a body image folder cannot be named so)
CHANGES = "changes.xml"


def version_path(article: Article, stamp: str) -> str:
    """The permanent page of one capture: `2021/slug/v/20210408120000/index.html` (UTC)."""
    return f"{article_dir(article)}/{VERSIONS}/{stamp}/{INDEX}"


def diff_path(article: Article, stamp: str) -> str:
    """What changed in that capture since the one before."""
    return f"{article_dir(article)}/{VERSIONS}/{stamp}/diff/{INDEX}"


def timemap_path(article: Article, kind: str) -> str:
    """The article's Memento TimeMap: `link` (application/link-format) or `json`."""
    return f"{article_dir(article)}/{VERSIONS}/timemap.{kind}"


def year_path(year: int | None) -> str:
    return f"{UNDATED if year is None else f'{year:04d}'}/{INDEX}"


def month_path(year: int, month: int) -> str:
    return f"{year:04d}/{month:02d}/{INDEX}"


def section_path(section: str) -> str:
    return f"{section}/{INDEX}"


def member_path(section: str, key: str) -> str:
    """The listing page of one tag, author, source or flag (`key` is its slug)."""
    return f"{section}/{key}/{INDEX}"


def page_path(first: str, number: int) -> str:
    """Page `number` of a paginated listing whose first page is `first`."""
    if number == 1:
        return first
    folder = posixpath.dirname(first)
    return posixpath.join(folder, "page", str(number), INDEX)


def static_path(name: str) -> str:
    return f"{STATIC_DIR}/{name}"


def is_safe(path: str) -> bool:
    """A site-relative path that cannot escape the output folder: no empty, "." or ".." part
    (so no leading or trailing slash), no backslash, no NUL. Checked for every file a build
    writes or keeps."""
    return all_safe((path,))


def all_safe(paths: Collection[str]) -> bool:
    """`is_safe` of every one of them, by substring searches of them all joined: a build keeps
    tens of thousands. Joined by NULs, a NUL inside a path shows in the count of them; with
    slashes made NULs too, an empty, "." or ".." part is a NUL pair with nothing, "." or ".."
    between."""
    if not paths:
        return True
    joined = "\x00".join(paths)
    if joined.count("\x00") != len(paths) - 1 or "\\" in joined:
        return False
    parts = "\x00" + joined.replace("/", "\x00") + "\x00"
    return not any(bad in parts for bad in ("\x00\x00", "\x00.\x00", "\x00..\x00"))


def relative(target: str, folder: str) -> str:
    """posixpath.relpath(target, folder) for normalised site paths, without its cost.

    Every page links to dozens of others; relpath's absolute-path work was a
    tenth of the rendering time.
    """
    start = folder.split("/") if folder and folder != "." else []
    parts = target.split("/") if target and target != "." else []
    common = 0
    for a, b in zip(start, parts):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(start) - common) + parts[common:]) or "."


@dataclass(frozen=True)
class Links:
    pretty: bool = False
    base_url: str | None = None

    def href(self, from_path: str, to_path: str) -> str:
        """A relative link from the page at `from_path` to the file at `to_path`."""
        here = posixpath.dirname(from_path)
        if self.pretty and posixpath.basename(to_path) == INDEX:
            rel = relative(posixpath.dirname(to_path), here)
            return "./" if rel == "." else rel + "/"
        return relative(to_path, here)

    def public(self, path: str) -> str:
        """The path as published: `index.html` dropped in pretty mode."""
        if self.pretty and posixpath.basename(path) == INDEX:
            folder = posixpath.dirname(path)
            return folder + "/" if folder else ""
        return path

    def rooted(self, path: str) -> str:
        """The path from the host's root (`/sub/path/static/style.css`); needs a base_url."""
        assert self.base_url is not None
        return urlsplit(self.base_url).path + self.public(path)

    def absolute(self, path: str) -> str | None:
        """The absolute URL of a site path, or None without a base_url."""
        if self.base_url is None:
            return None
        return self.base_url + self.public(path)


_ODD = re.compile(r"[\\\x00-\x1f\x7f]")  # backslashes and control characters
_REMOTE = re.compile(r"^\s*(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)")


def _as_browsers_read(url: str) -> str:
    """Browsers drop tabs and newlines from URLs, trim control characters and read `\\` as `/`."""
    return re.sub(r"[\t\r\n]", "", url).strip("\x00-\x20 ").replace("\\", "/")


def is_remote(src: str) -> bool:
    """True for anything with a scheme or a host: never loaded by an archived page."""
    return bool(_REMOTE.match(_as_browsers_read(src)))


def is_local(src: str) -> bool:
    """A plain relative or site path, read the same way by every browser."""
    return bool(src) and not is_remote(src) and not _ODD.search(src)
