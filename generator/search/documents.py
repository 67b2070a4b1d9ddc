"""What search knows of each article: the fields it indexes and what a result shows."""

from __future__ import annotations

import os
from dataclasses import dataclass

from generator.archive import dates
from generator.archive.assemble import Archive, source_name
from generator.archive.model import Article
from generator.executors.local import even_chunks
from generator.executors.local import run as fork_run
from generator.render import urls
from generator.render.plaintext import plain_text

FIELDS = ("title", "tags", "body")
BOOSTS = (10, 5, 1)  # title > tags > body
SNIPPET = 320  # characters of text kept for a result's snippet
CHUNK = 5_000  # bodies a worker process turns into plain text at a time, at most
PARALLEL_FROM = 500  # documents; below this, starting worker processes costs more than it saves


@dataclass(frozen=True)
class SearchDoc:
    id: int  # position in publication order, oldest first: stable as an archive grows
    ref: str  # the article's URL path relative to the site root
    title: str
    tags: tuple[str, ...]
    body: str  # plain text
    date_iso: str | None
    date_shown: str | None
    year: int | None
    sources: tuple[str, ...]
    flags: tuple[str, ...]
    snippet: str
    lang: str = "en"  # the primary subtag of its language (its own `lang`, else the archive's)

    def field_texts(self) -> tuple[str, str, str]:
        return self.title, " ".join(self.tags), self.body


def collect(archive: Archive, bodies: dict[str, object], links: urls.Links, workers: int | None = None) -> list[SearchDoc]:
    """What search knows of each article (its rendered body's plain text included), oldest first."""
    articles = list(reversed(archive.articles))
    workers = workers if workers is not None else (os.cpu_count() or 1)
    workers = workers if workers > 1 and len(articles) >= PARALLEL_FROM else 1
    html = [str(bodies[article.slug]) for article in articles]
    chunks = even_chunks(len(html), workers, CHUNK)
    texts = [text for part in fork_run(_plain_texts, html, (), workers, chunks=chunks, ordered=True) for text in part]
    del html
    return [
        document(number, article, archive.flags[article.slug], links, body_field(article, text), snippet(article, text))
        for number, (article, text) in enumerate(zip(articles, texts))
    ]


def body_field(article: Article, text: str) -> str:
    """The indexed body: dateline and summary, then the body's plain text."""
    lead = " ".join(part for part in (article.dateline, article.summary) if part)
    return f"{lead} {text}".strip() if lead else text


def snippet(article: Article, text: str) -> str:
    return _cut(article.summary or text, SNIPPET)


def snippet_of_unfolded(article: Article, text: str) -> str:
    """`snippet(article, plain)` where `text` is `plain` before its white space was folded
    (plaintext.unfolded_text): only the start of the text is folded."""
    return snippet(article, text if article.summary else _folded_start(text, SNIPPET + 1))


def _folded_start(text: str, least: int) -> str:
    """A prefix of `" ".join(text.split())` at least `least` characters long, or all of it."""
    size = least * 2
    while True:
        # Folding a prefix gives a prefix of the folded whole (a word cut short is a prefix of it).
        folded = " ".join(text[:size].split())
        if len(folded) >= least or size >= len(text):
            return folded
        size *= 4


def document(number: int, article: Article, flags: tuple[str, ...], links: urls.Links, body: str, snippet: str,
             lang: str = "en") -> SearchDoc:
    date = article.published
    return SearchDoc(
        id=number,
        ref=links.public(urls.article_path(article)),
        title=article.title,
        tags=article.tags,
        body=body,
        date_iso=dates.iso(date) if date else None,
        date_shown=dates.display(date) if date else None,
        year=date.year if date else None,
        sources=tuple(dict.fromkeys(source_name(s.name, s.url) for s in article.sources)),
        flags=flags,
        snippet=snippet,
        lang=lang,
    )


def _plain_texts(html: list[str], indices: range) -> list[str]:
    return [plain_text(html[i]) for i in indices]


def _cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"
