"""Dates written out in a page's text, in shapes real pages print (textdates)."""

from __future__ import annotations

from generator.ingest import textdates


def _day(written: str) -> tuple[int, int, int | None]:
    date, _ = textdates.find(written)
    return date.year, date.month, date.day


def test_a_two_digit_year_after_an_apostrophe_and_a_month_between_dots():
    assert _day("veröffentlicht am 14 Feb ’20 | Kategorien: Social Media") == (2020, 2, 14)
    assert _day("posted 3 Mar '98") == (1998, 3, 3)
    assert _day("21.dez.2018 às 12h55") == (2018, 12, 21)
    assert textdates.find("the 14 Feb '20 sale") is not None  # a day and a month: a date
    assert textdates.find("Feb ’20") is None  # no day: not a full date in this shape
