import datetime as dt

import pytest

from generator import config
from generator.model import ProblemsFound
from tests.conftest import make_tree


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
