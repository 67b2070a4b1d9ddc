"""What a page or a search file is made from, as a small key: one place builds every key.

A full build keys its pages by these (`PageKeys`), a patch build keys the pages
of its edits by the same functions from the last build's records, and the search
side keys each document by `article_key`. If two of them built a key differently,
an edited page would never be reused again, silently: so none of them does it
by hand.

A page's fingerprint hashes its key with the base (`base_digest`: the site info,
how links are written, every template file and the generator's own code).
"""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import replace
from pathlib import Path

from generator.archive import layout
from generator.incremental import cache


def article_key(digest: str, flags: tuple[str, ...], outdated_reason: str | None) -> tuple:
    """What an article shows on its own page and in the search index: its file (read as that
    file always reads, body included), and what the archive decided about it."""
    return (digest, flags, outdated_reason)


def item_key(shown: str, flags: tuple[str, ...]) -> tuple:
    """What other pages show of an article (`contexts.Item`): not its body (`shown_digest`), so an
    edit of the body renders only its own page."""
    return (shown, flags)


def article_page_key(own: tuple, older: tuple | None, newer: tuple | None) -> tuple:
    """An article page: its own `article_key` and its neighbours' `item_key`s."""
    return ("article", own, older, newer)


def shown_digest(article: object, excerpt: str) -> str:
    """What other pages show of an article (`contexts.Item`): all of it but its body, which the
    read stage has already taken out of it, and the excerpt of the body."""
    return hashlib.blake2b(pickle.dumps((article, excerpt), protocol=5), digest_size=16).hexdigest()


def base_digest(root: Path, links: object, site: object) -> bytes:
    """What every page depends on besides its own context."""
    digest = hashlib.blake2b(cache.fingerprint().encode(), digest_size=16)
    for folder in (layout.BUILTIN_TEMPLATES, root / layout.TEMPLATES_DIR):
        if folder.is_dir():
            for path in sorted(p for p in folder.rglob("*") if p.is_file()):
                digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    digest.update(pickle.dumps((links, site), protocol=5))
    return digest.digest()


def code_digest(*values: object) -> bytes:
    """The generator's code and some values, for outputs that templates do not shape."""
    data = cache.fingerprint().encode() + pickle.dumps(values, protocol=5)
    return hashlib.blake2b(data, digest_size=16).digest()


class Fingerprints:
    """Fingerprints of keys, over their pickled form.

    Pickle walks dataclasses, tuples and dicts in C, in a fixed order, and keys
    hold no sets (whose order would vary between processes), so the same key
    gives the same bytes. It is ten times faster than walking the fields in Python.
    """

    def __init__(self, base: bytes):
        self.base = base

    def of(self, key: object) -> str:
        return hashlib.blake2b(pickle.dumps(key, protocol=5), key=self.base, digest_size=16).hexdigest()

    def page(self, path: str, key: object) -> str:
        return self.of((path, key))


def history_key(versions: tuple, changes: dict, slug: str) -> tuple:
    """What an article's timeline, version and diff pages show of its captures: each version file (by its
    hash) and what changed in it."""
    return tuple((v.stamp, v.digest, changes.get((slug, v.stamp))) for v in versions)


class PageKeys:
    """The key of each page of a full build (`pages.AllPages`), from what the read stage found of
    each article (`digests`: its file's hash; `shown`: `shown_digest`)."""

    def __init__(self, pages, digests: dict[str, str], shown: dict[str, str]):
        self.pages = pages
        archive = pages.builder.archive
        self.own = {slug: article_key(digest, archive.flags[slug], archive.outdated_reason.get(slug))
                    for slug, digest in digests.items()}
        self.items = {slug: item_key(digest, archive.flags[slug]) for slug, digest in shown.items()}
        from generator.render.contexts import HomePage, ListingPage  # here: the patch and no-op builds need none of it

        self.listed = (ListingPage, HomePage)  # pages whose items are named by their keys

    def history(self, slug: str) -> tuple:
        archive = self.pages.builder.archive
        return history_key(archive.versions[slug], archive.changes, slug)

    def of(self, index: int) -> object:
        """Everything a page's template can see, small: each article named by its key. Building and
        hashing the whole page context instead took longer than rendering a few pages."""
        pages, items = self.pages, self.items
        archive = pages.builder.archive
        if 1 <= index <= len(pages.articles):
            article = pages.articles[index - 1]
            older, newer = archive.older[article.slug], archive.newer[article.slug]
            key = article_page_key(self.own[article.slug], older and items[older], newer and items[newer])
            return (key, self.history(article.slug)) if article.slug in archive.versions else key
        found = pages.version_at(index)
        if found is not None:  # a version or diff page: the article as listed, and all its captures
            article, number, kind = found
            return (kind, number, items[article.slug], self.history(article.slug))
        page = pages[index]
        if isinstance(page, self.listed):
            return replace(page, items=tuple(items[item.article.slug] for item in page.items))
        return page
