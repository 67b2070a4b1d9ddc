import datetime as dt

import pytest

from generator.archive import dates
from generator.archive.model import PartialDate


@pytest.mark.parametrize(
    "text, precision, shown, iso",
    [
        ("2020", "year", "2020", "2020"),
        ("2020-08", "month", "August 2020", "2020-08"),
        ("2020-08-05", "day", "5 August 2020", "2020-08-05"),
        ("2020-08-05T14:30", "minute", "5 August 2020, 14:30 UTC", "2020-08-05T14:30:00+00:00"),
        ("2020-08-05 14:30:10+02:00", "minute", "5 August 2020, 14:30 UTC+02:00", "2020-08-05T14:30:10+02:00"),
        ("2020-08-05T14:30:00Z", "minute", "5 August 2020, 14:30 UTC", "2020-08-05T14:30:00+00:00"),
    ],
)
def test_dates_keep_their_precision(text, precision, shown, iso):
    date = dates.parse(text)
    assert date.precision == precision
    assert dates.display(date) == shown
    assert dates.iso(date) == iso
    assert dates.parse(dates.iso(date)) == date


@pytest.mark.parametrize("text", ["2020-13", "2021-02-29", "20", "August 2020", "2020-08-05T25:00", ""])
def test_impossible_dates_are_refused_with_the_text_named(text):
    with pytest.raises(ValueError) as caught:
        dates.parse(text)
    assert repr(text)[1:-1] in str(caught.value)


def test_naive_times_take_the_configured_zone():
    berlin = dt.timezone(dt.timedelta(hours=1))
    date = dates.parse("2020-01-05T12:00", berlin)
    assert date.moment.utcoffset() == dt.timedelta(hours=1)


def test_partial_dates_span_their_whole_period():
    assert PartialDate(2020).last_day() == dt.date(2020, 12, 31)
    assert PartialDate(2020, 2).last_day() == dt.date(2020, 2, 29)
    assert PartialDate(2020, 12).last_day() == dt.date(2020, 12, 31)
    assert dates.rfc3339(PartialDate(2020, 8)) == "2020-08-01T00:00:00Z"


def test_dates_sort_by_the_instant_they_start():
    texts = ["2021", "2020-08-05", "2020", "2020-08", "2019-12-31T23:00-05:00"]
    ordered = sorted((dates.parse(t) for t in texts), key=PartialDate.sort_key)
    # 23:00 at UTC-5 on New Year's Eve is already 2020 in UTC.
    assert [dates.iso(d) for d in ordered] == [
        "2020", "2019-12-31T23:00:00-05:00", "2020-08", "2020-08-05", "2021",
    ]
