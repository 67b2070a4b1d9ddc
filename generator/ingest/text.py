"""Scraped plain text (the seed's shape) -> Imported.

A scrape is a title line, then blocks: captions, notices, by-lines, date lines,
the article's paragraphs and subheadings, copyright lines and navigation cruft.
Each block is classified by general patterns (photo-credit forms, by-line
prepositions, date phrases, copyright marks, a navigation vocabulary in several
languages), never by one outlet's exact strings.
"""

from __future__ import annotations

import datetime as dt
import re

from generator.archive.model import Source
from generator.ingest import datelines
from generator.ingest.datelines import DATE_LINE_WORDS
from generator.ingest.endings import ending, story_goes_on
from generator.ingest.extracted import literal_start
from generator.ingest.furniture import (
    ARCHIVE_NOTICE,
    BYLINE,
    NOTICE_SUBJECT,
    OUTLET_WORDS,
    READ_ALSO,
    SECTION_CRUFT,
    TERMINAL,
    Found,
    caption,
    cruft_kind,
    ends_sentence,
    is_cruft,
    is_prose,
    is_rights_line,
    rights_outside_text,
    words,
)
from generator.ingest.headerlines import date_label, header
from generator.ingest.headlineline import choose as find_start
from generator.ingest.pagestart import about_it, headline_within, kicker
from generator.ingest.record import Imported, ImportFailed

DATELINE = re.compile(
    r"^(?P<dateline>(?:[A-ZÀ-Ý][\wÀ-ÿ.'’ -]{1,40}?(?:,\s*[\wÀ-ÿ.' ]{1,30}?)?\s*)?"
    r"\((?P<agency>[A-Za-z][\w&.'/-]{0,20}(?:\s[A-Z][\w&.'/-]{0,20})?)\))\s*[—–-]{1,2}\s*(?=\S)")
# "(CNN)Russia has ..." and "LONDON (Reuters) The ...": an agency with no dash, right before a capital.
AGENCY_DATELINE = re.compile(
    r"^(?P<dateline>(?:[A-ZÀ-Ý][A-ZÀ-Ý .,'’-]{1,40}\s*)?"
    r"\((?P<agency>[A-Za-z][\w&.'/-]{0,20}(?:\s[A-Z][\w&.'/-]{0,20})?)\))\s*(?=[A-ZÀ-Ý\"“‘])"
    # "Hong Kong (CNN)Hong Kong's ...": any place, when no space follows the agency
    r"|^(?P<place>[A-ZÀ-Ý][\wÀ-ÿ.'’-]*(?:[ ,]+[A-ZÀ-Ý][\wÀ-ÿ.'’-]*){0,3}\s*"
    r"\((?P<agency2>[A-Za-z][\w&.'/-]{0,20}(?:\s[A-Z][\w&.'/-]{0,20})?)\))(?=[A-ZÀ-Ý\"“‘])")
PLACE_DATELINE = re.compile(
    r"^(?P<dateline>[A-ZÀ-Ý]{2}[A-ZÀ-Ý.'’ -]{1,30}(?:,\s*[\wÀ-ÿ.' ]{1,30}?)?)\s*[—–]\s*(?=\S)")
# The words of prose an article has before a line can end it: above them, "Comments" or "Share" is the
# page's header (a count under the headline, a share bar), not the end of the article.
MIN_WORDS = 80
RESUME_WORDS = 25  # the article resumes after a box inside it with two paragraphs of this many words
FINAL = ("comments", "footer", "share bar")  # these end an article for good; it may resume after a list or notice
# A by-line, a date or a comment count glued to the headline on a copied page: "<headline> by: Liz Thomas",
# "<headline> by Jane Roe @janeroe", "<headline> posted August 3, 2012", "<headline> comments ()".
_TITLE_TAIL = re.compile(r"(?i)\s+(?:by:\s.{2,80}|by\s[^|@]{2,60}\s[|@].*|posted\s+(?:on\s+)?\w.{0,60}|comments?\s*\(\d*\))$")
_TITLE_LABEL = re.compile(r"(?i)^(?:标\s*题|標\s*題|題\s*名|title)\s*[:：]\s*")  # not "Titel:", "Título:": a sports headline
_DAY_FIRST = re.compile(r"(?<![\d/])(?:1[3-9]|2\d|3[01])/(?:0?[1-9]|1[0-2])/(?:19|20)\d\d(?![\d/])")
# A credits line after the article ends it: what follows is the page's footer.
CREDITS = re.compile(r"(?i)^(?:(?:additional\s+)?reporting|writing|editing|compiled|edited)\s+by\b")


def read(text: str, captured: dt.datetime | None = None) -> Imported:
    """One scrape -> one article. Raises ImportFailed when no article text is left. `captured`: when the page was
    saved, if known (relative dates such as "3 hours ago" are read against it, and only then)."""
    text = text.replace("\u00a0", " ").replace("\u200b", "").lstrip()
    dropped: list[tuple[str, str]] = []  # (why, line): what the article leaves out or moves, for --explain
    page = blocks_of(text)
    start = find_start(page) if page else 0
    for at in (start - 1, start):  # the kicker over the headline found, or the line found and the headline
        if at >= 0 and kicker(page, at):
            page[at: at + 2] = [f"{page[at]} {page[at + 1]}"]
            start = at
            text = "\n\n".join(page)  # the title is the first line, alone
            break
    if start:  # a whole-page copy: the navigation above the headline is left out
        dropped += [(cruft_kind(block) if is_cruft(block) else "navigation", block) for block in page[:start]]
        text = "\n\n".join(page[start:])
    first, _, rest = text.partition("\n")
    while rest.strip() and is_cruft(first.strip()) and not (  # "Supported by", "Advertisement" above the title
            READ_ALSO.match(first.strip()) and BYLINE.match(rest.lstrip().partition("\n")[0].strip())):
        # ("Video: <headline>" over its by-line is the headline, no link to another story)
        dropped.append((cruft_kind(first.strip()), first.strip()))
        first, _, rest = rest.lstrip().partition("\n")
    following = rest.lstrip().partition("\n")[0].strip()
    if words(first) <= 2 and not ends_sentence(first.strip()) and 4 <= words(following) <= 30 \
            and following[-1:] not in ".!" \
            and not (words(following) <= DATE_LINE_WORDS and about_it(following)):  # "1,400 Rectangles" over a by-line
        dropped.append(("navigation", first.strip()))
        first, _, rest = rest.lstrip().partition("\n")  # a section label ("Politics") above the headline
    blocks = [re.sub(r"[ \t]+", " ", first).strip()] + blocks_of(rest)  # the title is the first line, alone
    if not blocks[0]:
        raise ImportFailed("holds no text")
    title, blocks = _title(blocks)
    line, at_title = title, len(dropped)  # the headline's line as printed, for what the title leaves out of it
    title = headline_within(title, page)
    found = Found(day_first=_not_english(text))
    items: list[tuple[str, str]] = []  # ("p" | "h", text)
    prose = 0  # the words of prose in items, counted as they come (every ending line asks)
    body_started = in_cruft = footer = after_byline = False
    set_aside: list[tuple[str, str]] = []
    body_at = end_at = len(blocks)  # where the article's text starts and where what follows it starts
    notices = rights_outside_text(blocks)
    aside: set[int] = set()  # captions and notices: their dates are not the article's
    after_end = "footer"  # what the lines after the article are, by the line that opened them
    final = False  # the page's end: comments or a footer (a list of stories or a share bar may be a box inside)
    for index, block in enumerate(blocks):
        if caption(block, found):
            aside.add(index)
            dropped.append(("photo caption (image caption and credit)", block))
            continue
        if len(block) < 600 and ARCHIVE_NOTICE.search(block) and NOTICE_SUBJECT.search(block):
            found.archived = True
            aside.add(index)
            dropped.append(("notice (the archived flag)", block))
            continue
        if index in notices or (is_rights_line(block) and _ends_here(blocks, index, prose)):
            found.rights.append(block)
            dropped.append(("copyright (rights)", block))
            if body_started and not footer:
                footer, end_at, final = True, index, True
            continue
        kind = ending(block) if body_started else None
        if footer and not final and kind is None and _resumes(blocks, index):
            footer, end_at = False, len(blocks)  # a box inside the article (a list of stories, a share bar) ended
        if footer:
            after_end = kind or ("related list" if SECTION_CRUFT.match(block) and words(block) <= 12 else after_end)
            final = final or kind in FINAL
            dropped.append((after_end, block))
            continue
        if kind:
            if prose >= MIN_WORDS and not (kind == "share bar" and story_goes_on(blocks, index)):
                footer, end_at, after_end, final = True, index, kind, kind in FINAL
            dropped.append((kind, block))
            continue
        if is_cruft(block):
            in_cruft = in_cruft or (body_started and bool(SECTION_CRUFT.match(block)))
            dropped.append((cruft_kind(block), block))
            continue
        if date_label(block):
            found.label = block  # the date line under it is read with it
            dropped.append(("by-line or date line (authors, dates)", block))
            continue
        if header(block, found):
            after_byline = bool(found.authors)
            dropped.append(("by-line or date line (authors, dates)", block))
            if body_started and CREDITS.match(block):
                footer, end_at, final = True, index + 1, True  # "Reporting by X; Editing by Y" ends the article
            elif body_started and len(items) <= 3 and not _starts_with_dateline(items[0][1]):
                # By-line or date after a few blocks: those were a standfirst or a promotion, not the body
                # (unless nothing follows them). Blocks set aside before, by an earlier by-line, go for good.
                dropped += [("promotion above the by-line", t) for _, t in set_aside]
                set_aside = items
                items, body_started, in_cruft, prose = [], False, False, 0
            continue
        if after_byline and not body_started and words(block) <= 5 and OUTLET_WORDS.search(block) \
                and not ends_sentence(block):
            found.outlet = found.outlet or block  # "By JANE ROE" then "Associated Press"
            after_byline = False
            dropped.append(("outlet under the by-line (source)", block))
            continue
        after_byline = False
        if in_cruft:
            if not (ends_sentence(block) and words(block) >= 15):
                dropped.append(("related list", block))
                continue
            in_cruft = False
        if not body_started:
            if (is_prose(block) and words(block) >= 12) or DATELINE.match(block) or AGENCY_DATELINE.match(block):
                body_started, body_at = True, index
                items.append(("p", block))
                prose += _prose_words(block)
            elif found.summary is None and words(block) >= 5 and not _heading_like(block):
                found.summary = block
                dropped.append(("standfirst (summary)", block))
            else:
                dropped.append(("navigation (short lines above the article)", block))
            continue
        items.append(("h" if _heading_like(block) else "p", block))
        prose += _prose_words(block)

    if set_aside and not any(is_prose(t) for _, t in items):
        items = set_aside + items
    elif set_aside:
        found.summary = found.summary or next((t for _, t in set_aside if ends_sentence(t)), None)
        dropped += [("promotion above the by-line", t) for _, t in set_aside]
    listed: list[tuple[str, str]] = []
    kept = _drop_trailing_and_listed(list(items), listed)
    if kept:  # else the page is nothing but a list (of stories, of points): that list is its text
        items = kept
        dropped += listed
    warnings: tuple[str, ...] = ()
    if not items:  # no paragraph of prose: a gallery's captions or a post that is a list are the text itself
        items = _short_lines_as_text(blocks, dropped)
        found.summary = None if any(line == found.summary for _, line in items) else found.summary
        warnings = ("has no paragraph of prose (a gallery? a list?): kept its short lines under the headline as "
                    "its text; check them",)
    if not items:
        raise ImportFailed("holds no article text (only a title, captions or navigation)")
    dateline, agency, rest = split_dateline(items[0][1])
    if dateline:
        dropped.append(("dateline", dateline))
    items[0] = ("p", rest)
    if not rest.strip():
        items.pop(0)
        if not items:
            raise ImportFailed("holds no article text after its dateline")
    body = "\n\n".join(("## " + _escape(t)) if kind == "h" else _escape(t) for kind, t in items) + "\n"

    published, updated = datelines.dates(found, blocks, aside, body_at, end_at, page, start, text, captured)
    title = _TITLE_TAIL.sub("", title) if words(_TITLE_TAIL.sub("", title)) >= 3 else title
    title = _TITLE_LABEL.sub("", title) or title  # a notice's form: "标 题： <title>", "Title: <title>"
    source_name = agency or found.outlet
    sources = (Source(name=source_name, url=found.url),) if (source_name or found.url) else ()
    for name in filter(None, (agency, found.outlet)):  # "Headline - CNN": the outlet is not the title
        title = re.sub(rf"\s+[|\-–—:]\s+{re.escape(name)}\w*\s*$", "", title, flags=re.I) or title
    dropped[at_title:at_title] = beside_title(line, title)  # in the input's order
    return Imported(
        kind="text", title=title, body=body, published=published, updated=updated,
        authors=tuple(dict.fromkeys(found.authors)), summary=found.summary, dateline=dateline,
        rights=tuple(dict.fromkeys(found.rights)), sources=sources,
        flags=("archived",) if found.archived else (), image=found.image, dropped=tuple(dropped),
        warnings=warnings,
    )


# --- blocks ---------------------------------------------------------------------------


def blocks_of(text: str) -> list[str]:
    """Paragraphs: blank-line separated; inside one, lines are joined when they wrap prose."""
    text = text.replace("\u00a0", " ").replace("\u200b", "")
    out = []
    for chunk in re.split(r"\n\s*\n", text):
        lines = [re.sub(r"[ \t]+", " ", line).strip() for line in chunk.split("\n")]
        lines = [line for line in lines if line]
        current = ""
        wrapped = _wrapped(lines)
        for line in lines:
            if current and len(current) >= 40 and not ends_sentence(current) and line[:1].islower() \
                    and (wrapped or not about_it(line)):  # a browser's copy: a by-line under the headline stays
                # a line of its own ("yas! | By Jane Roe | April 13, 2020")
                current += " " + line
            elif current and wrapped and len(current) >= 60 and not ends_sentence(current):
                current += " " + line
            else:
                if current:
                    out.append(current)
                current = line
        if current:
            out.append(current)
    return out


def _wrapped(lines: list[str]) -> bool:
    """Lines broken at a fixed width (text saved at 72 columns), not one block per line (a browser's copy)."""
    if len(lines) < 3:
        return False
    width = max(len(line) for line in lines[:-1])
    return width <= 100 and sum(len(line) >= 0.7 * width for line in lines[:-1]) >= 0.8 * (len(lines) - 1)


def _title(blocks: list[str]) -> tuple[str, list[str]]:
    first = blocks[0]
    if len(first) <= 300:
        return first, blocks[1:]
    sentence = re.split(r"(?<=[.!?])\s", first, maxsplit=1)[0]
    return sentence[:150].rsplit(" ", 1)[0] if len(sentence) > 150 else sentence, blocks


_BESIDE_TITLE = "navigation (beside the headline: the site's name, a path, a by-line or a date)"


def beside_title(line: str, title: str) -> list[tuple[str, str]]:
    """What the headline's line holds beside the title taken from it ("<headline> - Slashdot",
    "Home / News / <headline>", "<headline> posted on Nov 6, 2012"), for --explain."""
    if line == title or title not in line:
        return []
    head, _, tail = line.partition(title)
    return [(_BESIDE_TITLE, part.strip()) for part in (head, tail) if part.strip()]


def _resumes(blocks: list[str], index: int) -> bool:
    """The article goes on here after a box inside it: two paragraphs of prose in a row."""
    pair = blocks[index: index + 2]
    return len(pair) == 2 and all(is_prose(b) and ends_sentence(b) and words(b) >= RESUME_WORDS for b in pair)


def _prose_words(block: str) -> int:
    return words(block) if is_prose(block) else 0


def _ends_here(blocks: list[str], index: int, prose: int) -> bool:
    """A copyright line after the article's text (`prose` words of it), followed by page furniture (not by more
    paragraphs)."""
    return prose >= MIN_WORDS and any(
        not (is_prose(b) and words(b) >= 8) for b in blocks[index + 1: index + 4])


def _heading_like(block: str) -> bool:
    if not block or words(block) > 12 or len(block) > 100:
        return False
    if block[0] in "\"“‘'«„(-–—•*" or not (block[0].isupper() or block[0].isdigit()):
        return False
    return block[-1] not in TERMINAL.replace("?", "") and not block.endswith(("...", ","))


# What a page without prose holds under its headline: dropped as furniture only because no prose followed.
_TEXT_WHEN_NO_PROSE = frozenset({"navigation (short lines above the article)", "standfirst (summary)",
                                 "photo caption (image caption and credit)", "related list"})


def _short_lines_as_text(blocks: list[str], dropped: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The lines under the headline that were set aside as furniture of a kind a short text is made of, when
    together they say something (20 words); taken out of `dropped`."""
    taken = {(why, line) for why, line in dropped if why in _TEXT_WHEN_NO_PROSE}
    lines = [block for block in blocks if any((why, block) in taken for why in _TEXT_WHEN_NO_PROSE)]
    if sum(words(line) for line in lines) < 20:
        return []
    chosen = set(lines)  # (a set: asking the list for each line took quadratic time on 200,000 short lines)
    dropped[:] = [(why, line) for why, line in dropped if (why, line) not in taken or line not in chosen]
    return [("p", line) for line in lines]


def _drop_trailing_and_listed(items: list[tuple[str, str]], dropped: list) -> list[tuple[str, str]]:
    """Subheadings stand alone between paragraphs; runs of headline-like lines are lists of other stories."""
    # A trailing run of lines that are not sentences: other headlines after the body ended.
    trailing = []
    while items and (items[-1][0] == "h" or not ends_sentence(items[-1][1])):
        trailing.append(("related list (headlines after the article)", items.pop()[1]))
    dropped += reversed(trailing)
    kept = []
    for index, (kind, text) in enumerate(items):
        if kind == "h":
            before = items[index - 1][0] if index else None
            after = items[index + 1][0] if index + 1 < len(items) else None
            if before == "h" or after == "h":
                dropped.append(("related list (a run of headlines)", text))
                continue
        kept.append((kind, text))
    return kept


def _escape(text: str) -> str:
    """Plain text as Markdown that renders as the same text: no raw HTML, no accidental headings."""
    return literal_start(re.sub(r"<(?=[A-Za-z/!?])", r"\\<", text))


_ENGLISH = re.compile(r"(?i)\b(?:the|and|of|to|in|is|that|was|for|with)\b")
_OTHERS = re.compile(r"(?i)\b(?:le|la|les|des|et|est|der|die|das|und|ist|el|los|las|y|del|il|di|che|een|het|o|os|não)\b")


def _not_english(text: str) -> bool:
    """A rough guess, enough to read 02/07/2021 as 2 July outside English; or the page prints its numeric
    dates day first ("13/02/2022" beside "06/02/2022")."""
    sample = text[:20000]
    return len(_OTHERS.findall(sample)) > len(_ENGLISH.findall(sample)) or bool(_DAY_FIRST.search(sample))


def _starts_with_dateline(paragraph: str) -> bool:
    return split_dateline(paragraph)[0] is not None


def split_dateline(paragraph: str) -> tuple[str | None, str | None, str]:
    """(dateline, agency, rest) for a first paragraph like `WASHINGTON (Reuters) - The ...`."""
    match = DATELINE.match(paragraph) or AGENCY_DATELINE.match(paragraph) or PLACE_DATELINE.match(paragraph)
    if not match:
        return None, None, paragraph
    groups = match.groupdict()
    dateline = groups.get("dateline") or groups.get("place")
    return dateline.strip(), groups.get("agency") or groups.get("agency2"), paragraph[match.end():]
