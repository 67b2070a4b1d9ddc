"""Which of a scrape's lines date it: the date lines under its headline, over it in a whole-page copy, right
after the article, a by-line anywhere, a time-stamped line; textdates reads each line."""

from __future__ import annotations

import datetime as dt
import re

from generator.archive.model import PartialDate
from generator.ingest import textdates
from generator.ingest.endings import ending
from generator.ingest.furniture import Found, is_prose, words

DATE_LINE_WORDS = 12  # a line this short with a date in it, inside the text or above the headline, is a date line
NAV_DATES = 15  # lines above the headline of a whole-page copy where the page's date line may stand


def dates(found: Found, blocks: list[str], aside: set[int], body_at: int, end_at: int, page: list[str], start: int,
          text: str, captured: dt.datetime | None) -> tuple[PartialDate | None, PartialDate | None]:
    """(published, updated) of a scrape: `blocks` from its headline down, the article's text from `body_at` to
    `end_at`, `aside` the captions and notices (their dates are not the article's); `page` the whole copy, whose
    headline is at `start`; what the by-lines said is in `found`."""
    published, updated = found.published, found.updated
    document = textdates.document_day(page)
    if document is not None:  # a government notice is dated by the day it was written and signed
        return document, None
    # The page's own date lines under the headline come first; then a date line found elsewhere; then one right
    # above the headline of a whole-page copy ("12.12.2022 12:22" over it); then one right after the article
    # ("发表于 2004年12月27日" closes many a blog post).
    above = [block for index, block in enumerate(blocks[:body_at + 3]) if index not in aside]  # and a date line
    # just inside the text: a standfirst may have started it
    # (a headline the page prints twice: the date line under its first copy, the article's; the later copy may
    # be a list's, the sidebar's latest posts, with another post's date under it)
    copied = near_date(under_copies(page, start), found.day_first, text, captured)
    near = copied or near_date(above, found.day_first, text, captured)
    over = date_lines(page[max(0, start - 2):start])  # a whole-page copy's date line right over its headline
    if near is None and start:  # (beside a section's name)
        near = near_date(over, found.day_first, text, captured)
    if near is not None and near != updated:
        published = near
    elif published is None or published.day is None:
        inside = [block for index, block in enumerate(blocks[body_at:end_at], body_at) if index not in aside]
        # (when `near` is None, the lines over the headline were read above and named no date)
        published = (near_date(over, found.day_first, text, captured) if near is not None else None) \
            or near_date(after_article(blocks, end_at), found.day_first, text, captured) \
            or near_date(date_lines(inside), found.day_first, text, captured) \
            or near_date(date_lines(page[max(0, start - NAV_DATES):start]), found.day_first, text, captured) \
            or copied \
            or near_date(headline_copies(page, start), found.day_first, text, captured) \
            or published  # else a date line inside the text (a by-line under a lead photo), or in the page's header
    if published is None and updated is not None:
        published, updated = updated, None
    if published is None or published.day is None:  # a by-line with its day anywhere on the page, not the
        published = signed_date(page, found.day_first) or published  # copyright's year
    if published is None or published.day is None:
        published = textdates.first_stamped(page, found.day_first) or published
    if published is None or published.day is None:  # a date on a line of its own under the headline (one
        published = date_alone(page[start + 1:], found.day_first) or published  # that ends the text, "21.01.2022")
    if textdates.either_order(published):
        published = textdates.read_as_dated(published, page, found.day_first)
    if published is None:
        for line in found.rights:
            year = re.search(r"\b(?:19|20)\d{2}\b", line)
            if year:
                published = PartialDate(int(year.group()))
                break
    return published, updated


# A year, or a numeric date with a two-digit year: only such lines go to dateparser (it is slow).
_MAYBE_DATE = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)|(?<!\d)\d{1,2}[./-]\d{1,2}[./-]\d{2}(?!\d)")
_BY_OR_LABEL = re.compile(r"(?i)^\W*(?:by|von|par|por|posted|published|updated|publié|publicado|veröffentlicht|"
                          r"pubblicato|aggiornato|atualizado|actualizado|date|datum|fecha|时间|日期|发布时间|发表于)\b")


_WRITTEN = re.compile(r"(?i)^\W*(?:written|geschrieben|écrit|escrito)\s+(?:by|von|par|por)\b")


def near_date(lines: list[str], day_first: bool, text: str, captured: dt.datetime | None) -> PartialDate | None:
    """A date in a short line above the article's text, or right after it ("Posted on June 3, 2020", "发表于
    2004年12月27日"): the page's own date lines, in the shapes textdates knows, else as dateparser reads them."""
    short = [line for line in lines if words(line) <= 30 and (
        not (words(line) >= 12 and is_prose(line)) or _BY_OR_LABEL.match(line) or textdates.stamped(line, day_first))
        or textdates.date_led(line, day_first)]  # (a post's stamp ends in a full stop: "本贴由X于2005年8月12日16:12:21…发表.")
    for line in short:
        dated = textdates.find(line, day_first)
        if dated and dated[0].day:
            return dated[0]
    lang = None
    for line in short:
        if _MAYBE_DATE.search(line) or captured is not None and re.search(r"\d", line):
            lang = lang or textdates.language(text)
            date = textdates.search(line, lang, captured, day_first or _dotted_day_first(line, lang))
            if date is not None:
                return date
    return None


def _dotted_day_first(line: str, lang: str) -> bool:
    """A dotted date is day first ("21.10.2019", "06.11.19" in German), except with a two-digit year in English:
    American sites write "11.03.17" for 3 November (Engadget, the IAB in the corpus; no English page of it writes
    such a date day first)."""
    return bool(re.search(r"\d\.\d", line)) and not (lang == "en" and _DOTTED_SHORT.search(line))


_DOTTED_SHORT = re.compile(r"(?<![\d.])\d{1,2}\.\d{1,2}\.\d{2}(?![\d.])")


def signed_date(lines: list[str], day_first: bool) -> PartialDate | None:
    """The day of the first short by-line or posted line that has one ("Written by Jane Roe on April 29, 2018")."""
    for line in lines:
        if words(line) <= DATE_LINE_WORDS and (_BY_OR_LABEL.match(line) or _WRITTEN.match(line)):
            dated = textdates.find(line, day_first)
            if dated and dated[0].day:
                return dated[0]
    return None


def under_copies(page: list[str], start: int) -> list[str]:
    """The short lines under the headline where the page prints it before the article (a teaser of the same
    story in its header with the date line under it)."""
    if not start:
        return []
    return [line for index, block in enumerate(page[:start]) if block == page[start]
            for line in date_lines(page[index + 1: index + 4])]


def headline_copies(page: list[str], start: int) -> list[str]:
    """What stands beside the headline where the page prints it again with its date on the same line (a list of
    the latest posts: "Headline 26/10/2018"), or cites it with its date ("Headline (2019, October 22)")."""
    headline = page[start] if start < len(page) else ""
    if words(headline) < 3:
        return []
    copies = []
    for index, line in enumerate(page):
        if index == start or headline not in line:
            continue
        if len(line) - len(headline) <= 40:
            copies.append(line.replace(headline, " ").strip())
        elif cited := _CITED.match(line.partition(headline)[2]):  # how to cite the page: "Citation: Headline
            copies.append(f"{cited['month_day']}, {cited['year']}")  # (2019, October 22) retrieved 20 January 2020 …"
    return copies


_CITED = re.compile(r"^\s*\((?P<year>(?:19|20)\d{2}),\s+(?P<month_day>[^\W\d_]{3,10}\.?\s+\d{1,2})\)")


_ALONE = re.compile(r"(?i)^[\W_]*(?:(?:um|at|à|a las|alle)?\s*\d{1,2}[:.h]\d{2}(?:\s*(?:am|pm|uhr|h))?)?[\W_]*$")

_WEEKDAY = re.compile(r"^[\W_]*(?:[^\W\d_]{2,12},)?[\W_]*$")  # "Monday, 3 May 2020"


def date_alone(lines: list[str], day_first: bool) -> PartialDate | None:
    """The day of the first line that is a date and nothing else (but a weekday or a time of day): a page's date
    line that no label names ("21.01.2022" under the text); not one of a list's dates (a related story's)."""
    for index, line in enumerate(lines):
        day = _alone(line, day_first) if words(line) <= DATE_LINE_WORDS else None
        if day is None:
            continue
        # one date among a list's (another day's date alone a few lines down): a related story's
        listed = any(_alone(other, day_first) not in (None, day) for other in lines[index + 1: index + 1 + LIST_GAP])
        return None if listed or not day.day else day
    return None


LIST_GAP = 6  # lines between two items' dates in a list of stories


def _alone(line: str, day_first: bool) -> PartialDate | None:
    """The date a line holds (a day, or a month alone), when the line is that date and nothing else but a
    weekday or a time of day."""
    found = textdates.find(line, day_first) or textdates.find_dotted(line, day_first) if len(line) <= 40 else None
    if found is None:
        return None
    start, end = found[1]
    return found[0] if _WEEKDAY.match(line[:start]) and _ALONE.match(line[end:]) else None


def only_a_date(line: str) -> bool:
    """The line is a date and nothing else but a weekday or a time of day ("Monday, 6 January 2020")."""
    return _alone(line, False) is not None


def date_lines(lines: list[str]) -> list[str]:
    """Short lines that may be date lines ("Written by Jane Roe on April 29, 2018", "12.12.2022 12:22"), longer
    ones a date leads ("News | 30.10.2021 Migration / Refugees: the story's headline"), and a post's stamp that
    names more than the date where it closes the text ("本贴由大卫于2005年8月12日16:12:21在〖心灵体操〗发表.");
    not one amid the text (an embedded post's: "A post shared by X on Apr 27, 2020 at 9:48am PDT")."""
    stamps = [index for index, line in enumerate(lines) if DATE_LINE_WORDS < words(line) <= STAMP_WORDS
              and textdates.stamped(line) is not None]
    last_prose = max((index for index, line in enumerate(lines) if words(line) >= 8 and line.rstrip()[-1:] in
                      ".!?。！？" and index not in stamps), default=-1)  # a sentence ("… 22:19:04 8/25/05 (10)" is none)
    closing = {index for index in stamps if index > last_prose}
    return [line for index, line in enumerate(lines) if (words(line) <= DATE_LINE_WORDS
            or textdates.date_led(line, False) or index in closing) and not _CITATION.search(line)]


# A source's citation, its fields between semicolons: "Jane Roe; Minister on Stage; Daily Nation; Mar 20, 2005."
# (a quote's source inside the text, not the page's date line). The first field starts the line or follows a
# semicolon: tried from every character, a long line without three would take quadratic time.
_CITATION = re.compile(r"(?:^|(?<=;))[^;]+;[^;]+;[^;]+;")


STAMP_WORDS = 30  # a post's stamp with the forum's or the section's name in it


def after_article(blocks: list[str], end_at: int) -> list[str]:
    """The lines right after the article, where a post's date line may close it; none when they open a list of
    other stories ("Das könnte Sie auch interessieren!" over "06. Aug 2020 // Tipps": that story's date)."""
    if end_at < len(blocks) and ending(blocks[end_at]) == "related list":
        return []
    return blocks[end_at: end_at + 3]
