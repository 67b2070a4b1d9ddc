"""Article bodies, rendered once per build: sanitised HTML, its excerpt and the images it shows.

This is a pure step of the body text alone, so it is cached (a `bodies` cache
entry per distinct text) and spread over worker processes when there is enough
of it to be worth a fork.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Callable, Sequence

from markupsafe import Markup

from generator import cache, markdown, workers
from generator.model import Article

_IMG_SRC = re.compile(r'<img[^>]*?\ssrc="([^"]+)"')


@dataclass(frozen=True)
class Body:
    html: Markup  # sanitised
    excerpt: str  # plain text from the start, for listings and descriptions
    images: tuple[str, ...]  # the src of every <img>, as the browser reads it


def excerpt(body_html: str, limit: int = 220) -> str:
    """Plain text from the start of an article, cut at a word."""
    text = markdown.plain_text(body_html)
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:.") + "…"


def render(md, text: str) -> Body:
    body_html = markdown.render(md, text)
    images = tuple(dict.fromkeys(html.unescape(src) for src in _IMG_SRC.findall(str(body_html))))
    return Body(body_html, excerpt(str(body_html)), images)


def render_all(
    articles: Sequence[Article], store: cache.Store, jobs: int,
    progress: Callable[[int], None] | None = None,
) -> tuple[dict[str, Body], int]:
    """Every article's Body by slug, from the cache where it has them, and how many were rendered."""
    found: dict[str, Body] = {}
    rendered = 0
    for chunk, misses in workers.run(_render_chunk, [a.body for a in articles], (store,), jobs, progress):
        rendered += misses
        for index, body in chunk:
            found[articles[index].slug] = body
    return found, rendered


def _render_chunk(texts: Sequence[str], indices: range, store: cache.Store) -> tuple[list[tuple[int, Body]], int]:
    md = markdown.new_renderer()
    done, misses = [], 0
    for index in indices:
        text = texts[index]
        entry = cache.key("body", text)
        value = store.get(entry)
        body = _from_cache(value) if value is not None else None
        if body is None:
            misses += 1
            body = render(md, text)
            store.put(entry, {"html": str(body.html), "excerpt": body.excerpt, "images": list(body.images)})
        done.append((index, body))
    return done, misses


def _from_cache(value: dict) -> Body | None:
    html_text, text, images = value.get("html"), value.get("excerpt"), value.get("images")
    if not (isinstance(html_text, str) and isinstance(text, str) and isinstance(images, list)
            and all(isinstance(i, str) for i in images)):
        return None
    # Marked safe again because it is our own sanitiser's output, stored under a key of its input.
    return Body(Markup(html_text), text, tuple(images))
