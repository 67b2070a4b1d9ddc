"""Ceilings: what an importer could get at best from what a page's input shows.

- **date printed**: the gold publication day is written somewhere in the text (any common shape:
  numeric in any order with 2- or 4-digit years, month names in the corpus's languages, 年月日, or
  whatever dateparser reads in the page's language or English). A text that never prints its date
  cannot give it; its gold came from the HTML's metadata. A relative date ("3 hours ago") does not
  count: the corpus knows no capture time.
- **date in the page** (html): the same, in the page's source (its metadata and its text), common shapes
  only; the gold of some pages is a day the page never names (a modified date it does not carry, a typo).
- **title as a line**: the gold title (normalised as score.py does) is one line of the text.
- **line oracle** (html): the body F1 of the best choice of whole lines of the rendered page (the
  whole-page copy, text_full/): every line that occurs in the gold body, none other. It measures what
  the gold asks for that the page does not show line by line (a word inside a line of furniture,
  text hidden from the reader, a gold written by hand).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from generator.ingest.textdates import MONTHS

_NUMERIC = re.compile(r"(?<!\d)(\d{1,4})\s*[./\-年]\s*(\d{1,2})\s*[./\-月]\s*(\d{1,4})(?!\d)")
_NUMBER = re.compile(r"\d+")
_CLOCK = re.compile(r"\d+:\d+")  # a time of day: its hour is no day of the month
_WORD = re.compile(r"[^\W\d_]+")
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN = re.compile(rf"[{_CJK}]|[^\W_{_CJK}]+")  # score.py's tokens: CJK one character each
WINDOW = 40  # characters around a month name where its day and year may stand


def _years(text: str) -> int:
    return int(text) + (2000 if int(text) < 50 else 1900) if len(text) == 2 else int(text)


def _numeric(line: str, gold: dt.date) -> bool:
    for match in _NUMERIC.finditer(line):
        a, b, c = match.groups()
        orders = ((a, b, c), (c, b, a), (c, a, b))  # y-m-d, d-m-y, m-d-y
        for year, month, day in orders:
            if len(year) in (2, 4) and (_years(year), int(month), int(day)) == (gold.year, gold.month, gold.day):
                return True
    return False


def _named(line: str, gold: dt.date) -> bool:
    """A month's name with the day and the year near it, in any order ("19. November 2019", "Nov 19, '19")."""
    lower = line.lower()
    for word in _WORD.finditer(lower):
        if MONTHS.get(word.group()) != gold.month and not _glued(word.group(), gold.month):
            continue
        near = lower[max(0, word.start() - WINDOW): word.end() + WINDOW]
        numbers = _NUMBER.findall(near)
        has_day = any(len(n) <= 2 and int(n) == gold.day for n in _NUMBER.findall(_CLOCK.sub(" ", near)))
        has_year = any(n == str(gold.year) or len(n) == 2 and _years(n) == gold.year
                       or len(n) == 6 and n.startswith(str(gold.year)) for n in numbers)  # "de 202221:25"
        if has_day and has_year:
            return True
    return False


def _glued(word: str, month: int) -> bool:
    """A month's full name glued to the word before it ("DambrotNovember 6, 2023": a name and a date)."""
    return any(word.endswith(name) for name, number in MONTHS.items() if number == month and len(name) >= 5)


@lru_cache(maxsize=None)
def _dateparser_languages() -> frozenset[str]:
    from dateparser.languages.loader import default_loader
    return frozenset(default_loader.get_locale_map())


def _parsed(line: str, gold: dt.date, lang: str) -> bool:
    from dateparser.search import search_dates
    languages = [x for x in dict.fromkeys([lang, "en"]) if x in _dateparser_languages()]
    for order in ("DMY", "MDY", "YMD"):
        settings = {"REQUIRE_PARTS": ["day", "month", "year"], "DATE_ORDER": order,
                    "RETURN_AS_TIMEZONE_AWARE": False}
        try:
            found = search_dates(line, languages=languages, settings=settings) or []
        except Exception:  # noqa: BLE001 - dateparser fails on odd input: no date there
            continue
        for written, when in found:
            if when.date() == gold and (str(gold.year) in written or f"{gold.year % 100:02d}" in written):
                return True
    return False


def date_printed(text: str, gold: dt.date, lang: str = "en", dateparser: bool = True) -> bool:
    """Whether `text` prints the day `gold` in a shape a reader (or a date library) reads. `dateparser`
    False: the common shapes only (for an HTML page's source, whose lines are too long for dateparser)."""
    short_year = f"{gold.year % 100:02d}"
    for line in text.splitlines():
        if str(gold.year) not in line and short_year not in line:
            continue  # a cheap filter: every shape counted names the year
        if _numeric(line, gold) or _named(line, gold) or dateparser and _parsed(line, gold, lang):
            return True
    return False


def title_as_line(text: str, gold: str, norm) -> bool:
    """Whether the gold title is one whole line of `text`, as `norm` (score.py's norm_title) compares titles."""
    want = norm(gold)
    return bool(want) and any(norm(line) == want for line in text.splitlines())


def _words(text: str) -> str:
    return " ".join(_TOKEN.findall(text.lower()))


def line_oracle_f1(page_text: str, gold_body: str, tokens, prf) -> float:
    """The body F1 of the lines of `page_text` that occur in the gold body (score.py's `tokens`, `prf`)."""
    gold = f" {_words(gold_body)} "
    kept = [line for line in page_text.splitlines() if _words(line) and f" {_words(line)} " in gold]
    return prf(tokens("\n".join(kept)), tokens(gold_body))[2]
