"""What search knows of each article: the fields it indexes and what a result shows."""

from __future__ import annotations

from dataclasses import dataclass

from generator import dates, urls
from generator.archive import Archive, source_name
from generator.markdown import plain_text

FIELDS = ("title", "tags", "body")
BOOSTS = (10, 5, 1)  # title > tags > body
SNIPPET = 320  # characters of text kept for a result's snippet


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

    def field_texts(self) -> tuple[str, str, str]:
        return self.title, " ".join(self.tags), self.body


def collect(archive: Archive, bodies: dict[str, object], links: urls.Links) -> list[SearchDoc]:
    docs = []
    for number, article in enumerate(reversed(archive.articles)):
        text = plain_text(str(bodies[article.slug]))
        lead = " ".join(part for part in (article.dateline, article.summary) if part)
        body = f"{lead} {text}".strip() if lead else text
        date = article.published
        docs.append(
            SearchDoc(
                id=number,
                ref=links.public(urls.article_path(article)),
                title=article.title,
                tags=article.tags,
                body=body,
                date_iso=dates.iso(date) if date else None,
                date_shown=dates.display(date) if date else None,
                year=date.year if date else None,
                sources=tuple(dict.fromkeys(source_name(s.name, s.url) for s in article.sources)),
                flags=archive.flags[article.slug],
                snippet=_cut(article.summary or text, SNIPPET),
            )
        )
    return docs


def _cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"
