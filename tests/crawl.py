"""A link checker for built sites: what a page links to, and what it would load."""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Attributes whose URL the browser fetches as soon as the page opens.
LOADS = {("img", "src"), ("script", "src"), ("iframe", "src"), ("source", "src"), ("video", "src"),
         ("audio", "src"), ("embed", "src"), ("object", "data"), ("img", "srcset"), ("input", "src")}


class _Refs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.loads: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for (t, name) in LOADS:
            if t == tag and attrs.get(name):
                self.loads.append(attrs[name])
        if tag == "link" and attrs.get("href"):
            rel = (attrs.get("rel") or "").split()
            if {"stylesheet", "icon", "preload", "prefetch", "modulepreload", "manifest"} & set(rel):
                self.loads.append(attrs["href"])
            else:
                self.links.append(attrs["href"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])


def is_external(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.scheme or parts.netloc)


def crawl(site: Path, base_path: str = "/") -> tuple[list[str], list[str], int]:
    """Return (broken references, external loads, references checked).

    `base_path` is the path the site is served under, for links from the host's root.
    """
    broken, external, checked = [], [], 0
    for page in sorted(site.rglob("*.html")):
        rel_page = page.relative_to(site).as_posix()
        refs = _Refs()
        refs.feed(page.read_text(encoding="utf-8"))
        for url in refs.loads:
            if is_external(url) and not url.startswith("data:"):
                external.append(f"{rel_page}: loads {url}")
        for url in refs.links + refs.loads:
            if is_external(url) or url.startswith(("#", "data:")):
                continue
            checked += 1
            path = unquote(urlsplit(url).path)
            if path.startswith("/"):
                if not path.startswith(base_path):
                    broken.append(f"{rel_page}: {url} (outside {base_path})")
                    continue
                path = "/" + path.removeprefix(base_path)
                target = posixpath.normpath(path).lstrip("/") or "."
            else:
                target = posixpath.normpath(posixpath.join(posixpath.dirname(rel_page), path))
            if url.endswith("/") or target == ".":
                target = posixpath.join(target, "index.html")
            if target.startswith("..") or not (site / target).is_file():
                broken.append(f"{rel_page}: {url}")
    return broken, external, checked
