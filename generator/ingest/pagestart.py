"""Where the article starts in a whole-page copy (Ctrl+A: the navigation first, then the article).

The article's text is the first large run of prose paragraphs; its headline is
the headline-shaped line shortly before that run whose words those paragraphs
use, most often one followed by a by-line or a date line. A scrape that already starts with its headline is left as it is.
"""

from __future__ import annotations

import re
from functools import lru_cache

from generator.ingest import textdates
from generator.ingest.endings import ending
from generator.ingest.furniture import Found, caption, ends_sentence, is_cruft, is_rights_line, words
from generator.ingest.headerlines import is_header_line

_BY_LABEL = r"posted|written|published|publicado|postado|publié|veröffentlicht|pubblicato"
_BY_WORD = r"by|von|par|por|da|di"
# A by-line over the article, as the line scorer's headline stands over it (headlineline.over_by_line): "By Jane Roe",
# "von Martina Scharmann", "Veröffentlicht am 13. März 2019 von ...", or "By" alone over the name's line. A name
# follows its word with a capital: "Da oggi ...", "Par ailleurs ...", "Por otro lado ...", "By the end of ..."
# start ordinary sentences. So does a place or a day, one word and a comma that a sentence's next word follows:
# "Da Roma, il ministro ...", "By Monday, the ...". A by-line's name may be one word ("by John on July 14"), and what
# joins a second name or a source may follow its comma ("Da Redação, com agências"), as may an agency's capitals,
# the writer's role or agency in lower case ("By Roe, special correspondent", "Von Müller, dpa") or the day it was
# written ("Par Laurent, le 7 décembre", "By Admin, on May 12, 2020": a digit in the next three words). A word in
# lower case right after the first name's word starts a sentence too ("Von Berlin aus fliegt …", "By Monday the
# ferry …"), unless it joins a name or a place or a day to it ("von der Leyen", "by John on July 14", "Von Müller
# und Schmidt", "By Roe in Kabul"). (One definition: a line is a by-line wherever the importer asks, this one.)
_CAPITAL = "A-ZÀ-ÖØ-ÞА-ЯЁ"
_JOINING = (r"and|und|et|e|y|com|con|with|avec|mit|staff|publié|publicado|veröffentlicht|pubblicato|updated|posted"
            r"|special|senior|chief|correspondent|correspondant|corresponsal|korrespondent(?:in)?|reporter(?:in)?|editor"
            r"|redakteur(?:in)?|rédacteur|rédactrice|redactor|redactora|writer|columnist|contributor"
            r"|dpa|afp|apa|ap|epd|kna|ansa|efe|lusa|reuters")
_PLACE_THEN_SENTENCE = (rf"[{_CAPITAL}][a-zß-öø-ÿа-яё]+,\s+(?!(?:{_JOINING})\b|(?:\S+\s+){{0,2}}\d)"
                        rf"[a-zß-öø-ÿа-яё]")
_NAME_JOINS = (r"de|van|von|der|den|da|di|du|la|le|del|bin|al|y|dos|das|ter|on|at|in|for|from|of|via|am|um|im|à|a|en|em"
               r"|per|pour|para|für")
_WORD_THEN_SENTENCE = (rf"[{_CAPITAL}][a-zß-öø-ÿа-яё]+\s+(?!(?:{_JOINING}|{_NAME_JOINS})\b|(?:\S+\s+){{0,2}}\d)"
                       rf"[a-zß-öø-ÿа-яё]")
# A newsroom or an agency in lower case signs too ("Von der Redaktion", "Par la rédaction", "Von dpa"), where a word
# in lower case after "By" otherwise opens a sentence ("By the end of …", "Von der Leyen sagte …")
_NEWSROOM = (r"(?i:(?:der|la|el|a)\s+(?:redaktion|rédaction|redacción|redação|redazione)\b"
             rf"|(?:dpa|afp|apa|epd|kna|ansa|efe|lusa|sid)\b(?!\s+(?!(?:{_JOINING})\b)[a-zß-öø-ÿ]))")
BY_LINE = re.compile(rf"^(?i:(?:(?:{_BY_LABEL})\b.{{0,40}}?\s)?(?:{_BY_WORD}))"
                     rf"(?:\s*$|\s+{_NEWSROOM}|\s+(?=[{_CAPITAL}])(?!{_PLACE_THEN_SENTENCE}|{_WORD_THEN_SENTENCE}))")
_BLOG_NAV = re.compile(r"(?i)\s\|\s*(?:main|home|blog home)\b|\s[>›»]\s*$|^(?:you are here|start)\b")
# A blog's links to the posts before and after this one ("« Older post | Main | Newer post »"): the post's
# headline follows it, under its date line.
_PREV_NEXT = re.compile(r"(?i)^«.*\|\s*(?:main|blog home)\b|\b(?:main|blog home)\s*\|.*»$")
_POSTED = re.compile(r"(?i)(?:posted|published|updated)\b")
_PATH = re.compile(r"\s[/>»|]\s")
# Words a headline in English has and a list of tags has not
_FUNCTION = re.compile(r"(?i)\b(?:the|an?|of|to|in|on|for|with|and|or|is|are|was|at|by|from|as|it|its|this|that|how|why"
                       r"|what|who|my|your|our|we|you|i|der|die|das|und|mit|von|für|im|le|la|les|des|et|du|de|el|los|y"
                       r"|en|da|do|em|com)\b")
# Lines of a post's frame: its categories, its comment count, a reprint offer
_FURNITURE = re.compile(r"(?i)(?:posted|filed)\s+(?:in|under)\s*:|comments?\s*:\s*\d|see a sample reprint\b")
CRUMBS = re.compile(r"(?i)\b(?:home|startseite|accueil|inicio)\s*[>/›»|→]|\S\s*[>›»→]\s*\S.*[>›»→]|\S\s→\s\S")
# A notice to the reader about their browser or cookies ("You are using an older browser version. Please use a
# supported version", "it is necessary to enable JavaScript"), no paragraph of the article
_BROWSER_NOTICE = re.compile(r"(?i)\b(?:enable|activate|aktivieren|disabled)\b.{0,30}\b(?:javascript|browser)\b|\b(?:browser|"
                             r"javascript)\b.{0,60}\b(?:enable|disabled|activate|aktivier\w*|support\w*|update)|\bcookies\b"
                             r"|\bplease enable\b")
# A headline may end with an abbreviation ("... Tsunami Debris off Wash.", "... in U.S."), not with a sentence
_ABBREVIATION = re.compile(r"\s(?:Ala|Ariz|Ark|Calif|Colo|Conn|Del|Fla|Ga|Ill|Ind|Kan|Ky|La|Md|Mass|Mich|Minn|Miss|Mo"
                           r"|Mont|Neb|Nev|Okla|Ore|Pa|Tenn|Tex|Va|Vt|Wash|Wis|Wyo|Inc|Corp|Co|Ltd|Jr|Sr|St|Mt"
                           r"|(?:[A-Z]\.){1,3}[A-Z])\.$")
# A photo's caption ends with its credit: "... as they should be Getty Images", "... Picture: Woman's Day"
_CREDIT = re.compile(r"(?i)(?:getty\s*images|shutterstock|/\s*afp|\bap\s+photo|\b(?:picture|photo|foto|bild)\s*:.*)\)?$")
SHARE = 0.5  # less than this share of one- to three-word lines, a menu, between them)
_WORD = re.compile(r"[\u3400-\u9fff]|[^\W\d_]+")
_CJK = re.compile(r"[\u3400-\u9fff]")
OVERLAP = 6.0  # weight of the share of the line's words that the first paragraphs use
KEEP_FIRST = 0.6  # a first line with this share of its words in the first paragraphs is the headline
RUN = 60  # words of prose in a run that can be the article's text (or half the largest run)
CRUMBED = 2.0  # score for a line right under a breadcrumb ("Home > Entertainment")
DIST = 0.1  # score lost per block between the line and the first paragraph
DECK = 1.5  # a line this many times longer than the headline-shaped line above it is the standfirst
DECK_GAP = 4  # blocks between a headline and the line under it that scored best (a standfirst, a caption)
CLOSE = 3.0  # ... when the headline's score is this close
DATED = 2.0  # score for a by-line or date line under the line
LOOK_BACK = 30  # blocks before the text's first paragraph where its headline may stand
KICKER_WORDS = 12  # a longer line ending with a colon introduces a list or a quotation
NEAR = 12  # a headline-like first line this close to the first paragraph is the headline (or at 3 x NEAR with


def find_start(blocks: list[str]) -> int:
    """The index of the headline block (0 when the scrape starts with it, or when nothing better is found)."""
    body = body_start(blocks)
    if body is None:
        return 0
    after_links = after_post_links(blocks, body)
    if after_links is not None:
        return after_links
    first_headline = first_is_headline(blocks)  # no menu under the first line: it may well be the headline
    text_words = content_words(" ".join(blocks[body: body + 6]))
    scores = rule_scores(blocks, body, first_headline, text_words)
    best, best_score = max(scores.items(), key=lambda item: (item[1], -item[0]), default=(0, None))
    best_dated = best_score is not None and dated(blocks, best)
    if body == 3 and words(blocks[0]) <= 3 and about_it(blocks[1]) and headline_shaped(blocks[2]) \
            and 4 <= words(blocks[2]) <= 12 and "," not in blocks[2] and overlap(blocks[2], text_words) > 0:
        return 2  # a blog's name, the post's date, its title, its text
    if best and not (best_dated and not dated(blocks, 0)) and first_headline \
            and (overlap(blocks[0], text_words) > 0 or dated(blocks, 0)):  # a site's name shares no word with
        # the article
        return 0
    if best and (headline_shaped(blocks[0]) or title_like(blocks[0])) and len(content_words(blocks[0])) >= 3 \
            and overlap(blocks[0], text_words) >= KEEP_FIRST and (first_headline or not best_dated):
        return 0  # the first line speaks of what the text says: it is the headline
    for index in range(max(0, best - DECK_GAP), best):  # a headline above the line found: that is its deck
        block = blocks[index]  # or a caption
        if index in scores and scores[index] >= best_score - CLOSE and words(block) >= 5 \
                and overlap(block, text_words) >= 0.4 and not CRUMBS.search(block) \
                and blocks[best].lower() not in block.lower():  # not a breadcrumb ending in the headline
            return index
    above = blocks[best - 1] if best else ""
    if headline_shaped(above) and 5 <= words(above) and (DECK * words(above) <= words(blocks[best]) and overlap(
            above, text_words) > 0 or words(above) <= words(blocks[best]) and overlap(above, text_words) >= 0.3):
        return best - 1  # the line found is the standfirst under the headline
    return best


def rule_scores(blocks: list[str], body: int, first_headline: bool, text_words: set[str]) -> dict[int, float]:
    """The rules' score of each headline-shaped line in the LOOK_BACK lines above the first paragraph `body`."""
    scores: dict[int, float] = {}
    for index in range(max(0, body - LOOK_BACK), body):
        block = blocks[index]
        if not headline_shaped(block):
            continue
        count = words(block)
        if count <= 4 and in_menu(blocks, index) and not dated(blocks, index):
            continue  # "Housing & Homelessness" between "Menu" and "Climate & NYC": a menu's item
        score = -DIST * (body - index) + min(count, 10) / 3 - (2 if count <= 3 else 0) - 2 * block[0].islower()
        score += 4 * (index == 0 and first_headline) + DATED * dated(blocks, index) \
            + OVERLAP * overlap(block, text_words) + CRUMBED * (index > 0 and bool(CRUMBS.search(blocks[index - 1])))
        scores[index] = score
    return scores


def after_post_links(blocks: list[str], body: int) -> int | None:
    """The line under a blog's links to the posts around this one (and under the post's date line)."""
    links = next((i for i in range(body - 1, max(-1, body - LOOK_BACK - 1), -1) if _PREV_NEXT.search(blocks[i])), None)
    if links is None:
        return None
    index = links + 1
    while index < body and about_it(blocks[index]):
        index += 1
    block = blocks[index]
    return index if 2 <= words(block) <= 30 and not is_cruft(block) else None


def headline_within(line: str, blocks: list[str]) -> str:
    """The headline inside a line that adds to it: a line of four words or more elsewhere on the page that the
    line ends with, after two words or more of a path ("Home / News / <headline>", "Local Lübeck <headline>"),
    or starts with, before a by-line or a mark ("<headline> posted August 9th, 2012", "<headline> «Innosuisse»");
    else the line. Not "<Headline>: <subtitle>", nor "The <headline>"."""
    parts = line.split(" ")
    if len(parts) < 5:
        return line
    others = set(blocks)
    for cut in range(1, len(parts) - 3):  # the longest such line first
        head, tail = " ".join(parts[:-cut]), " ".join(parts[-cut:])
        if head in others and words(head) >= 4 and (BY_LINE.match(tail) or _POSTED.match(tail) or not tail[0].isalnum()):
            return head
        head, side = " ".join(parts[:cut]), " ".join(parts[cut:])
        if side in others and words(side) >= 4 and cut >= 2 and (head[-1] != ":" or _PATH.search(head)) \
                and not (parts[cut - 1].islower() and parts[cut - 1][-1].isalnum()):  # not "..., and <line>"
            return side
    return line


def kicker(blocks: list[str], index: int) -> bool:
    """A kicker on a line of its own, ending with a colon, over the headline line at `index + 1`: the title is
    both ("Dance at the depot:" / "Soaked to the skin" -> "Dance at the depot: Soaked to the skin"). Four
    words or more: "Share:", "Adjust text size:", "Read more:" are no kicker."""
    if not 0 <= index < len(blocks) - 1:
        return False
    block, headline = blocks[index], blocks[index + 1]
    return block.endswith(":") and 4 <= words(block) <= KICKER_WORDS and not block[:-1].rstrip().endswith(
        ("...", "…")) and not (is_cruft(block) or about_it(block) or CRUMBS.search(block)) \
        and headline_shaped(headline) and not prose(headline)


def first_is_headline(blocks: list[str]) -> bool:
    """A scrape that starts with its headline: a headline-like first line, then soon a paragraph, with no
    menu (a run of one- to three-word lines) between them."""
    if not (headline_shaped(blocks[0]) or title_like(blocks[0])):
        return False
    first = next(index for index, block in enumerate(blocks) if prose(block))
    menu = sum(words(b) <= 3 for b in blocks[1:first])
    return first <= NEAR or first <= 3 * NEAR and menu < SHARE * (first - 1)


def in_menu(blocks: list[str], index: int) -> bool:
    """Between two lines of one to four words (a menu's items), the one under it with no number (a date line:
    "28.01.22 / 0 Kommentare") and no "By"."""
    return 0 < index < len(blocks) - 1 and words(blocks[index - 1]) <= 4 and words(blocks[index + 1]) <= 4 \
        and not re.search(r"\d", blocks[index + 1]) and not BY_LINE.match(blocks[index + 1])


def dated(blocks: list[str], index: int) -> bool:
    """A by-line or date line right under the block (or under the line under it)."""
    following = blocks[index + 1: index + 3]
    return bool(following) and (about_it(following[0]) or len(following) > 1 and not headline_shaped(following[0])
                                and about_it(following[1]))


def content_words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if len(w) >= 4 or _CJK.match(w)}


def overlap(block: str, text_words: set[str]) -> float:
    """The share of the line's words that the article's first paragraphs use: a headline speaks of them."""
    mine = content_words(block)
    return len(mine & text_words) / max(len(mine), 2) if mine else 0.0  # one shared word is little evidence


@lru_cache(maxsize=8192)  # asked of the same lines again and again (the rules, the line scorer)
def about_it(block: str) -> bool:
    """A by-line or a date line (or a dateline with a date: "WESTPORT, Wash. July 24, 2012 (AP)")."""
    return is_header_line(block) or words(block) <= 20 and (textdates.find(block) is not None or bool(BY_LINE.match(block)))


@lru_cache(maxsize=8192)  # asked of the same lines again and again (the rules, the line scorer)
def prose(block: str) -> bool:
    return words(block) >= 12 and _sentence_end(block) and not is_cruft(block) and not is_rights_line(block) \
        and not caption(block, Found()) and not (words(block) <= 60 and _BROWSER_NOTICE.search(block))


def _sentence_end(block: str) -> bool:
    """Ends as a sentence does; a closing quote counts after a full stop (a headline may end with a quoted title)."""
    if block[-1] in "\"”’»'":
        return len(block) > 1 and block[-2] in ".!?…,"
    return ends_sentence(block)


def body_start(blocks: list[str]) -> int | None:
    """The first paragraph of the first large run of prose (gaps of a few lines allowed)."""
    runs: list[tuple[int, int]] = []  # (first block, words)
    first, total, gap = None, 0, 0
    for index, block in enumerate(blocks):
        if prose(block):
            if first is None:
                first, total = index, 0
            total += words(block)
            gap = 0
        elif first is not None:
            gap += 1
            if gap > 4:
                runs.append((first, total))
                first = None
    if first is not None:
        runs.append((first, total))
    if not runs:
        return None
    enough = min(RUN, max(total for _, total in runs) / 2)
    return next(first for first, total in runs if total >= enough)


def _tags_or_menu(block: str) -> bool:
    """A post's tags as a list ("ARD, Demonstrationen, Neu, Tagesschau, Top-Thema") or a menu in capitals on one
    line ("NEWS FEATURES BEAUTY HEALTH"): no word of a sentence."""
    if _FUNCTION.search(block):
        return False
    parts = [part.strip() for part in block.split(",")]
    if len(parts) >= 5 and all(part and words(part) <= 3 for part in parts):
        return True
    return words(block) >= 4 and block.isupper()


def title_like(block: str) -> bool:
    """A first line that reads as a headline (by length alone: a page's copy starts with a short menu item)."""
    return 4 <= words(block) <= 40 and not is_cruft(block) and not (words(block) <= 12 and textdates.find(block))


@lru_cache(maxsize=8192)  # asked of the same lines again and again (the rules, the line scorer)
def headline_shaped(block: str) -> bool:
    count = words(block)
    if not 2 <= count <= 30 or len(block) > 250 or block[-1] in ".,;:" and not _ABBREVIATION.search(block) \
            or block[0] in "«‹<(←→" or _BLOG_NAV.search(block) or _CREDIT.search(block) \
            or _BROWSER_NOTICE.search(block):
        return False
    if _FURNITURE.match(block):
        return False
    crumb = CRUMBS.search(block)
    if crumb and (not crumb.start() or "→" in block):
        return False  # "Latest News → Regret the Error", "Home > Entertainment"
    if count <= 20 and (BY_LINE.match(block) or textdates.find(block)):
        return False  # "Posted by Max Fisher on October 31, 2012", "Dhruv Bhutani on August 9, 2012"
    if block[0].islower() and count >= 3 and not _FUNCTION.search(block):
        return False  # a post's tags: "lindsay lohan barbara walters"
    if _tags_or_menu(block):
        return False
    return not (is_cruft(block) or is_header_line(block) or is_rights_line(block) or caption(block, Found())
                or ending(block) == "comments")  # "3 Responses to <the headline>"
