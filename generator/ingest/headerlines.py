"""The lines over an article's text that say who wrote it and when: by-lines, date lines and a source's address,
alone or several on one line ("By Jane Roe | March 3, 2021"), and a date's label alone on its line. Read by the
text readers (what goes to the front matter) and by the headline's finder and the page's dates."""

from __future__ import annotations

import re

from generator.ingest import textdates
from generator.ingest.furniture import (
    BYLINE,
    BYLINE_CJK,
    NAME_PARTICLES,
    OUTLET_WORDS,
    ROLE_WORDS,
    Found,
    is_cruft,
    words,
)


def date_label(block: str) -> bool:
    """A date's label alone on its line ("Updated", "Publicado:"): a whole-page copy puts each element on a line,
    its date on the next (see `header`); no by-line or date line itself, for the headline's finder."""
    return len(block) <= 40 and bool(_DATE_LABEL_ALONE.fullmatch(block))


def is_header_line(block: str) -> bool:
    """A by-line or date line (or both, joined by `|`)."""
    return bool(block) and header(block, Found())


def header(block: str, found: Found) -> bool:
    """By-lines, date lines and source URLs (alone or joined by `|` or `•`). True if the block is one."""
    label, found.label = found.label, None
    if words(block) > 30:
        return False
    block = " ".join(block.split())  # the separators' \s* would rescan a long run of spaces at every start
    if label is not None and date_line(block, found.day_first) is not None:
        block = f"{label} {block}"
    if re.fullmatch(r"(?:source|quelle|fuente|url)?\s*:?\s*https?://\S+", block, re.I):
        found.url = found.url or re.search(r"https?://\S+", block).group()
        return True
    separators = (r"\s+/\s+|\s*[|•·]\s*|\s+[-–—]\s+(?=(?:by|von|par|por)\s|" + _LABELS + r")"
                  r"|[,;]\s+(?=" + textdates.UPDATE_WORDS.pattern + ")")
    parts = [p.strip() for p in re.split(separators, block, flags=re.I) if p.strip()]
    parts = [p for p in parts if not _TIME_ONLY.match(p)]  # "Posted: Jun 3, 2020 / 10:12 AM CDT"
    if not parts:
        return False
    # "Posted Jan 28, 2020 by Kevin Marsh": a date line, then a by-line
    parts = [piece for part in parts for piece in _date_then_byline(part)]
    parts = [piece for part in parts for piece in _SOURCE_CJK.split(part, maxsplit=1) if piece and piece.strip()]
    readers = (_byline, _source_cjk, date_line)
    results, places = [], 0
    for part in parts:
        for reader in readers:
            result = reader(part, found.day_first) if reader is date_line else reader(part)
            if result is not None:
                results.append((reader, result))
                break
        else:
            if is_cruft(part):
                continue  # "· 3 min read"
            if len(parts) > 1 and places == 0 and _PLACE.match(part):
                places += 1  # "By Jane Doe | New Delhi | Updated: …"
                continue
            return False
    if not results:
        return False
    for reader, result in results:
        if reader is not date_line:
            names, outlet = result
            found.authors.extend(names)
            found.outlet = found.outlet or outlet
        else:
            is_update, date = result
            if is_update:
                found.updated = found.updated or date
            else:
                found.published = found.published or date
    return True


# A date's label with nothing after it
_DATE_LABEL_ALONE = re.compile(r"(?i)\W*(?:(?:first |last )?(?:published|posted|updated|modified)(?: on)?|publié le|"
                               r"mis à jour le|veröffentlicht(?: am)?|aktualisiert(?: am)?|publicado(?: el| em)?|"
                               r"actualizado(?: el)?|atualizado(?: em)?|pubblicato(?: il)?|aggiornato(?: il)?|"
                               r"gepubliceerd(?: op)?|bijgewerkt(?: op)?|publisert|oppdatert|publikováno|"
                               r"aktualizováno|发布时间|发布日期|更新时间|日期|时间)\s*[:：]?\s*")
_LABELS = (r"(?:published|posted|updated|publié|mis à jour|veröffentlicht|aktualisiert|publicado|actualizado|"
           r"pubblicato|aggiornato)\b")
# Label words that mean the date is written day first (02/07/2021 is 2 July).
_DAY_FIRST_LABELS = re.compile(
    r"(?i)\b(?:publié|mis à jour|veröffentlicht|aktualisiert|publicado|publicada|actualizado|pubblicato|aggiornato|"
    r"atualizado|gepubliceerd|bijgewerkt|publisert|oppdatert|publikováno|aktualizováno)\b")
_PLACE = re.compile(r"^[A-ZÀ-Ý][\wÀ-ÿ.'’-]*(?:[ ,]+[A-ZÀ-Ý][\wÀ-ÿ.'’-]*){0,2}$")
_TIME_ONLY = re.compile(r"(?i)^\d{1,2}[:.h]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,5})?(?:\s*uhr)?$")


def _date_then_byline(part: str) -> list[str]:
    match = re.match(r"^(.{6,60}?)\s+((?:by|von|par|por)\s+.+)$", part, re.I)
    if match and date_line(match.group(1)) is not None and _byline(match.group(2)) is not None:
        return [match.group(1), match.group(2)]
    return [part]


# "来源：太原晚报 2021-11-25 16:26": a Chinese page names its source (the outlet) beside the date, or alone
_SOURCE_CJK = re.compile(r"\s*((?:文章|新闻|稿件|信息|本文)?来源\s*[:：]\s*[^\s|:：]{1,20})\s*")


def _source_cjk(part: str):
    match = re.fullmatch(r"(?:文章|新闻|稿件|信息|本文)?来源\s*[:：]\s*(?P<outlet>[^\s|:：]{1,20})", part)
    return ([], match.group("outlet")) if match else None


def _byline(part: str):
    match = BYLINE.match(part) or BYLINE_CJK.match(part)
    if not match or words(part) > 16 or part.endswith(("!", "?")):
        return None
    who = match.group("who").strip()
    dated = textdates.find(who)
    if dated:  # "By Jane Doe, June 3, 2020"
        who = who[: dated[1][0]].strip(" ,;-–—")
    names, outlet = [], None
    who = re.split(r"(?i)[;,]?\s*(?:editing|edited|graphics|photos|illustrations?|design)\s+by\b", who)[0]
    for piece in re.split(r"\s*(?:,|;|&|\band\b|\bund\b|\bet\b|\by\b|\be\b|\ben\b|、|和)\s*", who):
        piece = piece.strip(" .")
        if not piece:
            continue
        if _is_name(piece):
            names.append(piece)
        elif ROLE_WORDS.search(piece):
            continue
        elif outlet is None and piece[:1].isupper() and len(piece.split()) <= 5:
            outlet = piece
        else:
            return None
    if not names and outlet is None:
        return None
    return names, outlet


def _is_name(piece: str) -> bool:
    if re.fullmatch(r"[\u4e00-\u9fff]{2,4}", piece):
        return True
    words = piece.split()
    if not 2 <= len(words) <= 5 or OUTLET_WORDS.search(piece) or ROLE_WORDS.search(piece):
        return False
    if words[0].lower() == "the":
        return False
    capitalised = [w for w in words if w.lower() not in NAME_PARTICLES]
    return len(capitalised) >= 2 and (
        all(w[0].isupper() and (not w.isupper() or len(w) <= 2) for w in capitalised)
        or all(w.isupper() for w in capitalised))


_DATE_NOISE = re.compile(
    r"(?i)\b(?:published|posted|updated?|last|modified|date|on|at|am|pm|a\.m|p\.m|et|est|edt|ct|cst|cdt|pt|pst|pdt|"
    r"gmt|utc|bst|cet|cest|mez|mesz|uhr|um|le|el|de|del|à|h|veröffentlicht|aktualisiert|zuletzt|stand|"
    r"publié|mis|jour|publicado|publicada|actualizado|pubblicato|aggiornato|il|alle|ore|em|às|atualizado|"
    r"op|om|gepubliceerd|bijgewerkt|publisert|oppdatert|kl|publikováno|aktualizováno|"
    r"mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|"
    r"samedi|dimanche|lunes|martes|miércoles|jueves|viernes|sábado|domingo)\b"
)


def date_line(part: str, day_first: bool = False):
    """(is an update, the date) if `part` is a date line such as `Updated 3:01 PM ET, Wed July 1, 2020`."""
    if words(part) > 14:
        return None
    dated = textdates.find(part, day_first or bool(_DAY_FIRST_LABELS.search(part)))
    if dated is None:
        return None
    date, (start, end) = dated
    rest = part[:start] + " " + part[end:]
    rest = _DATE_NOISE.sub(" ", rest)
    rest = re.sub(r"\d{1,2}[:.h]\d{2}|[\W\d_]+|发布|更新|时间|日期", " ", rest)
    if len(rest.split()) > 1:
        return None
    return bool(textdates.UPDATE_WORDS.search(part)), date
