"""Article bodies, rendered once: sanitised HTML, its excerpt and the images it shows.

A pure step of the body text alone, so it is cached (a `bodies` store entry per
distinct text) and spread over worker processes. The HTML is left in the store
and read back by the page that shows it, so a 100k archive's bodies are never
all in memory at once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterator, Sequence

from markupsafe import Markup

from generator.archive import frontmatter
from generator.archive.model import Article, Problem
from generator.executors import Executor
from generator.incremental import cache, keys
from generator.incremental.body_store import Store
from generator.incremental.parse_cache import Parsed, signature
from generator.load import content
from generator.render import assets, markdown, nesting, plaintext

_IMG_SRC = re.compile(r'<img[^>]*?\ssrc="([^"]+)"')


@dataclass(frozen=True)
class Body:
    """What the rest of the build keeps of a body: small. Its HTML stays in the store."""

    key: str  # the store entry holding its HTML
    excerpt: str  # plain text from the start, for listings and descriptions
    images: tuple[str, ...]  # the src of every <img>, as the browser reads it


def excerpt(body_html: str, limit: int = 220) -> str:
    """Plain text from the start of an article, cut at a word."""
    text = plaintext.plain_text(body_html)
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:.") + "…"


def key_of(text: str) -> str:
    return cache.key("body", text)


@dataclass(frozen=True)
class Reading:
    """One article file as read: the article (its body left in the store), its Body, the file's
    digest, what other pages show of it (`keys.shown_digest`), and its problems. Without an
    article, the file had problems; its body may still have been rendered (to report its images)."""

    article: Article | None
    body: Body | None
    digest: str
    shown: str | None
    problems: tuple[Problem, ...] = ()


@dataclass
class Read:
    """Every article of content/ (bodies left in the store), its Body, and the problems found."""

    articles: list[Article]
    bodies: dict[str, Body]  # by slug
    problems: list[Problem]
    rendered: int  # bodies rendered from Markdown; the rest came from the store
    read: int = 0  # files read and parsed; the rest were unchanged since the last build read them
    digests: dict[str, str] = field(default_factory=dict)  # slug -> hash of the file it was read from
    shown: dict[str, str] = field(default_factory=dict)  # slug -> keys.shown_digest: what other pages show of it
    versions: list[Reading] = field(default_factory=list)  # each version file asked for, in its order


def read_all(
    articles: Sequence[content.SourceFile], tz: dt.tzinfo, store: Store, executor: Executor,
    progress: Callable[[int], None] | None = None, parsed: Parsed | None = None,
    versions: Sequence[content.SourceFile] = (),
) -> Read:
    """Read and parse every article and render its body, in worker processes; and the article
    files of `versions` (an article's captures), in the same pass, into `Read.versions`.

    Files unchanged since `parsed` saw them are not read again. The store must
    be writable: it is where the pages find the HTML later.
    """
    sources = [*articles, *versions] if versions else articles
    seen = [signature(source.path) if parsed else None for source in sources]
    done: dict[int, Reading] = {}
    todo: list[int] = []
    for index, source in enumerate(sources):
        hit = parsed.get(source.rel, seen[index]) if parsed else None
        if hit is not None and store.has(hit.body.key):
            done[index] = hit
        else:
            todo.append(index)
    rendered = 0
    for chunk, misses in executor.map(_read_chunk, [sources[i] for i in todo], (tz, store), progress):
        rendered += misses
        done.update((todo[index], value) for index, value in chunk.items())
    store.refresh()  # the workers' packs
    result = Read([], {}, [], rendered, len(todo))
    for index in range(len(sources)):
        reading = done[index]
        result.problems.extend(reading.problems)
        if index >= len(articles):
            result.versions.append(reading)
        elif (article := reading.article) is not None:
            result.articles.append(article)
            result.bodies[article.slug] = reading.body
            result.digests[article.slug] = reading.digest
            result.shown[article.slug] = reading.shown
    if parsed:
        parsed.update({
            source.rel: (seen[index], done[index])
            for index, source in enumerate(sources) if done[index].article is not None and not done[index].problems
        })
    return result


def read_one(source: content.SourceFile, tz: dt.tzinfo, store: Store) -> tuple[Reading, int]:
    """One article as `read_all` reads it, and 1 if its body was rendered (else it came from the store)."""
    done, misses = _read_chunk([source], range(1), tz, store)
    return done[0], misses


def _read_chunk(
    sources: Sequence[content.SourceFile], indices: range, tz: dt.tzinfo, store: Store,
) -> tuple[dict[int, Reading], int]:
    md = markdown.new_renderer()
    done, misses = {}, 0
    for index in indices:
        source = sources[index]
        data = source.path.read_bytes()
        digest = hashlib.blake2b(f"{source.rel}\0{tz!r}\0".encode("utf-8", "surrogateescape") + data,
                                 digest_size=16).hexdigest()
        article, problems = content.read(source, tz, data)
        if article is None:
            problems = problems + _image_problems(source, data, md, store)
        body = shown = None
        if article is not None:
            body = _from_cache(key_of(article.body), store)
            if body is None:
                misses += 1
                try:
                    body = _render(md, article.body, store)
                except nesting.TooDeep as exc:  # reported at its line of the file; nothing is stored
                    problems = [*problems, Problem(source.shown, _body_line(data, article.body, exc.line), exc.message)]
                    body = Body("", "", ())
            article = replace(article, body="")  # 100k bodies would be gigabytes; the store has them
            shown = keys.shown_digest(article, body.excerpt)
        done[index] = Reading(article, body, digest, shown, tuple(problems))
    store.flush()  # the chunk's bodies, as one pack the other processes can read
    return done, misses


def _image_problems(source: content.SourceFile, data: bytes, md, store: Store) -> list[Problem]:
    """The body's image problems in a file whose front-matter failed: reported in the same run."""
    try:
        _, _, text, _ = frontmatter.split(data.decode("utf-8"))
    except (UnicodeDecodeError, frontmatter.SplitError):
        return []
    try:
        body = _from_cache(key_of(text), store) or _render(md, text, store)
    except nesting.TooDeep as exc:  # a body problem too: reported beside the front-matter's
        return [Problem(source.shown, _body_line(data, text, exc.line), exc.message)]
    root = source.path.parents[source.rel.count("/")]
    return assets.body_image_problems(source.rel, source.shown, body.images, root)


def _body_line(data: bytes, body: str, line: int) -> int:
    """The file's line number of the body's `line` (the body is the end of the file)."""
    text = data.decode("utf-8")
    return text.count("\n", 0, len(text) - len(body)) + line


def _render(md, text: str, store: Store) -> Body:
    entry = key_of(text)
    body_html = markdown.render(md, text)
    images = tuple(dict.fromkeys(html.unescape(src) for src in _IMG_SRC.findall(str(body_html))))
    body = Body(entry, excerpt(str(body_html)), images)
    store.put(entry, {"html": str(body_html), "excerpt": body.excerpt, "images": list(images)})
    return body


class Html(Mapping):
    """Slug -> sanitised HTML, read from the store when a page needs it (never all in memory).

    An entry found damaged or gone is made again from the article's file (the
    read stage only checks that entries exist: opening 10k of them took longer
    than the rest of a rebuild).
    """

    def __init__(self, store: Store, found: dict[str, Body], root: Path, files: dict[str, str],
                 tz: dt.tzinfo):
        self.store, self.found = store, found
        self.root, self.files, self.tz = root, files, tz

    def __getitem__(self, slug: str) -> Markup:
        body = self.found[slug]
        value = self.store.get(body.key)
        if value is None or not isinstance(value.get("html"), str):
            value = self._again(slug, body.key)
        # Marked safe again because it is our own sanitiser's output, stored under a key of its input.
        return Markup(value["html"])

    def _again(self, slug: str, entry: str) -> dict:
        rel = self.files[slug]
        article, _ = content.read(content.SourceFile(self.root / rel, rel, rel), self.tz)
        if article is None or key_of(article.body) != entry:
            raise RuntimeError(f"{rel} changed during the build; build again")
        _render(markdown.new_renderer(), article.body, self.store)
        self.store.flush()
        value = self.store.get(entry)
        if value is None:
            raise RuntimeError(f"the build cache entry {entry} cannot be written; build again")
        return value

    def __iter__(self) -> Iterator[str]:
        return iter(self.found)

    def __len__(self) -> int:
        return len(self.found)


class Stored:
    """A body store entry's HTML, as Markup (a version's body, a word diff): the pages read them when made."""

    def __init__(self, store: Store):
        self.store = store

    def __call__(self, entry: str) -> Markup:
        value = self.store.get(entry)
        if value is None or not isinstance(value.get("html"), str):
            raise RuntimeError(f"the build cache entry {entry} is gone; build again")
        return Markup(value["html"])  # our own sanitiser's or differ's output, stored under a key of its input


def _from_cache(entry: str, store: Store) -> Body | None:
    value = store.get(entry)
    if value is None:
        return None
    html_text, text, images = value.get("html"), value.get("excerpt"), value.get("images")
    if not (isinstance(html_text, str) and isinstance(text, str) and isinstance(images, list)
            and all(isinstance(i, str) for i in images)):
        return None
    return Body(entry, text, tuple(images))
