"""Slugs: the URL-safe names of articles, tags, authors and sources."""

from __future__ import annotations

import hashlib
from functools import lru_cache

from slugify import slugify

MAX_SLUG = 80


@lru_cache(maxsize=65536)  # tag, author and source names repeat on every page that shows them
def make_slug(text: str, max_length: int = MAX_SLUG) -> str:
    """Lowercase ASCII words joined by hyphens, at most `max_length` long, cut at a word boundary.

    Text with no letters that transliterate (emoji, symbols) gets a short stable
    hash, so every name still has a page.
    """
    slug = slugify(text, max_length=max_length, word_boundary=True, save_order=True)
    if slug:
        return slug
    return "x-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]
