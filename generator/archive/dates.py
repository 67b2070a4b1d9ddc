"""Partial dates: reading them from text and showing them with their precision.

An archive often knows only the year an article appeared. `2020` stays `2020`
everywhere it is shown; it never becomes "1 January 2020".
"""

from __future__ import annotations

import datetime as dt
import re

from generator.archive.model import PartialDate

_DATE = re.compile(
    r"^(?P<year>\d{4})"
    r"(?:-(?P<month>\d{2})"
    r"(?:-(?P<day>\d{2})"
    r"(?:[T ](?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:\.\d+)?)?"
    r"\s*(?P<zone>Z|[+-]\d{2}:?\d{2})?)?)?)?$"
)

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)


def parse(text: str, default_tz: dt.tzinfo = dt.timezone.utc) -> PartialDate:
    """Read `2020`, `2020-08`, `2020-08-05` or `2020-08-05T14:30[:00][Z|+02:00]`.

    Raises ValueError with a message fit for a user.
    """
    match = _DATE.match(text.strip())
    if not match:
        raise ValueError(
            f"'{text}' is not a date; use YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM[+HH:MM]"
        )
    year = int(match["year"])
    if not 1 <= year <= 9998:
        raise ValueError(f"'{text}' has no real year (placeholders like 0000 are not dates)")
    month = int(match["month"]) if match["month"] else None
    day = int(match["day"]) if match["day"] else None
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"'{text}' has no month {month}")
    if day is not None:
        try:
            dt.date(year, month or 1, day)
        except ValueError:
            raise ValueError(f"'{text}' is not a day of the calendar") from None
    if match["hour"] is None:
        return PartialDate(year, month, day)
    hour, minute = int(match["hour"]), int(match["minute"])
    second = int(match["second"] or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise ValueError(f"'{text}' has an impossible time of day")
    tz = _zone(match["zone"]) if match["zone"] else default_tz
    moment = dt.datetime(year, month or 1, day or 1, hour, minute, second, tzinfo=tz)
    try:
        moment.astimezone(dt.timezone.utc)
    except OverflowError:
        raise ValueError(f"'{text}' is outside the calendar in UTC") from None
    return PartialDate(year, month, day, moment)


def _zone(text: str) -> dt.tzinfo:
    if text == "Z":
        return dt.timezone.utc
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:])
    return dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))


def iso(date: PartialDate) -> str:
    """ISO 8601 at the date's own precision: `2020`, `2020-08`, `2020-08-05`, or a full timestamp."""
    if date.moment is not None:
        return date.moment.isoformat()
    if date.day is not None:
        return f"{date.year:04d}-{date.month:02d}-{date.day:02d}"
    if date.month is not None:
        return f"{date.year:04d}-{date.month:02d}"
    return f"{date.year:04d}"


def rfc3339(date: PartialDate) -> str:
    """A full timestamp, for formats that demand one (Atom): the first instant of the date."""
    # Not strftime: its %Y writes the year 999 as "999", and RFC 3339 needs four digits.
    start = date.start()
    return f"{start.year:04d}-{start.month:02d}-{start.day:02d}T{start:%H:%M:%S}Z"


def display(date: PartialDate) -> str:
    """Human text at the date's precision: `2020`, `August 2020`, `5 August 2020`, `5 August 2020, 14:30 UTC+02:00`."""
    if date.month is None:
        return str(date.year)
    month = f"{MONTHS[date.month - 1]} {date.year}"
    if date.day is None:
        return month
    day = f"{date.day} {month}"
    if date.moment is None:
        return day
    offset = date.moment.strftime("%z")
    zone = "UTC" if offset == "+0000" else f"UTC{offset[:3]}:{offset[3:]}"
    return f"{day}, {date.moment:%H:%M} {zone}"


def from_epoch(seconds: int) -> dt.date:
    return dt.datetime.fromtimestamp(seconds, dt.timezone.utc).date()
