"""Every front-matter mistake is named with its file and line."""

import datetime as dt
from pathlib import Path

import pytest

from generator.load import content
from generator.load.content import SourceFile


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
        ("---\ntitle: T\nauthors: {name: Ana}\n---\n", "content/2020/a.md:3: 'authors' must be a list"),
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


@pytest.mark.parametrize("key, written, expected", [
    ("authors", "Tom Hart", ("Tom Hart",)),
    ("authors", "Hart, Tom", ("Hart, Tom",)),  # one name: commas are not split
    ("tags", "Flooding", ("Flooding",)),
    ("tags", "'Harbour, East'", ("Harbour, East",)),
])
def test_one_author_or_tag_where_a_list_is_expected_is_a_list_of_one(key, written, expected):
    rel = "content/2020/a.md"
    found, problems = content.parse(f"---\ntitle: T\n{key}: {written}\n---\n", SourceFile(Path(rel), rel, rel),
                                    dt.timezone.utc)
    assert problems == []
    assert getattr(found, key) == expected


def test_an_unquoted_colon_in_a_title_gives_the_yaml_error_and_the_hint_to_quote():
    found = problems_of("---\ntitle: Breaking: the dam holds\npublished: 2020\n---\n")
    assert len(found) == 1
    assert found[0].startswith("content/2020/a.md:2: invalid YAML: mapping values are not allowed here")
    assert "must be quoted, like title: 'Breaking: the news'" in found[0]


def slug_of(text: str) -> str:
    rel = "content/2020/a.md"
    article, problems = content.parse(text, SourceFile(Path(rel), rel, rel), dt.timezone.utc)
    assert problems == []
    return article.slug


def test_a_written_slug_longer_than_the_slugs_we_make_is_kept():
    long = "-".join(["harbour"] * 25)  # 199 characters: an old archive's URL
    assert slug_of(f"---\ntitle: T\nslug: {long}\n---\n") == long


def test_a_slug_too_long_for_a_file_name_is_refused_for_its_length():
    long = "-".join(["harbour"] * 26)  # 207 characters
    found = problems_of(f"---\ntitle: T\nslug: {long}\n---\n")
    assert len(found) == 1
    assert found[0].startswith("content/2020/a.md:3: 'slug': 'harbour-harbour")
    assert "is 207 characters long, more than the 200" in found[0]
    assert "URL-safe" not in found[0]


LAUGHS = "".join(
    [f"  l0: &l0 [{','.join('x' * 9)}]\n"]
    + [f"  l{i}: &l{i} [{','.join([f'*l{i - 1}'] * 9)}]\n" for i in range(1, 9)]
)


@pytest.mark.parametrize("text, line", [
    (f"---\ntitle: T\nextra:\n{LAUGHS}---\n", 4),  # 9 levels: 387 million strings if expanded
    ("---\ntitle: T\nextra: &r {self: *r}\n---\n", 3),  # a cycle
    ("---\ntitle: &t Tide\nsummary: *t\n---\n", 2),
])
def test_yaml_anchors_and_aliases_are_refused_at_their_line(text, line):
    found = problems_of(text)
    assert found == [f"content/2020/a.md:{line}: YAML aliases are not allowed (&anchor and *alias): write the value "
                     "out, or quote a value that starts with & or *"]


def test_an_ampersand_or_asterisk_inside_a_value_is_text():
    assert problems_of("---\ntitle: Q&A *with* the mayor\nsummary: 'a *b'\n---\n") == []


@pytest.mark.parametrize("text", [
    "---\ntitle: T\nextra: " + "[" * 2500 + "]" * 2500 + "\n---\n",
    "---\ntitle: T\nextra:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 2100)) + "---\n",
    "---\ntitle: T\nextra: " + "[" * 200 + "]" * 200 + "\n---\n",
])
def test_yaml_nested_too_deep_is_a_problem_not_a_crash(text):
    found = problems_of(text)
    assert len(found) == 1 and "nested more than 64 levels deep" in found[0], found


@pytest.mark.parametrize("field, value, line", [
    ("title", '"a\\ud800b"', 2),
    ("summary", '"\\udfff"', 3),
    ("tags", '["a\\ud800b"]', 3),
    ("authors", '\n  - "x\\udc00y"', 4),
    ("extra", '{"k\\ud800": 1}', 3),
])
def test_a_lone_surrogate_is_a_problem_at_its_line(field, value, line):
    title = "" if field == "title" else "title: T\n"
    found = problems_of(f"---\n{title}{field}: {value}\n---\n")
    assert len(found) == 1 and found[0].startswith(f"content/2020/a.md:{line}: invalid YAML: \\u"), found
    assert "half of a surrogate pair" in found[0]
