"""Every front-matter mistake is named with its file and line."""

import datetime as dt
from pathlib import Path

import pytest

from generator import content
from generator.content import SourceFile


def problems_of(text: str) -> list[str]:
    rel = "content/2020/a.md"
    _, problems = content.parse(text, SourceFile(Path(rel), rel, rel), dt.timezone.utc)
    return [str(p) for p in problems]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("no front matter\n", "content/2020/a.md:1: no front-matter"),
        ("---\ntitle: T\n", "content/2020/a.md:1: front-matter is not closed"),
        ("---\ntitle: [unclosed\n---\n", "content/2020/a.md:3: invalid YAML"),
        ("---\npublished: 2020\n---\n", "content/2020/a.md:2: missing 'title'"),
        ("---\ntitle: ''\n---\n", "content/2020/a.md:2: 'title' must not be empty"),
        ("---\ntitle: T\ntitel: x\n---\n", "content/2020/a.md:3: unknown field 'titel' (did you mean 'title'?)"),
        ("---\ntitle: T\npublished: 2020-13-01\n---\n", "content/2020/a.md:3: 'published': '2020-13-01' has no month 13"),
        ("---\ntitle: T\nupdated: last week\n---\n", "content/2020/a.md:3: 'updated': 'last week' is not a date"),
        ("---\ntitle: T\nflags:\n  - archived\n  - archvied\n---\n",
         "content/2020/a.md:5: unknown flag 'archvied' (did you mean 'archived'?)"),
        ("---\ntitle: T\ntitle: U\n---\n", "content/2020/a.md:3: key 'title' appears twice"),
        ("---\ntitle: T\nauthors: Ana\n---\n", "content/2020/a.md:3: 'authors' must be a list"),
        ("---\ntitle: T\nslug: Not A Slug\n---\n", "content/2020/a.md:3: 'slug': 'Not A Slug' is not URL-safe; did you mean 'not-a-slug'?"),
        ("---\ntitle: T\nsources:\n  - nme: CNN\n---\n", "content/2020/a.md:4: unknown key 'nme' in 'sources item' (did you mean 'name'?)"),
        ("---\ntitle: T\nsources:\n  - url: ftp://x\n---\n", "content/2020/a.md:4: 'url': 'ftp://x' is not an http(s) URL"),
        ("---\ntitle: T\ncorrections:\n  - text: fixed\n---\n", "content/2020/a.md:4: a correction needs 'date'"),
        ("---\ntitle: T\nimage: photo.jpg\n---\n", "content/2020/a.md:3: 'image' must be a mapping"),
        ("---\ntitle: T\nlang: english language\n---\n", "content/2020/a.md:3: 'lang': 'english language' is not a language tag"),
        ("---\n- a list\n---\n", "content/2020/a.md:2: front-matter must be a mapping"),
        ("---\ntitle: T\npublished: '0000'\n---\n", "content/2020/a.md:3: 'published': '0000' has no real year"),
        ("---\ntitle: T\nimage:\n  src: 'javascript:alert(1)'\n---\n",
         "content/2020/a.md:4: 'src': 'javascript:alert(1)' is neither a file beside the article nor an http(s) URL"),
        ("---\ntitle: T\nimage:\n  src: 'data:image/png;base64,AAAA'\n---\n", "content/2020/a.md:4: 'src': 'data:"),
    ],
)
def test_each_mistake_is_reported_at_its_line(text, expected):
    found = problems_of(text)
    assert any(p.startswith(expected) for p in found), found


def test_all_mistakes_in_one_file_are_reported_together():
    found = problems_of("---\ntitel: T\npublished: never\nflags: [gone]\n---\n")
    assert [p.split(": ")[0] for p in found] == [
        "content/2020/a.md:2", "content/2020/a.md:2", "content/2020/a.md:3", "content/2020/a.md:4",
    ]
