"""The article front-matter schema: YAML tree -> Article, and Article -> YAML data.

Strict and typed: unknown keys, wrong types, bad dates and unknown flags are all
problems with a line number. Anything an archive needs beyond the schema goes
under `extra`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Callable

from generator.archive import dates, yamltree
from generator.archive.config import suggest
from generator.archive.model import FLAGS, Article, Correction, Image, PartialDate, Problem, Source
from generator.archive.slugs import make_slug
from generator.archive.yamltree import Map, Node, Scalar, Seq
from generator.render.urls import is_local

FIELDS = (
    "title", "published", "updated", "authors", "tags", "summary", "dateline", "rights",
    "lang", "slug", "id", "sources", "flags", "corrections", "image", "provenance", "extra",
)
SOURCE_FIELDS = ("name", "url", "published", "retrieved", "archived_at")
CORRECTION_FIELDS = ("date", "text")
IMAGE_FIELDS = ("src", "alt", "caption", "credit")

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# A slug names a folder, and the importer's file SLUG.md and its temporary names: with room
# for those under the 255-byte limit of a file name.
MAX_WRITTEN_SLUG = 200
_LANG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
_URL = re.compile(r"^https?://\S+$")


class _Checker:
    """Collects problems for one file while reading its tree."""

    def __init__(self, path: str, tz: dt.tzinfo):
        self.path = path
        self.tz = tz
        self.problems: list[Problem] = []

    def fail(self, line: int | None, message: str) -> None:
        self.problems.append(Problem(self.path, line, message))

    def text(self, name: str, node: Node, *, required: bool = False) -> str | None:
        if isinstance(node, Scalar) and node.value is None and not node.quoted:
            if required:
                self.fail(node.line, f"'{name}' must not be empty")
            return None
        if not isinstance(node, Scalar):
            self.fail(node.line, f"'{name}' must be text, not a {_kind(node)}")
            return None
        # The source text, so `title: 1984` stays "1984" and `title: yes` stays "yes".
        value = node.value if isinstance(node.value, str) else node.text
        if required and not value.strip():
            self.fail(node.line, f"'{name}' must not be empty")
            return None
        return value

    def date(self, name: str, node: Node) -> PartialDate | None:
        if isinstance(node, Scalar) and node.value is None and not node.quoted:
            return None
        if not isinstance(node, Scalar):
            self.fail(node.line, f"'{name}' must be a date, not a {_kind(node)}")
            return None
        try:
            return dates.parse(node.text, self.tz)
        except ValueError as exc:
            self.fail(node.line, f"'{name}': {exc}")
            return None

    def url(self, name: str, node: Node) -> str | None:
        value = self.text(name, node)
        if value is not None and not _URL.match(value.strip()):
            self.fail(node.line, f"'{name}': '{value}' is not an http(s) URL")
            return None
        return value.strip() if value else None

    def texts(self, name: str, node: Node, *, allow_single: bool = False) -> tuple[str, ...]:
        """A list of text items (or, if allowed, one text)."""
        if allow_single and isinstance(node, Scalar):
            value = self.text(name, node)
            return (value,) if value else ()
        if isinstance(node, Scalar) and node.value is None:
            return ()
        if not isinstance(node, Seq):
            self.fail(node.line, f"'{name}' must be a list like [a, b]")
            return ()
        found = []
        for item in node.items:
            value = self.text(f"{name} item", item, required=True)
            if value is not None:
                found.append(value.strip())
        return tuple(found)

    def record(self, name: str, node: Node, fields: tuple[str, ...]) -> dict[str, Node] | None:
        if not isinstance(node, Map):
            self.fail(node.line, f"'{name}' must be a mapping with keys {', '.join(fields)}")
            return None
        out = {}
        for key, (line, value) in node.items.items():
            if key not in fields:
                self.fail(line, f"unknown key '{key}' in '{name}'{suggest(key, fields)}")
            else:
                out[key] = value
        return out

    def records(self, name: str, node: Node, read: Callable[[Node], Any]) -> tuple:
        if isinstance(node, Scalar) and node.value is None:
            return ()
        if not isinstance(node, Seq):
            self.fail(node.line, f"'{name}' must be a list")
            return ()
        return tuple(item for item in (read(child) for child in node.items) if item is not None)


def _kind(node: Node) -> str:
    return {Scalar: "value", Seq: "list", Map: "mapping"}[type(node)]


def read_article(
    tree: Node | None, body: str, file: str, display_path: str, default_slug: str, tz: dt.tzinfo
) -> tuple[Article | None, list[Problem]]:
    """Validate one file's front-matter. Returns the article (None if unusable) and its problems."""
    check = _Checker(display_path, tz)
    if not isinstance(tree, Map):
        line = tree.line if tree is not None else 2
        check.fail(line, "front-matter must be a mapping of fields (title: ..., published: ...)")
        return None, check.problems

    fields: dict[str, tuple[int, Node]] = {}
    for key, entry in tree.items.items():
        if key in FIELDS:
            fields[key] = entry
        else:
            check.fail(entry[0], f"unknown field '{key}'{suggest(key, FIELDS)}; put custom data under 'extra'")

    def node(key: str) -> Node | None:
        return fields[key][1] if key in fields else None

    values: dict[str, Any] = {}
    if "title" not in fields:
        check.fail(tree.line, "missing 'title'")
    else:
        values["title"] = check.text("title", node("title"), required=True)
    for key in ("summary", "dateline"):
        if key in fields:
            values[key] = check.text(key, node(key))
    for key in ("published", "updated"):
        if key in fields:
            values[key] = check.date(key, node(key))
    for key in ("authors", "tags"):
        if key in fields:  # one name alone is a list of one, as in Hugo and Jekyll; commas are part of it
            values[key] = _unique(check.texts(key, node(key), allow_single=True))
    if "rights" in fields:
        values["rights"] = check.texts("rights", node("rights"), allow_single=True)
    if "lang" in fields:
        lang = check.text("lang", node("lang"))
        if lang is not None and not _LANG.match(lang):
            check.fail(node("lang").line, f"'lang': '{lang}' is not a language tag like 'en' or 'pt-BR'")
        else:
            values["lang"] = lang
    if "id" in fields:
        values["id"] = check.text("id", node("id"))
    if "flags" in fields:
        flags = check.texts("flags", node("flags"))
        known = tuple(FLAGS)
        for flag, item in zip(flags, getattr(node("flags"), "items", ())):
            if flag not in FLAGS:
                check.fail(item.line, f"unknown flag '{flag}'{suggest(flag, known).replace('valid keys', 'known flags')}")
        values["flags"] = tuple(flag for flag in known if flag in flags)
    if "sources" in fields:
        values["sources"] = check.records("sources", node("sources"), lambda n: _source(check, n))
    if "corrections" in fields:
        values["corrections"] = check.records("corrections", node("corrections"), lambda n: _correction(check, n))
    if "image" in fields:
        values["image"] = _image(check, node("image"))
    for key in ("provenance", "extra"):
        if key in fields:
            if isinstance(node(key), Map):
                values[key] = yamltree.to_python(node(key))
            elif not (isinstance(node(key), Scalar) and node(key).value is None):
                check.fail(node(key).line, f"'{key}' must be a mapping")

    slug = default_slug
    if "slug" in fields:
        given = check.text("slug", node("slug"), required=True)
        if given is not None:
            problem = _slug_problem(given)
            if problem:
                check.fail(node("slug").line, f"'slug': {problem}")
            else:
                slug = given
    if check.problems or values.get("title") is None:
        return None, check.problems
    clean = {key: value for key, value in values.items() if value is not None}
    lines = {key: line for key, (line, _) in fields.items()}
    return Article(file=file, slug=slug, body=body, lines=lines, **clean), []


def _slug_problem(given: str) -> str | None:
    """Why a slug written in an article cannot be its URL, or None. Longer than the slugs we
    make (MAX_SLUG) is fine: a kept archive's URLs must not change."""
    if not SLUG.match(given):
        return f"'{given}' is not URL-safe; did you mean '{make_slug(given)}'?"
    if len(given) > MAX_WRITTEN_SLUG:
        return (f"'{given[:40]}…' is {len(given)} characters long, more than the {MAX_WRITTEN_SLUG} "
                f"a file name has room for; shorten it")
    return None


def _unique(items: tuple[str, ...]) -> tuple[str, ...]:
    """Without repeats; `Energy` and `energy` share a page, so the first spelling stays."""
    kept: dict[str, str] = {}
    for item in items:
        kept.setdefault(make_slug(item), item)
    return tuple(kept.values())


def _source(check: _Checker, node: Node) -> Source | None:
    fields = check.record("sources item", node, SOURCE_FIELDS)
    if fields is None:
        return None
    values: dict[str, Any] = {}
    if "name" in fields:
        values["name"] = (check.text("name", fields["name"]) or "").strip() or None
    for key in ("url", "archived_at"):
        if key in fields:
            values[key] = check.url(key, fields[key])
    for key in ("published", "retrieved"):
        if key in fields:
            values[key] = check.date(key, fields[key])
    if not values.get("name") and not values.get("url"):
        check.fail(node.line, "a source needs a 'name' or a 'url'")
        return None
    return Source(**values)


def _correction(check: _Checker, node: Node) -> Correction | None:
    fields = check.record("corrections item", node, CORRECTION_FIELDS)
    if fields is None:
        return None
    missing = [key for key in CORRECTION_FIELDS if key not in fields]
    if missing:
        check.fail(node.line, f"a correction needs {' and '.join(repr(k) for k in missing)}")
        return None
    date = check.date("date", fields["date"])
    text = check.text("text", fields["text"], required=True)
    return Correction(date, text) if date and text else None


def _image(check: _Checker, node: Node) -> Image | None:
    fields = check.record("image", node, IMAGE_FIELDS)
    if fields is None:
        return None
    values = {key: check.text(key, value) for key, value in fields.items()}
    src = values.get("src")
    if src is not None and not (is_local(src) or _URL.match(src.strip())):
        check.fail(fields["src"].line, f"'src': '{src}' is neither a file beside the article nor an http(s) URL")
        return None
    return Image(**values)


# --- the other direction: Article -> front-matter data -------------------------


def to_data(article: Article, *, default_slug: str | None = None) -> dict[str, Any]:
    """The article's front-matter as plain data, in the canonical key order."""
    data: dict[str, Any] = {"title": article.title}
    if article.published:
        data["published"] = _date_data(article.published)
    if article.updated:
        data["updated"] = _date_data(article.updated)
    if article.slug != default_slug:
        data["slug"] = article.slug
    for key in ("id", "lang", "dateline", "summary"):
        if getattr(article, key) is not None:
            data[key] = getattr(article, key)
    for key in ("authors", "tags", "flags"):
        if getattr(article, key):
            data[key] = list(getattr(article, key))
    if article.rights:
        data["rights"] = article.rights[0] if len(article.rights) == 1 else list(article.rights)
    if article.sources:
        data["sources"] = [_source_data(source) for source in article.sources]
    if article.corrections:
        data["corrections"] = [
            {"date": _date_data(c.date), "text": c.text} for c in article.corrections
        ]
    if article.image:
        data["image"] = {k: getattr(article.image, k) for k in IMAGE_FIELDS if getattr(article.image, k) is not None}
    if article.provenance:
        data["provenance"] = dict(article.provenance)
    if article.extra:
        data["extra"] = dict(article.extra)
    return data


def _date_data(date: PartialDate) -> Any:
    # A year alone is written as a number (YAML's natural form), unless it needs leading
    # zeros to be read as a year again (0999); the rest as text.
    return date.year if date.precision == "year" and date.year >= 1000 else dates.iso(date)


def _source_data(source: Source) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in SOURCE_FIELDS:
        value = getattr(source, key)
        if value is not None:
            out[key] = _date_data(value) if isinstance(value, PartialDate) else value
    return out
