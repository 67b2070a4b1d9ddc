"""Dates written out in prose: `Updated 3:01 PM ET, Wed July 1, 2020`, `3 juin 2020`, `2020-07-01`."""

from __future__ import annotations

import datetime as dt
import importlib
import re
import unicodedata

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

# The month names and abbreviations dateparser knows in the languages of the pages read (Norwegian "des.",
# French "févr.", Czech genitives "prosince", Russian "декабря", Bengali "ডিসেম্বর"): read in a date with its
# day. A month and a year alone take only the names above (a short word of one language, Czech "pro" before a
# year, is no month there).
DATE_LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "nl", "nb", "cs", "ru", "bn")


def _day_months() -> dict[str, int]:
    names = dict(MONTHS)
    for lang in DATE_LANGUAGES:
        info = importlib.import_module(f"dateparser.data.date_translation_data.{lang}").info
        for number, month in enumerate(
                "january february march april may june july august september october november december".split(), 1):
            for name in info[month]:
                name = name.lower().rstrip(".")
                if len(name) >= 3 or re.match(r"[\u0900-\u0dff]", name):
                    names.setdefault(name, number)
    return names


DAY_MONTHS = _day_months()
# Digits of every script as ASCII digits ("২০২৬", fullwidth "２０２６"), one for one: a date's place stays
DIGITS = str.maketrans({chr(c): str(unicodedata.digit(chr(c))) for c in range(0x80, 0x10000)
                        if unicodedata.category(chr(c)) == "Nd"})
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th|er|\.|º)?"
# A year may be glued to what follows it on a copied page: "3 de mayo de 202221:25", "28. Juni 201914. Januar 2020".
_YEAR = r"(?P<year>(?:19|20)\d{2})(?:(?!\d)|(?=\d{1,2}(?:[:h]\d{2}|\.\s|\s+[^\W\d_]{3})))"
_LOWER = "[a-zß-öø-ÿа-яё]"  # a lowercase letter (Latin, Cyrillic): the end of a word, not of a code
# A day may be glued to the word before it on a copied page: "Original Research7 April 2020", "Publié7 avril 2020",
# "FashionGoddess26 October 2012" (a commenter's name); not to a code's letters, "mp3", "A2", "COVID19", nor to the
# disease's name, "Covid19", nor to a product's ("iPhone12 December 2026", see _NAMED_PRODUCT)
_GLUED_DAY = re.compile(rf"(?=\d)(?:(?<!\w)|(?<=[^\W\d_]{_LOWER}{{2}}))(?<![Cc]ovid){_DAY}\s+(?:de\s+)?{_MONTH},?\s+"
                        rf"(?:de\s+)?{_YEAR}")
# A name of one lower-case letter and a capital is a product's (iPhone, iPad, eBook, iMac): its number is the
# model's, not a day. A name with a capital first may be two glued together ("DresdenFae26 October 2012"), and so may
# a longer one in lower case ("janeRoe12 May 2020": a commenter's name, then the day).
_NAMED_PRODUCT = re.compile(r"(?<![^\W\d_])[a-z][A-Z][^\W\d_]*$")
PATTERNS = [
    re.compile(rf"\b{_YEAR}[-/.](?P<nmonth>\d{{1,2}})[-/.](?P<day>\d{{1,2}})\b"),
    # an ISO stamp glued to a name: "Jane Roe2021-12-14T12:38"
    re.compile(rf"(?<!\d){_YEAR}-(?P<nmonth>\d{{2}})-(?P<day>\d{{2}})(?=T\d{{2}}:\d{{2}})"),
    re.compile(rf"(?<!\d){_YEAR}年\s*(?P<nmonth>\d{{1,2}})月\s*(?P<day>\d{{1,2}})日"),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}"),
    _GLUED_DAY,
    re.compile(rf"\b(?P<day>\d{{1,2}})\.(?P<month>[^\W\d_]{{3,10}})\.{_YEAR}"),  # "21.dez.2018"
    re.compile(rf"\b(?P<day>\d{{1,2}})-(?P<month>[^\W\d_]{{3,10}})-(?:{_YEAR}|(?P<yy>\d{{2}})(?!\d))"),  # "7-Dec-26"
    re.compile(rf"\b(?P<day>\d{{1,2}})(?:[.-]|\.\s)(?P<nmonth>\d{{1,2}})(?:[.-]|\.\s){_YEAR}"),  # "18. 05. 2014"
    re.compile(rf"\b(?P<nmonth>\d{{1,2}})/(?P<day>\d{{1,2}})/{_YEAR}"),
    re.compile(rf"\b{_MONTH}\s+{_YEAR}"),
    re.compile(rf"\b{_DAY}\s+{_MONTH}\s+['’](?P<yy>\d{{2}})(?!\d)"),  # "14 Feb ’20"
    # a month's name glued to the name before it on a copied page: "Jane RoeNovember 6, 2023"
    re.compile(rf"(?<=[a-z])(?P<month>[A-Z][a-z]{{2,8}})\.?\s+{_DAY},?\s+{_YEAR}"),
]
UPDATE_WORDS = re.compile(
    r"\b(?:updated?|modified|last (?:updated|modified)|aktualisiert|geändert|mis à jour|actualizado|"
    r"actualizada|aggiornato|atualizado|atualizada|bijgewerkt|oppdatert|aktualizováno|revised|überarbeitet|"
    r"обновлено)\b|更新", re.I)


# A month's name in an Indic script (Bengali "ডিসেম্বর"): its vowel signs are no \w, so _MONTH misses it; tried
# only on a line that has such letters
_INDIC = re.compile(r"[\u0900-\u0dff]")
_OTHER_DIGIT = re.compile(r"(?![0-9])\d")
_INDIC_MONTH = r"(?P<month>[\u0900-\u0dff]{2,12})"
INDIC_PATTERNS = [
    re.compile(rf"\b{_INDIC_MONTH}\s+{_DAY},?\s+{_YEAR}"),
    re.compile(rf"\b{_DAY}\s+{_INDIC_MONTH},?\s+{_YEAR}"),
]


def find(text: str, day_first: bool = False, named: bool = False) -> tuple[PartialDate, tuple[int, int]] | None:
    """The first date written in `text` and where it is. `4/6/2021` is April 6 unless `day_first`
    (or the first number cannot be a month). `named`: only a date written with a month's name (`Sept. 29, 2020`),
    one no order of numbers makes ambiguous."""
    patterns = _MONTH_NAMED if named else PATTERNS
    if not text.isascii():
        text = text.translate(DIGITS) if _OTHER_DIGIT.search(text) else text
        patterns = patterns + INDIC_PATTERNS if _INDIC.search(text) else patterns
    for pattern in patterns:
        for match in pattern.finditer(text):
            # (a year first is never followed by the day: "2026/12/07" is 7 December on any page)
            if pattern is _GLUED_DAY and _NAMED_PRODUCT.search(text, max(0, match.start() - 30), match.start()):
                continue
            date = _date(match, day_first and "/" in match.group() and not _year_first(match))
            if date is not None:
                return date, match.span()
    return None


_MONTH_NAMED = [pattern for pattern in PATTERNS if "(?P<month>" in pattern.pattern]


SAME_TIME = 31  # days: a date this near the page's dates written out is of the same time


def either_order(date: PartialDate | None) -> bool:
    """A day whose day and month may be read the other way round (7 December, 12 July): the cheap question to
    ask before read_as_dated reads the page."""
    return date is not None and date.day is not None and date.month != date.day and date.month <= 12 \
        and date.day <= 12


def read_as_dated(date: PartialDate, page: list[str], day_first: bool) -> PartialDate:
    """A slashed date either order reads (`02/10/2020` on a page that names no language: 10 February or 2 October)
    in the order the page's dates written out with a month's name say: a British story on an aggregator with
    captions of `Sept. 29, 2020` and `September 28, 2020` was written on 2 October. Not a day the page also
    writes in an order of its own (`2020-02-10`). Two passes over the page, however many dates it names."""
    if not either_order(date):
        return date
    first, second = (date.day, date.month) if day_first else (date.month, date.day)
    slashed = re.compile(rf"(?<![\d/])0?{first}/0?{second}/{date.year}(?!\d)")
    iso = f"{date.year}-{date.month:02d}-{date.day:02d}"
    if any(iso in line for line in page) or not any(
            "/" in line and slashed.search(line if line.isascii() else line.translate(DIGITS)) for line in page):
        return date
    other = _swapped(date)
    nearest = {date: SAME_TIME + 1, other: SAME_TIME + 1}  # reading -> days to the nearest date written out
    for line in page:
        found = find(line, named=True) if _DIGIT.search(line) else None
        if found is not None and found[0].day:
            for reading in nearest:
                nearest[reading] = min(nearest[reading], abs((reading.last_day() - found[0].last_day()).days))
    return other if nearest[other] <= SAME_TIME < nearest[date] else date


def _swapped(date: PartialDate) -> PartialDate:
    """The day read the other way round, at its time of day if it has one."""
    moment = date.moment.replace(month=date.day, day=date.month) if date.moment is not None else None
    return PartialDate(date.year, date.day, date.month, moment)


_DIGIT = re.compile(r"\d")


def _year_first(match: re.Match) -> bool:
    return "year" in match.re.groupindex and match.start("year") == match.start()


# "17.11.19": not one of PATTERNS, where it would take a version number, or an American page's month-first
# "10.26.12" in its text for a date line
_DOTTED_YY = re.compile(r"(?<![\w.])(?P<day>\d{2})\.(?P<nmonth>\d{2})\.(?P<yy>\d{2})(?![\d.])")


def find_dotted(text: str, day_first: bool) -> tuple[PartialDate, tuple[int, int]] | None:
    """A dotted date with a two-digit year (`17.11.19`), day first unless the page is American English."""
    for match in _DOTTED_YY.finditer(text if text.isascii() else text.translate(DIGITS)):
        date = _date(match, swap=not day_first)
        if date is not None:
            return date, match.span()
    return None


# What may stand before a date that leads a line: nothing but "(", or a label and a separator ("Nachricht | ")
_LEAD = re.compile(r"^(?:\W{0,2}|[^\W\d_]+(?:\s[^\W\d_]+)?\s*[|·•/]\s*)$")
_CLOSE = re.compile(r"^\s*(?:[)\]|·•/:–—-]|[^\W\d_])")


def date_led(line: str, day_first: bool) -> bool:
    """Whether a date leads the line: "(21. November 2022) Energy prices ...", "News | 30.10.2021 Migration"."""
    found = find(line[:40], day_first)
    if found is None or not found[0].day:
        return False
    start, end = found[1]
    return bool(_LEAD.match(line[:start])) and bool(_CLOSE.match(line[end:])) and (
        line[:start].strip() != "" or line[end:].lstrip()[:1] in ")]|·•/:–—-")


_TIME_AFTER = re.compile(r"^\s*[,·|@/–-]?\s*(?:[^\W\d_]{1,3}\.?\s*)?\d{1,2}(?::|h|時)\d{2}")  # "14:05", "14h05", "14時05分"
_NAMED = re.compile(r"(?i)(?:published|posted|publication date|date|veröffentlicht|publié|publicado|"
                    r"日期|时间|发布|发表)(?:\s+(?:on|am|le|el|em))?\W*$")

JOINED = re.compile(r"(?i)\b(?:registriert|registered|joined|member since|mitglied seit|dabei seit|inscrit|inscription|"
                     r"registrado|registro|iscritto)\b|注册")

# A forum's clock: the time the page was served ("Aktuelle Zeit: 14.10.2020, 12:18", "It is currently ...")
CLOCK = re.compile(r"(?i)\b(?:aktuelle zeit|it is currently|current time|heure actuelle|hora actual|ora attuale)\b|当前时间|现在时间")


DOCUMENT_DAY_LABEL = "成文日期"  # the label of the day a government notice was written
_DOCUMENT_DAY_LABEL = re.compile(DOCUMENT_DAY_LABEL + r"\s*[:：]?\s*")


def document_day(lines: list[str]) -> PartialDate | None:
    """A Chinese government notice's `成文日期` (the day the document was written, which it is signed and cited
    by), on its line or the next (a table's cell): its page's `发布日期` is only the day the site posted it."""
    for at, line in enumerate(lines):
        label = _DOCUMENT_DAY_LABEL.search(line)
        if label is not None:
            value = line[label.end():].strip() or (lines[at + 1] if at + 1 < len(lines) else "")
            found = find(value[:40])
            if found is not None and found[0].day:
                return found[0]
    return None


def first_stamped(lines, day_first: bool = False) -> PartialDate | None:
    """The day of the first short line that stamps it with a time of day (`2003年11月12日16:36`,
    `18.03.2020 13:15 Uhr`) or names it a publication date (`发布日期： 9/17/2004`): what dates a page
    with no date line by its headline."""
    for line in lines:
        day = stamped(line, day_first)
        if day is not None:
            return day
    return None


def stamped(line: str, day_first: bool = False) -> PartialDate | None:
    """The day a line stamps with a time of day or names a publication date (see first_stamped)."""
    if not 8 <= len(line) <= 160:
        return None
    found = find(line, day_first)
    if found is None or not found[0].day:
        return None
    start, end = found[1]
    if JOINED.search(line[:start]) or CLOCK.search(line[:start]):
        return None  # the day a forum's member signed up (in the profile beside a post), the time the page was served
    if _TIME_AFTER.match(line[end:]) or _NAMED.search(line[:start]):
        return found[0]
    return None


def _date(match: re.Match, swap: bool = False) -> PartialDate | None:
    groups = match.groupdict()
    year = int(groups["year"]) if groups.get("year") else _century(int(groups["yy"]))
    if groups.get("nmonth"):
        month = int(groups["nmonth"])
    else:
        month = (DAY_MONTHS if groups.get("day") else MONTHS).get(groups["month"].lower())
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


def _century(year: int) -> int:
    """A two-digit year: "’20" is 2020, "’98" is 1998."""
    return 2000 + year if year < 70 else 1900 + year


# --- dates in by-lines and date lines of any language: dateparser --------------------------

_STOPWORDS = {
    "en": "the and of to in is that was for with",
    "de": "der die das und ist nicht mit von den zu",
    "fr": "le la les des et est une pour dans que",
    "es": "el la los las y del que en por una",
    "pt": "o os as e do da que em para uma não",
    "it": "il di che la per non una sono del della",
    "nl": "de het een en van dat niet zijn op voor",
    "cs": "a je se na že to v s jako ale",
    "nb": "og i det som er på til ikke med av",
}
_STOPWORD_SETS = {lang: set(words.split()) for lang, words in _STOPWORDS.items()}
_KANA = re.compile(r"[\u3040-\u30ff]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_SCRIPTS = {"bn": re.compile(r"[\u0980-\u09ff]"), "ru": re.compile(r"[\u0400-\u04ff]")}
_TOKEN = re.compile(r"[^\W\d_]+")


def language(text: str) -> str:
    """A guess at the text's language, enough to read its month names: a dateparser language code."""
    sample = text[:20000]
    if len(_KANA.findall(sample)) > 20:
        return "ja"
    if len(_HAN.findall(sample)) > 50:
        return "zh"
    for lang, script in _SCRIPTS.items():
        if len(script.findall(sample)) > 200:
            return lang
    counts = dict.fromkeys(_STOPWORD_SETS, 0)
    for token in _TOKEN.findall(sample.lower()):
        for lang, stopwords in _STOPWORD_SETS.items():
            if token in stopwords:
                counts[lang] += 1
    return max(counts, key=lambda lang: (counts[lang], lang == "en"))


def search(line: str, lang: str, captured: dt.datetime | None = None, day_first: bool = False) -> PartialDate | None:
    """The first full date in a by-line or date line, read by dateparser in the text's language (and English).
    A relative date ("vor 3 Stunden", "2 days ago") counts only against a known capture time."""
    from dateparser.search import search_dates  # loaded by the first scrape that needs it

    settings = {"REQUIRE_PARTS": ["day", "month", "year"], "RETURN_AS_TIMEZONE_AWARE": False,
                "PREFER_DATES_FROM": "past", "DATE_ORDER": "DMY" if day_first or lang != "en" else "MDY"}
    if captured is not None:
        settings["RELATIVE_BASE"] = captured.replace(tzinfo=None)
    languages = list(dict.fromkeys([lang, "en"]))
    try:
        found = search_dates(line, languages=languages, settings=settings) or []
        if not found:  # its search misses a line that is nothing but a date ("9/11/13 10:00AM"): read it whole
            from dateparser import parse
            whole = parse(line, languages=languages, settings=settings)
            found = [(line, whole)] if whole is not None else []
    except Exception:  # noqa: BLE001 - dateparser fails on odd input; a line without a date is no error
        return None
    for written, when in found:
        if when.year < 1900:  # "2006年1月" read as the year 20
            continue
        relative = captured is not None and not re.search(r"\d{1,2}[:.h]\d{2}\s*$", written)
        if named_year(written, when.year) or relative:
            return PartialDate(when.year, when.month, when.day)
    return None


_NUMERIC = re.compile(r"(?<!\d)\d{1,2}[./-]\d{1,2}[./-](\d{2}|\d{4})(?!\d)")


def named_year(written: str, year: int) -> bool:
    """Whether `written` names `year`: in full, or as the two digits that end a numeric date (`5/23/06` is
    2006, never 2023, whatever order dateparser tried)."""
    if re.search(rf"(?<!\d){year}(?!\d)", written):
        return True
    numeric = _NUMERIC.search(written)
    if numeric is not None:
        return numeric.group(1) == f"{year % 100:02d}"
    return bool(re.search(rf"(?<!\d){year % 100:02d}(?!\d)", written))
