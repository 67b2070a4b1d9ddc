"""Fuzzing the front-matter codec (frontmatter.py, yamltree.py, schema.py, and the writer the
importer uses: schema.to_data + frontmatter.join).

- Any article the schema accepts is written and read back unchanged.
- Any text or bytes give an article or `path:line` problems, never an exception.

Bounded: about 15 s in `make test`. FUZZ_EXAMPLES=5000 runs that many examples per property.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.archive import frontmatter, schema
from generator.archive.model import FLAGS, Article, Correction, Image, PartialDate, Source
from generator.archive.slugs import make_slug
from generator.load import content
from generator.load.content import SourceFile

pytestmark = pytest.mark.fuzz

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "0"))
REL = "content/2020/a.md"
SOURCE = SourceFile(Path(REL), REL, REL)


def fuzz(default: int):
    return settings(max_examples=EXAMPLES or default, derandomize=True, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


# Text a title may hold: YAML's syntax characters, quotes, non-ASCII, line breaks, and long runs.
TRICKY = st.sampled_from([
    ": ", " #", "#", "'", '"', "\\", "- ", "? ", "&a", "*a", "!", "|", ">", "%", "@", "`", "{", "}", "[", "]",
    ",", "---", "...", "\n", "\r\n", "\t", "\u2028", "\x85", "\ufeff", "yes", "null", "~", "0x1F", "1e3",
    "2020-08-05", "<<", "Москва", "北京", "عربي", "é", "🌊", "\x00", "\x07",
])
TEXT = st.lists(st.one_of(TRICKY, st.text(max_size=12)), max_size=8).map("".join) | st.text(min_size=300, max_size=1500)
NAME = TEXT.map(str.strip).filter(bool)


def unique_names(names: list[str]) -> tuple[str, ...]:
    kept: dict[str, str] = {}
    for name in names:
        kept.setdefault(make_slug(name), name)
    return tuple(kept.values())


@st.composite
def partial_dates(draw) -> PartialDate:
    day = draw(st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9998, 12, 31)))
    precision = draw(st.sampled_from(["year", "month", "day"]))
    if precision == "year":
        return PartialDate(day.year)
    return PartialDate(day.year, day.month) if precision == "month" else PartialDate(day.year, day.month, day.day)


SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), TEXT)
NESTED = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
                      max_leaves=20)
SLUGS = st.lists(st.from_regex(r"[a-z0-9]{1,12}", fullmatch=True), min_size=1, max_size=20).map("-".join)


@st.composite
def articles(draw) -> Article:
    body = draw(TEXT)
    lines = body.splitlines()
    if lines and not lines[0].strip():  # blank lines after the fence are layout, not body
        body = ""
    slug = draw(st.none() | SLUGS.filter(lambda s: len(s) <= schema.MAX_WRITTEN_SLUG))
    return Article(
        file=REL, slug=slug or "a", title=draw(NAME), body=body,
        published=draw(st.none() | partial_dates()), updated=draw(st.none() | partial_dates()),
        authors=unique_names(draw(st.lists(NAME, max_size=4))), tags=unique_names(draw(st.lists(NAME, max_size=4))),
        summary=draw(st.none() | TEXT), dateline=draw(st.none() | TEXT),
        rights=tuple(draw(st.lists(NAME, max_size=3))),  # the schema drops empty lines
        lang=draw(st.none() | st.sampled_from(["en", "pt-BR", "zh-Hant-TW"])),
        id=draw(st.none() | TEXT),
        sources=tuple(draw(st.lists(st.builds(Source, name=NAME, url=st.none() | st.just("https://example.org/x?a=1#b"),
                                              published=st.none() | partial_dates()), max_size=3))),
        flags=tuple(flag for flag in FLAGS if draw(st.booleans())),
        corrections=tuple(draw(st.lists(st.builds(Correction, partial_dates(), NAME), max_size=2))),
        image=draw(st.none() | st.builds(Image, src=st.just("photo.jpg"), alt=st.none() | TEXT)),
        extra=draw(st.dictionaries(TEXT, NESTED, max_size=4)),
    )


def written(article: Article) -> str:
    """The file the importer writes for it (generator/ingest/emit.py: render)."""
    return frontmatter.join(schema.to_data(article, default_slug="a"), article.body)


@fuzz(100)
@given(articles())
def test_every_valid_article_is_read_back_as_it_was_written(original):
    text = written(original)
    parsed, problems = content.parse(text, SOURCE, dt.timezone.utc)
    assert problems == []
    assert dataclasses.replace(parsed, lines={}) == original
    assert written(parsed) == text  # and written again, byte for byte


def assert_problems_or_article(found, problems) -> None:
    if found is None:
        assert problems
        for problem in problems:
            assert problem.path == REL and isinstance(problem.line, int) and problem.line >= 1, problem
            str(problem).encode("utf-8")  # printable
    else:
        assert problems == []
        written(found)  # what the build accepts, the writer can write


@fuzz(100)
@given(st.dictionaries(st.sampled_from([*schema.FIELDS, "titel", "<<"]) | TEXT,
                       NESTED | st.text(alphabet=st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), max_size=2),
                       max_size=8))
def test_any_front_matter_mapping_gives_an_article_or_problems_at_lines(data):
    try:
        text = frontmatter.join(data, "Body.\n")
    except UnicodeEncodeError:
        return  # the writer refuses lone surrogates itself
    assert_problems_or_article(*content.parse(text, SOURCE, dt.timezone.utc))


VALID = written(Article(
    file=REL, slug="a", title="Storm: the wall holds", body="First.\n\n![w](photos/wall.jpg)\n",
    published=PartialDate(2020, 8, 5), authors=("Tom Hart",), tags=("Flooding", "Harbour"),
    summary="Short #summary", sources=(Source(name="Wire", url="https://example.org/a"),),
    corrections=(Correction(PartialDate(2020, 8, 6), "Fixed."),), extra={"a": [1, {"b": "c"}]},
)).encode("utf-8")
SNIPPETS = st.sampled_from([
    b": ", b" #", b"&a ", b"*a", b"&a [x, *a]", b"[" * 80, b"{" * 3000, b"\\ud800", b'"\\ud800"', b"\xff", b"\xc3",
    b"\x00", b"\n---\n", b"\n", b"  ", b"- ", b"<<: ", b"!!python/object:os.system ", b"!!binary ", b"%YAML 1.1\n",
    b"\t", b"'", b'"', b"\r", b"\xef\xbb\xbf", "é".encode(), b"9" * 5000,
])


@st.composite
def mutated(draw) -> bytes:
    data = bytearray(VALID)
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["insert", "replace", "delete", "byte"]))
        if kind == "delete":
            del data[at:at + draw(st.integers(1, 20))]
        elif kind == "byte" and at < len(data):
            data[at] = draw(st.integers(0, 255))
        else:
            piece = draw(SNIPPETS | st.binary(max_size=8))
            data[at:at + (len(piece) if kind == "replace" else 0)] = piece
    return bytes(data)


@fuzz(600)
@given(mutated())
def test_any_mutation_of_a_valid_file_gives_an_article_or_problems_at_lines(data):
    assert_problems_or_article(*content.read(SOURCE, dt.timezone.utc, data))
