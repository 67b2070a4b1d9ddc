"""The front-matter codec and schema: what goes in comes back out."""

import datetime as dt
from pathlib import Path

import pytest

from generator.archive import frontmatter, schema
from generator.archive.model import Article, Correction, Image, PartialDate, Source
from generator.load import content
from generator.load.content import SourceFile

UTC = dt.timezone.utc


def parse(text: str, rel: str = "content/2020/a.md"):
    return content.parse(text, SourceFile(Path(rel), rel, rel), UTC)


TRICKY_TITLES = [
    "Breaking: the vote is in",
    "Item #1 of 3 # not a comment",
    "He said \"no\" and 'yes'",
    "Ünïcödé — Москва 北京 عربي",
    "- starts with a dash",
    "yes",
    "1984",
    "null",
    "2020-08-05",
    "[not a list]",
    "{not: a map}",
    "trailing space ",
    "multi\nline",
    "@at & *star | pipe > gt % pct `tick`",
    "next\x85line",  # line breaks other than \n were written raw and read back as spaces (found by fuzzing)
    "line\u2028separator\u2029paragraph",
    "carriage\r\nreturn",
]


@pytest.mark.parametrize("title", TRICKY_TITLES)
def test_titles_round_trip_through_the_codec(title):
    original = Article(file="content/2020/a.md", slug="a", title=title, body="Body.\n")
    text = frontmatter.join(schema.to_data(original, default_slug="a"), original.body)
    parsed, problems = parse(text)
    assert problems == []
    assert parsed.title == title


def test_a_full_article_round_trips():
    original = Article(
        file="content/2020/a.md",
        slug="custom-slug",
        title="Full: everything",
        body="First paragraph.\n\n## Heading\n\nSecond.\n",
        published=PartialDate(2020, 8),
        updated=PartialDate(2021, 1, 2),
        authors=("Ana Ruiz", "李雷"),
        tags=("politics", "C++"),
        summary="Short #summary: here",
        dateline="KABUL, Afghanistan",
        rights=("© 2020 One", "© 2021 Two"),
        lang="pt-BR",
        id="00123",
        sources=(Source(name="CNN", url="https://cnn.com/x", published=PartialDate(2020),
                        retrieved=PartialDate(2024, 5, 6), archived_at="https://web.archive.org/x"),),
        flags=("corrected", "archived"),
        corrections=(Correction(PartialDate(2020, 9, 1), "Fixed a name."),),
        image=Image(src="photo.jpg", alt="A photo", caption="Caption: yes", credit="AFP"),
        provenance={"file": "seeds/x.txt", "sha256": "ab" * 32, "importer": "text"},
        extra={"wordcount": 120, "nested": {"a": [1, 2]}},
    )
    text = frontmatter.join(schema.to_data(original), original.body)
    parsed, problems = parse(text)
    assert problems == []
    expected_lines = parsed.lines  # line numbers are bookkeeping, not content
    assert parsed == Article(**{**original.__dict__, "lines": expected_lines})


def test_year_only_dates_are_written_as_numbers_and_read_back_as_years():
    original = Article(file="f", slug="a", title="T", body="", published=PartialDate(2020))
    text = frontmatter.join(schema.to_data(original, default_slug="a"), "")
    assert "published: 2020\n" in text
    parsed, _ = parse(text)
    assert parsed.published == PartialDate(2020)


def test_quoted_and_unquoted_partial_dates_read_the_same():
    for value in ("2020-08", '"2020-08"', "'2020-08'"):
        parsed, problems = parse(f"---\ntitle: T\npublished: {value}\n---\n")
        assert problems == [] and parsed.published == PartialDate(2020, 8)


def test_a_byte_order_mark_and_crlf_line_ends_are_accepted():
    parsed, problems = parse("\ufeff---\r\ntitle: T\r\npublished: 2020\r\n---\r\n\r\nBody\r\n")
    assert problems == []
    assert parsed.title == "T" and parsed.published == PartialDate(2020)


def test_the_slug_comes_from_the_file_name_unless_given():
    parsed, _ = parse("---\ntitle: T\n---\n", rel="content/2020/Some File Name.md")
    assert parsed.slug == "some-file-name"
    parsed, _ = parse("---\ntitle: T\nslug: chosen\n---\n", rel="content/2020/Some File Name.md")
    assert parsed.slug == "chosen"


def test_rights_accept_one_line_or_several():
    one, _ = parse("---\ntitle: T\nrights: © 2020 CNN\n---\n")
    many, _ = parse("---\ntitle: T\nrights: [a, b]\n---\n")
    assert one.rights == ("© 2020 CNN",) and many.rights == ("a", "b")


def test_flags_are_kept_in_banner_order_and_corrections_imply_nothing_at_parse_time():
    parsed, _ = parse("---\ntitle: T\nflags: [archived, retracted]\n---\n")
    assert parsed.flags == ("retracted", "archived")


def test_a_year_before_1000_is_written_so_that_it_reads_back():
    # Found by fuzzing: PartialDate(999) was written as `999`, which is not a date.
    original = Article(file="content/2020/a.md", slug="a", title="T", body="",
                       published=PartialDate(999), corrections=(Correction(PartialDate(42), "Fixed."),))
    text = frontmatter.join(schema.to_data(original, default_slug="a"), original.body)
    parsed, problems = parse(text)
    assert problems == []
    assert parsed.published == PartialDate(999) and parsed.corrections == original.corrections


def test_extra_keys_that_look_like_yaml_syntax_round_trip():
    # '<<' quoted is a plain key, not a merge (the dumper quotes it); found by fuzzing.
    extra = {"<<": 1, "? x": [None, True, "null"], "": "empty", "1": "one", "a: b": {"#": "c"}}
    original = Article(file="content/2020/a.md", slug="a", title="T", body="", extra=extra)
    parsed, problems = parse(frontmatter.join(schema.to_data(original, default_slug="a"), ""))
    assert problems == []
    assert parsed.extra == extra


def test_a_plain_merge_key_is_still_refused():
    _, problems = parse("---\ntitle: T\nextra:\n  <<: {a: 1}\n---\n")
    assert [str(p) for p in problems] == ["content/2020/a.md:4: YAML merge keys (<<) are not supported"]
