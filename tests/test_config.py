import datetime as dt

import pytest

from generator.archive import config
from generator.archive.model import ProblemsFound
from tests.helpers import make_tree


def load(tmp_path, text=None, environ=None):
    if text is not None:
        make_tree(tmp_path, {"archive.yaml": text})
    return config.load(tmp_path, ".", environ or {"SOURCE_DATE_EPOCH": "1767225600"})


def test_no_archive_yaml_means_defaults_named_after_the_folder(tmp_path):
    root = tmp_path / "city-press"
    root.mkdir()
    loaded = load(root)
    assert loaded.title == "city-press"
    assert loaded.as_of == dt.date(2026, 1, 1)
    assert loaded.pretty_urls is False and loaded.per_page == 20


def test_every_setting_is_read(tmp_path):
    loaded = load(tmp_path, """
title: "Press: archive"
description: Kept
language: pt-BR
base_url: https://example.org/archive
per_page: 5
pretty_urls: true
outdated_after: 18m
as_of: 2025-03-31
timezone: Europe/Berlin
""")
    assert loaded.title == "Press: archive"
    assert loaded.base_url == "https://example.org/archive/"
    assert loaded.per_page == 5 and loaded.pretty_urls is True
    assert loaded.outdated_after == config.Duration(18, "m")
    assert loaded.as_of == dt.date(2025, 3, 31)
    assert loaded.tzinfo.utcoffset(dt.datetime(2025, 1, 1)) == dt.timedelta(hours=1)


def test_as_of_falls_back_to_today_without_source_date_epoch(tmp_path):
    loaded = config.load(tmp_path, ".", {})
    assert loaded.as_of == dt.datetime.now(dt.timezone.utc).date()


def test_all_bad_settings_are_reported_at_once_with_lines_and_suggestions(tmp_path):
    with pytest.raises(ProblemsFound) as caught:
        load(tmp_path, "title: T\ntitel: x\nper_page: zero\noutdated_after: soon\ntimezone: Mars/Base\n")
    messages = [str(p) for p in caught.value.problems]
    assert messages[0] == "archive.yaml:2: unknown setting 'titel' (did you mean 'title'?)"
    assert messages[1].startswith("archive.yaml:3: 'per_page'")
    assert messages[2].startswith("archive.yaml:4: 'outdated_after'")
    assert messages[3].startswith("archive.yaml:5: 'timezone'")


@pytest.mark.parametrize(
    "duration, as_of, cutoff",
    [
        ("3y", dt.date(2026, 11, 25), dt.date(2023, 11, 25)),
        ("1m", dt.date(2026, 3, 31), dt.date(2026, 2, 28)),
        ("2w", dt.date(2026, 1, 10), dt.date(2025, 12, 27)),
        ("90d", dt.date(2026, 1, 1), dt.date(2025, 10, 3)),
    ],
)
def test_durations_count_back_on_the_calendar(duration, as_of, cutoff):
    assert config.parse_duration(duration).before(as_of) == cutoff


@pytest.mark.parametrize("text, expected", [
    ("title: T\noutdated_after: 99999y\n", "archive.yaml:2: 'outdated_after': 99999 years before 2026-01-01 is before the year 1"),
    ("title: T\noutdated_after: 99999999d\n", "archive.yaml:2: 'outdated_after': 99999999 days before 2026-01-01 is before the year 1"),
    ("title: T\nas_of: 0001-01-01\noutdated_after: 1y\n", "archive.yaml:3: 'outdated_after': 1 year before 0001-01-01 is before the year 1"),
    ("title: T\noutdated_after: 99999999999999999999999w\n", "archive.yaml:2: 'outdated_after': '99999999999999999999…' is longer than the calendar"),
])
def test_a_duration_reaching_before_the_calendar_is_a_problem_at_its_line(tmp_path, text, expected):
    with pytest.raises(ProblemsFound) as raised:
        load(tmp_path, text)
    assert [str(p) for p in raised.value.problems] == [expected]


def test_a_duration_back_to_the_first_day_of_the_calendar_is_fine(tmp_path):
    loaded = load(tmp_path, "title: T\nas_of: 0002-03-31\noutdated_after: 13m\n")
    assert loaded.outdated_after.before(loaded.as_of) == dt.date(1, 2, 28)


@pytest.mark.parametrize("text, expected", [
    ("title: &t Tide\ndescription: *t\n", "archive.yaml:1: YAML aliases are not allowed (&anchor and *alias): "
     "write the value out, or quote a value that starts with & or *"),
    ("title: T\ndescription: &r [*r]\n", "archive.yaml:2: YAML aliases are not allowed (&anchor and *alias): "
     "write the value out, or quote a value that starts with & or *"),
    ("title: " + "[" * 2000 + "]" * 2000 + "\n", "archive.yaml:1: invalid YAML: nested more than 64 levels deep"),
    ('title: "\\ud800"\n', "archive.yaml:1: invalid YAML: \\ud800 is half of a surrogate pair, not a character"),
])
def test_hostile_yaml_in_archive_yaml_is_a_problem_at_its_line(tmp_path, text, expected):
    with pytest.raises(ProblemsFound) as raised:
        load(tmp_path, text)
    assert [str(p) for p in raised.value.problems] == [expected]


@pytest.mark.parametrize("epoch, says", [
    ("-5", "must be a whole, non-negative number of seconds since 1970"),
    ("1e9", "must be a whole, non-negative number of seconds since 1970"),
    ("", "must be a whole, non-negative number of seconds since 1970"),
    ("253402300800", "is after the year 9999"),
    ("9" * 5000, "is after the year 9999"),
])
def test_a_malformed_source_date_epoch_stops_the_build_as_a_usage_error(tmp_path, cli, monkeypatch, epoch, says):
    make_tree(tmp_path, {"content/a.md": "---\ntitle: A\n---\n"})
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    ran = cli("build", "--root", tmp_path)
    assert ran.code == 2
    assert ran.err.startswith("archive: error: SOURCE_DATE_EPOCH=") and says in ran.err
    assert not (tmp_path / "site").exists()


def test_the_last_day_source_date_epoch_can_name_builds(tmp_path, cli, monkeypatch):
    make_tree(tmp_path, {"content/a.md": "---\ntitle: A\n---\n"})
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "253402300799")  # 9999-12-31T23:59:59Z
    assert cli("build", "--root", tmp_path).code == 0


def test_serve_refuses_a_malformed_source_date_epoch_too(tmp_path, cli, monkeypatch):
    make_tree(tmp_path, {"content/a.md": "---\ntitle: A\n---\n"})
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1e9")
    ran = cli("serve", "--root", tmp_path, "--port", "0")
    assert ran.code == 2
    assert ran.err == "archive: error: SOURCE_DATE_EPOCH='1e9': must be a whole, non-negative number of seconds since 1970\n"
