"""Dates written out in prose: `Updated 3:01 PM ET, Wed July 1, 2020`, `3 juin 2020`, `2020-07-01`."""

from __future__ import annotations

import datetime as dt
import re

from generator.archive.model import PartialDate

MONTHS = {
    # English, German, French, Spanish, Italian, Portuguese, Dutch: full names and common abbreviations
    **{m: i for i, m in enumerate(
        "january february march april may june july august september october november december".split(), 1)},
    **{m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)},
    "sept": 9,
    **{m: i for i, m in enumerate(
        "januar februar märz april mai juni juli august september oktober november dezember".split(), 1)},
    "jänner": 1, "maerz": 3, "okt": 10, "dez": 12,
    **{m: i for i, m in enumerate(
        "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split(), 1)},
    "fevrier": 2, "aout": 8, "decembre": 12,
    **{m: i for i, m in enumerate(
        "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre".split(), 1)},
    "setiembre": 9,
    **{m: i for i, m in enumerate(
        "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre".split(), 1)},
    **{m: i for i, m in enumerate(
        "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro".split(), 1)},
    **{m: i for i, m in enumerate(
        "januari februari maart april mei juni juli augustus september oktober november december".split(), 1)},
}
_MONTH = r"(?P<month>[^\W\d_]{3,10})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th|er|\.|º)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
PATTERNS = [
    re.compile(rf"\b{_YEAR}[-/.](?P<nmonth>\d{{1,2}})[-/.](?P<day>\d{{1,2}})\b"),
    re.compile(rf"\b{_YEAR}年\s*(?P<nmonth>\d{{1,2}})月\s*(?P<day>\d{{1,2}})日"),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b"),
    re.compile(rf"\b{_DAY}\s+(?:de\s+)?{_MONTH},?\s+(?:de\s+)?{_YEAR}\b"),
    re.compile(rf"\b(?P<day>\d{{1,2}})[.-](?P<nmonth>\d{{1,2}})[.-]{_YEAR}\b"),
    re.compile(rf"\b(?P<nmonth>\d{{1,2}})/(?P<day>\d{{1,2}})/{_YEAR}\b"),
    re.compile(rf"\b{_MONTH}\s+{_YEAR}\b"),
]
UPDATE_WORDS = re.compile(
    r"\b(?:updated?|modified|last (?:updated|modified)|aktualisiert|geändert|mis à jour|actualizado|"
    r"actualizada|aggiornato|atualizado|bijgewerkt)\b|更新", re.I)


def find(text: str, day_first: bool = False) -> tuple[PartialDate, tuple[int, int]] | None:
    """The first date written in `text` and where it is. `4/6/2021` is April 6 unless `day_first`
    (or the first number cannot be a month)."""
    for pattern in PATTERNS:
        for match in pattern.finditer(text):
            date = _date(match, day_first and "/" in match.group())
            if date is not None:
                return date, match.span()
    return None


def _date(match: re.Match, swap: bool = False) -> PartialDate | None:
    groups = match.groupdict()
    year = int(groups["year"])
    if groups.get("nmonth"):
        month = int(groups["nmonth"])
    else:
        month = MONTHS.get(groups["month"].lower())
        if month is None:
            return None
    day = int(groups["day"]) if groups.get("day") else None
    if groups.get("nmonth") and day is not None and (swap or month > 12) and day <= 12:
        month, day = day, month
    try:
        dt.date(year, month, day or 1)
    except ValueError:
        return None
    return PartialDate(year, month, day)
