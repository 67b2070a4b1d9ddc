"""Scraped plain text (the seed's shape) -> Imported.

A scrape is a title line, then blocks: captions, notices, by-lines, date lines,
the article's paragraphs and subheadings, copyright lines and navigation cruft.
Each block is classified by general patterns (photo-credit forms, by-line
prepositions, date phrases, copyright marks, a navigation vocabulary in several
languages), never by one outlet's exact strings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.ingest import textdates
from generator.ingest.record import Imported, ImportFailed
from generator.model import Image, PartialDate, Source

TERMINAL = ".!?…:;\"”’»)]'。！？」』"

# --- photo captions ------------------------------------------------------------------
_PHOTO = r"(?:photo(?:graph)?|image|picture|pic|foto|bild|illustration)"
_NAME_TOKEN = r"(?:[A-ZÀ-Ý][\w'’-]*|[A-Z]\.)"
CREDIT_AT_END = [
    # (Photo credit should read X), (Credit: X), (Image courtesy X)
    re.compile(rf"\((?:{_PHOTO}\s*)?(?:credits?|crédit|courtesy)(?:\s+(?:should\s+read|of|to))?\s*:?\s*(?P<credit>[^()]+?)\)\s*$", re.I),
    # (Photo by X), (Photo: X), (Foto: X)
    re.compile(rf"\({_PHOTO}\s*(?:by|:|von|de|par|por)\s*(?P<credit>[^()]+?)\)\s*$", re.I),
    # (AP Photo/Jane Roe, File), (dpa-Foto/Name)
    re.compile(rf"\((?P<credit>[A-Z][\w.&'-]*(?:\s[A-Z][\w.&'-]*)?[\s-]{_PHOTO}s?\s*/\s*[^()]+?)\)\s*$", re.I),
    # (Getty Images), (Pool/AFP via Getty Images)
    re.compile(r"\((?P<credit>[^()]{0,60}\b(?:Getty Images|Images|Photography|Pool)\b[^()]{0,40})\)\s*$"),
    # ... Photo: X / Credit: X / Foto: X at the end
    re.compile(rf"(?:^|(?<=[.!?)])\s+|\s[|–—-]\s)(?:{_PHOTO}|credits?|crédit|courtesy)(?:\s+(?:by|credit))?\s*:\s*(?P<credit>[^.:|]{{2,80}}?)\s*$", re.I),
    # ... Firstname Lastname/AGENCY[/Getty Images]
    re.compile(rf"(?P<credit>{_NAME_TOKEN}(?:\s+{_NAME_TOKEN})+\s*/\s*{_NAME_TOKEN}(?:[ ]{_NAME_TOKEN})*(?:\s*/\s*{_NAME_TOKEN}(?:[ ]{_NAME_TOKEN})*)*)\s*$"),
]

# --- notices, by-lines, copyright, datelines -------------------------------------
ARCHIVE_NOTICE = re.compile(
    r"\b(?:archived?|archiviert|archivé|archivado|archiviato|outdated|out of date|out-of-date|veraltet|"
    r"no longer (?:be )?(?:current|updated|accurate))\b", re.I)
NOTICE_SUBJECT = re.compile(
    r"\b(?:this|the)\s+(?:article|story|page|content|report|information)\b|\bdieser\s+(?:artikel|beitrag)\b|"
    r"\bcet\s+article\b|\beste\s+art[ií]culo\b|\bquesto\s+articolo\b", re.I)
BYLINE = re.compile(
    r"^(?:(?:written|story|words|text|reporting|report|photos and text)\s+)?"
    r"(?:by|von|par|por|di|door|av|af|text|autor(?:in)?|authors?|auteur|autora?)\s*:?\s+(?P<who>.+)$", re.I)
BYLINE_CJK = re.compile(r"^(?:记者|撰文|作者|文|記者)[：:\s]+(?P<who>\S.{0,30})$")
RIGHTS = re.compile(
    r"©|\(c\)\s*\d{4}|\bcopyright\b|all rights reserved|tous droits réservés|alle rechte vorbehalten|"
    r"todos los derechos reservados|tutti i diritti riservati|版权所有|著作権", re.I)
DATELINE = re.compile(
    r"^(?P<dateline>(?:[A-ZÀ-Ý][\wÀ-ÿ.'’ -]{1,40}?(?:,\s*[\wÀ-ÿ.' ]{1,30}?)?\s*)?"
    r"\((?P<agency>[A-Za-z][\w&.'/-]{0,20}(?:\s[A-Z][\w&.'/-]{0,20})?)\))\s*[—–-]{1,2}\s*(?=\S)")
# "(CNN)Russia has ..." and "LONDON (Reuters) The ...": an agency with no dash, right before a capital.
AGENCY_DATELINE = re.compile(
    r"^(?P<dateline>(?:[A-ZÀ-Ý][A-ZÀ-Ý .,'’-]{1,40}\s*)?"
    r"\((?P<agency>[A-Za-z][\w&.'/-]{0,20}(?:\s[A-Z][\w&.'/-]{0,20})?)\))\s*(?=[A-ZÀ-Ý\"“‘])")
PLACE_DATELINE = re.compile(
    r"^(?P<dateline>[A-ZÀ-Ý]{2}[A-ZÀ-Ý.'’ -]{1,30}(?:,\s*[\wÀ-ÿ.' ]{1,30}?)?)\s*[—–]\s*(?=\S)")
OUTLET_WORDS = re.compile(
    r"\b(?:news|press|times|post|herald|journal|tribune|agency|media|network|radio|tv|television|magazine|"
    r"daily|gazette|courier|chronicle|observer|guardian|telegraph|review|wire|report|zeitung|presse|"
    r"nachrichten|rundschau|noticias|diario|periódico|el país|le monde|libération|figaro|nouvelles|"
    r"associated|reuters|bloomberg|agence|newspaper|inc|ltd|llc|gmbh|s\.a\.)\b", re.I)
ROLE_WORDS = re.compile(
    r"\b(?:reporter|correspondent|writer|editor|staff|contributor|producer|analyst|columnist|journalist|"
    r"photographer|redakteur(?:in)?|rédaction|redacción|redazione|senior|chief|special|desk|team|"
    r"updated|published|posted)\b", re.I)
NAME_PARTICLES = {"de", "van", "von", "der", "den", "da", "di", "du", "la", "le", "del", "bin", "al", "y", "dos", "das", "ter"}

# --- navigation cruft: short blocks in a general vocabulary ---------------------------
# Headings of blocks that list other stories: after one, the lines that follow are headlines, not the article.
SECTION_CRUFT = re.compile(r"""(?ix)^[\W_]*(?:
  most\s+(?:popular|read|viewed|shared|commented|watched)(?:\s+\w+){0,2}
| (?:latest|more|top|related|other|breaking|trending|recommended|popular|featured|further)\s+
    (?:news|stories|articles|headlines|content|coverage|videos?|reads?|topics|links|from\b.*|on\b.*|in\b.*|about\b.*)
| related | trending(?:\s+now)? | recommended(?:\s+for\s+you)? | editor'?s\s+picks? | you\s+(?:may|might)\s+also\s+(?:like|be\s+interested\s+in)
| (?:read|watch|listen)\s+(?:more|next|also|this\s+next) | see\s+(?:also|more) | don'?t\s+miss | recent\s+posts | popular\s+now
| mehr\s+zum\s+thema | lesen\s+sie\s+(?:auch|mehr) | weitere\s+(?:artikel|nachrichten|meldungen) | auch\s+interessant
| meistgelesen | zum\s+thema | les\s+plus\s+lus | sur\s+le\s+même\s+sujet | (?:à\s+)?lire\s+(?:aussi|également)
| (?:noticias|artículos)\s+relacionad[oa]s | lo\s+más\s+leído | más\s+noticias | lee\s+(?:también|más)
| 相关(?:新闻|阅读|文章|报道) | 热门(?:新闻|文章)? | 更多(?:新闻)? | 関連記事 | アクセスランキング | あわせて読みたい
)[\W_]*$""")
# "Read more: <another headline>" and the like.
READ_ALSO = re.compile(
    r"(?i)^[\W_]*(?:(?:read|watch|listen|see)(?:\s+(?:more|also|next))?|video|photos?|related|lesen\s+sie\s+(?:auch|mehr)|"
    r"relacionad[oa]s?|mehr\s+dazu|lire\s+(?:aussi|également)|à\s+lire|lee\s+(?:también|más)|leer\s+más|相关阅读|延伸阅读|あわせて読みたい|関連記事)"
    r"\s*[:：]")
# Editors' notes about the page itself.
PAGE_NOTE = re.compile(
    r"(?i)^[\W_]*(?:this|the)\s+(?:story|article|report|post)\s+(?:has\s+been|was|is\s+being)\s+"
    r"(?:updated|amended|edited)\b")
# Single lines of page furniture: share bars, ad markers, sign-up prompts, menus, cookie notices.
LINE_CRUFT = re.compile(r"""(?ix)^[\W_]*(?:
  (?:read|watch|listen)\s+(?:more|next|also|the\s+full\s+(?:story|article))\b.*
| see\s+(?:also|more)\b.* | don'?t\s+miss\b.* | share(?:\s+(?:this|the)\s+(?:article|story|page|post))?(?:\s+(?:on|via)\s+.*)?
| (?:(?:facebook|twitter|x|email|e-mail|print|whatsapp|linkedin|reddit|pinterest|telegram|flipboard|copy\s+link|link\s+copied)[\s|/·•,]*)+
| subscribe\b.* | sign\s+(?:up|in)\b.* | log\s*in | newsletters? | (?:get|join)\s+our\s+(?:\w+\s+)?newsletter.*
| advertisement | advertising | sponsored(?:\s+content)? | ad | promoted(?:\s+stories)? | story\s+continues\s+below(?:\s+advertisement)?
| follow\s+(?:us|me)\b.* | \d*\s*comments?(?:\s*\(\d+\))? | (?:leave|add|post)\s+a\s+(?:comment|reply) | show\s+comments
| (?:want\s+to\s+join\s+the\s+(?:conversation|discussion)|to\s+comment|para\s+comentar|pour\s+commenter|um\s+zu\s+kommentieren)\b.*
| (?:popular|trending)\s+in\s+the\s+community
| skip\s+to\s+(?:main\s+)?content | back\s+to\s+[^\s,;]+(?:\s+[^\s,;]+){0,2} | menu | search | home | sections | live\s+tv | watch\s+live
| listen(?:\s+to\s+this\s+article)? | play\s+video | just\s+watched | must\s+watch | replay | now\s+playing
| up\s+next | autoplay | more\s+videos\b.* | watch\s+now | video(?:\s+unavailable)? | photos? | gallery | (?:\d+\s+)?min(?:ute)?s?\s+read
| cookies?\b.* | privacy(?:\s+policy)? | terms\s+(?:of\s+(?:use|service)|and\s+conditions) | accept(?:\s+all)?(?:\s+cookies)?
| (?:print|email|e-mail|share|save)\s+(?:this\s+)?(?:story|article|page)(?:\s*[|·•]\s*(?:print|email|e-mail|share|save)\s+(?:this\s+)?(?:story|article|page))*
| report\s+a\s+(?:typo|correction|error) | (?:copy|copied)\s+(?:the\s+)?link | trending\s+stories | top\s+stories
| click\s+here\b.* | continue\s+reading | tags? | topics | already\s+a\s+subscriber\b.*
| teilen | artikel\s+teilen | anzeige | werbung | abonnieren | startseite | jetzt\s+abonnieren\b.* | impressum.*
| partager | abonnez-vous.* | publicité | compartir | suscríbete.* | publicidad
| 分享(?:到)? | 广告 | 返回顶部 | シェア | 広告 | 订阅.* | 続きは.*
)[\W_]*$""")


@dataclass
class _Found:
    authors: list[str] = field(default_factory=list)
    outlet: str | None = None
    published: PartialDate | None = None
    updated: PartialDate | None = None
    rights: list[str] = field(default_factory=list)
    image: Image | None = None
    archived: bool = False
    summary: str | None = None
    url: str | None = None


def read(text: str) -> Imported:
    text = text.replace("\u00a0", " ").replace("\u200b", "").lstrip()
    first, _, rest = text.partition("\n")
    blocks = [re.sub(r"[ \t]+", " ", first).strip()] + _blocks(rest)  # the title is the first line, alone
    if not blocks[0]:
        raise ImportFailed("holds no text")
    title, blocks = _title(blocks)
    found = _Found()
    items: list[tuple[str, str]] = []  # ("p" | "h", text)
    body_started = in_cruft = footer = after_byline = False
    for block in blocks:
        if _caption(block, found):
            continue
        if len(block) < 600 and ARCHIVE_NOTICE.search(block) and NOTICE_SUBJECT.search(block):
            found.archived = True
            continue
        if _words(block) <= 40 and RIGHTS.search(block):
            found.rights.append(block)
            footer = footer or body_started
            continue
        if footer:
            continue
        if is_cruft(block):
            in_cruft = in_cruft or (body_started and bool(SECTION_CRUFT.match(block)))
            continue
        if _header(block, found):
            after_byline = bool(found.authors)
            # "Reporting by X; Editing by Y" after the article: what follows is the page's footer.
            footer = body_started and bool(BYLINE.match(block))
            continue
        if after_byline and not body_started and _words(block) <= 5 and OUTLET_WORDS.search(block) \
                and block[-1] not in TERMINAL:
            found.outlet = found.outlet or block  # "By JANE ROE" then "Associated Press"
            after_byline = False
            continue
        after_byline = False
        if in_cruft:
            if not (block[-1] in TERMINAL and _words(block) >= 15):
                continue
            in_cruft = False
        if not body_started:
            if (_is_prose(block) and _words(block) >= 12) or DATELINE.match(block) or AGENCY_DATELINE.match(block):
                body_started = True
                items.append(("p", block))
            elif found.summary is None and _words(block) >= 5 and not _heading_like(block):
                found.summary = block
            continue
        items.append(("h" if _heading_like(block) else "p", block))

    items = _drop_trailing_and_listed(items)
    if not items:
        raise ImportFailed("holds no article text (only a title, captions or navigation)")
    dateline, agency, rest = split_dateline(items[0][1])
    items[0] = ("p", rest)
    body = "\n\n".join(("## " + _escape(t)) if kind == "h" else _escape(t) for kind, t in items) + "\n"

    published, updated = found.published, found.updated
    if published is None and updated is not None:
        published, updated = updated, None
    if published is None:
        for line in found.rights:
            year = re.search(r"\b(?:19|20)\d{2}\b", line)
            if year:
                published = PartialDate(int(year.group()))
                break
    source_name = agency or found.outlet
    sources = (Source(name=source_name, url=found.url),) if (source_name or found.url) else ()
    return Imported(
        kind="text", title=title, body=body, published=published, updated=updated,
        authors=tuple(dict.fromkeys(found.authors)), summary=found.summary, dateline=dateline,
        rights=tuple(dict.fromkeys(found.rights)), sources=sources,
        flags=("archived",) if found.archived else (), image=found.image,
    )


# --- blocks ---------------------------------------------------------------------------


def _blocks(text: str) -> list[str]:
    """Paragraphs: blank-line separated; inside one, lines are joined when they wrap prose."""
    text = text.replace("\u00a0", " ").replace("\u200b", "")
    out = []
    for chunk in re.split(r"\n\s*\n", text):
        lines = [re.sub(r"[ \t]+", " ", line).strip() for line in chunk.split("\n")]
        lines = [line for line in lines if line]
        current = ""
        for line in lines:
            if current and len(current) >= 40 and current[-1] not in TERMINAL and line[:1].islower():
                current += " " + line
            elif current and len(_last_line(current)) >= 60 and current[-1] not in TERMINAL:
                current += " " + line
            else:
                if current:
                    out.append(current)
                current = line
        if current:
            out.append(current)
    return out


def _last_line(text: str) -> str:
    return text


def _title(blocks: list[str]) -> tuple[str, list[str]]:
    first = blocks[0]
    if len(first) <= 300:
        return first, blocks[1:]
    sentence = re.split(r"(?<=[.!?])\s", first, maxsplit=1)[0]
    return sentence[:150].rsplit(" ", 1)[0] if len(sentence) > 150 else sentence, blocks


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def _words(block: str) -> int:
    """Words, counting two CJK characters as one (those scripts put no spaces between words)."""
    cjk = len(_CJK.findall(block))
    return len(_CJK.sub(" ", block).split()) + (cjk + 1) // 2


def _is_prose(block: str) -> bool:
    return block[-1] in TERMINAL or _words(block) >= 20


def _heading_like(block: str) -> bool:
    if not block or _words(block) > 12 or len(block) > 100:
        return False
    if block[0] in "\"“‘'«„(-–—•*" or not (block[0].isupper() or block[0].isdigit()):
        return False
    return block[-1] not in TERMINAL.replace("?", "") and not block.endswith(("...", ","))


def is_cruft(block: str) -> bool:
    words = _words(block)
    return (words <= 12 and bool(SECTION_CRUFT.match(block) or LINE_CRUFT.match(block))) or \
        (words <= 25 and bool(READ_ALSO.match(block) or PAGE_NOTE.match(block)))


def _drop_trailing_and_listed(items: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Subheadings stand alone between paragraphs; runs of headline-like lines are lists of other stories."""
    # A trailing run of lines that are not sentences: other headlines after the body ended.
    while items and (items[-1][0] == "h" or items[-1][1][-1] not in TERMINAL):
        items.pop()
    kept = []
    for index, (kind, text) in enumerate(items):
        if kind == "h":
            before = items[index - 1][0] if index else None
            after = items[index + 1][0] if index + 1 < len(items) else None
            if before == "h" or after == "h":
                continue
        kept.append((kind, text))
    return kept


def _escape(text: str) -> str:
    """Plain text as Markdown that renders as the same text: no raw HTML, no accidental headings."""
    text = re.sub(r"<(?=[A-Za-z/!?])", r"\\<", text)
    text = re.sub(r"^(#{1,6}\s|>|[-+*]\s|=+\s*$|\d+[.)]\s)", r"\\\1", text)
    return text


# --- header material --------------------------------------------------------------------


def _caption(block: str, found: _Found) -> bool:
    if len(block) > 1500:
        return False
    for pattern in CREDIT_AT_END:
        match = pattern.search(block)
        if match:
            credit = match.group("credit").strip(" .,;")
            caption = block[: match.start()].strip(" -–—|/")
            if not credit or len(credit.split()) > 10:
                continue
            if found.image is None:
                found.image = Image(caption=caption or None, credit=credit)
            return True
    return False


def split_dateline(paragraph: str) -> tuple[str | None, str | None, str]:
    """(dateline, agency, rest) for a first paragraph like `WASHINGTON (Reuters) - The ...`."""
    match = DATELINE.match(paragraph) or AGENCY_DATELINE.match(paragraph) or PLACE_DATELINE.match(paragraph)
    if not match:
        return None, None, paragraph
    return match.group("dateline").strip(), match.groupdict().get("agency"), paragraph[match.end():]


def is_header_line(block: str) -> bool:
    """A by-line or date line (or both, joined by `|`)."""
    return bool(block) and _header(block, _Found())


def _header(block: str, found: _Found) -> bool:
    """By-lines, date lines and source URLs (alone or joined by `|` or `•`). True if the block is one."""
    if _words(block) > 30:
        return False
    if re.fullmatch(r"(?:source|quelle|fuente|url)?\s*:?\s*https?://\S+", block, re.I):
        found.url = found.url or re.search(r"https?://\S+", block).group()
        return True
    parts = [p.strip() for p in re.split(r"\s+[|•·/]\s+|\s+[|•·]|[|•·]\s+|\s+[-–—]\s+(?=(?:by|von|par|por)\s)", block, flags=re.I)
             if p.strip()]
    parts = [p for p in parts if not _TIME_ONLY.match(p)]  # "Posted: Jun 3, 2020 / 10:12 AM CDT"
    if not parts:
        return False
    # "Posted Jan 28, 2020 by Kevin Marsh": a date line, then a by-line
    parts = [piece for part in parts for piece in _date_then_byline(part)]
    readers = (_byline, date_line)
    results = []
    for part in parts:
        for reader in readers:
            result = reader(part)
            if result is not None:
                results.append((reader, result))
                break
        else:
            return False
    for reader, result in results:
        if reader is _byline:
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


_TIME_ONLY = re.compile(r"(?i)^\d{1,2}[:.h]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,5})?(?:\s*uhr)?$")


def _date_then_byline(part: str) -> list[str]:
    match = re.match(r"^(.{6,60}?)\s+((?:by|von|par|por)\s+.+)$", part, re.I)
    if match and date_line(match.group(1)) is not None and _byline(match.group(2)) is not None:
        return [match.group(1), match.group(2)]
    return [part]


def _byline(part: str):
    match = BYLINE.match(part) or BYLINE_CJK.match(part)
    if not match or _words(part) > 16 or part.endswith(("!", "?")):
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
    r"publié|mis|jour|publicado|actualizado|pubblicato|aggiornato|"
    r"mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|"
    r"samedi|dimanche|lunes|martes|miércoles|jueves|viernes|sábado|domingo)\b"
)


def date_line(part: str, day_first: bool = False):
    """(is an update, the date) if `part` is a date line such as `Updated 3:01 PM ET, Wed July 1, 2020`."""
    if _words(part) > 14:
        return None
    dated = textdates.find(part, day_first)
    if dated is None:
        return None
    date, (start, end) = dated
    rest = part[:start] + " " + part[end:]
    rest = _DATE_NOISE.sub(" ", rest)
    rest = re.sub(r"\d{1,2}[:.h]\d{2}|[\W\d_]+|发布|更新|时间|日期", " ", rest)
    if len(rest.split()) > 1:
        return None
    return bool(textdates.UPDATE_WORDS.search(part)), date
