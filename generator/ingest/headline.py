"""Which visible heading of a page is its article's headline.

A page names its article several times: in <title> ("Headline - Site"), og:title, twitter:title,
the JSON-LD headline, and on the page itself, as an <h1> or a heading marked as the title. They
often differ (a shorter social title, a blog's name as the <h1>, "Blog: Post" in <title>). What a
reader sees as the headline is the visible heading that the metadata confirms: one equal to a
metadata title, or to the headline side of "Headline | Site". None confirmed: the caller falls back
to the metadata alone.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from urllib.parse import urlsplit

# What separates a headline from the site's or section's name in a <title>.
_SEP = r"(?:\s+[|\-–—·•»«/:]{1,2}\s+|:\s+)"
_CJK_SEP = r"(?:\s*[|\-–—_｜·•»«/:：]{1,2}\s*)"  # Chinese and Japanese titles: no spaces around it
_CJK = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_NAME_SEP = r"\s+[|\-–—·•»«/]{1,2}\s+"  # a colon is as often part of the headline ("US elections: ...")
_CJK_NAME_SEP = r"\s*[|\-–—_｜·•»«/]{1,2}\s*"
_HEAD_SIDE_SITE = ":»"  # "Blog: Post", "Section » Post": the name comes first
_CANDIDATES = (
    '//h1 | //h2 | //h3 | /descendant::*[@itemprop="headline"] | '
    '/descendant::*[self::div or self::span or self::a or self::header or self::p]'
    '[contains(@class, "title") or contains(@class, "headline") or contains(@class, "Title") or contains(@class, "Headline")]'
)
_MARKED = re.compile(r"(?i)headline|(?:entry|post|article|story|news|page)[_-]?title")
MIN_SCORE = 2.0


def key(text: str | None) -> str:
    """A title as compared: case, quotes, dashes and runs of spaces do not count."""
    text = unicodedata.normalize("NFKC", text or "")
    text = re.sub("[\"'`´‘’‚‛“”„‟]", "", text)
    text = re.sub("[‐‑‒–—―−]", "-", text)
    return " ".join(text.split()).lower()


def _squash(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.lower())


def site_like(text: str, sites: set[str], url: str | None) -> bool:
    """The site's own name: as the page states it (og:site_name, ...), a part of it, or its domain."""
    k = key(text)
    if not k:
        return True
    if k in sites or any(len(k) >= 4 and k in site for site in sites):
        return True
    host = urlsplit(url).netloc.lower() if url else ""
    squashed = _squash(k)
    return len(squashed) >= 3 and squashed in _squash(host) and len(squashed) >= len(_squash(host)) // 3


def match(candidate: str, title: str) -> float:
    """How well a metadata title confirms a visible heading: 3 the same, 2.5 the headline side of
    "Headline | Site", 1 the name side, 1.5 nearly the same (quotes, a word), 0 not at all."""
    c, t = key(candidate), key(title)
    if not c or not t:
        return 0.0
    if c == t:
        return 3.0
    sep = _CJK_SEP if _CJK.search(t) else _SEP
    head = re.match(re.escape(c) + "(" + sep + ")(.+)$", t)
    if head:
        shorter = len(head.group(2)) <= len(c)
        return 2.5 if shorter and head.group(1).strip()[:1] not in _HEAD_SIDE_SITE else 1.0
    tail = re.match("(.+?)(" + sep + ")" + re.escape(c) + "$", t)
    if tail:
        return 2.5 if len(tail.group(1)) <= len(c) or tail.group(2).strip()[:1] in _HEAD_SIDE_SITE else 1.0
    if len(c) >= 15 and difflib.SequenceMatcher(None, c, t, autojunk=False).ratio() >= 0.9:
        return 1.5
    return 0.0


def _headline_side(title: str) -> str:
    """"Headline - Site" -> "Headline": the title less its shorter end part; without one, the title."""
    sep = _CJK_NAME_SEP if _CJK.search(title) else _NAME_SEP
    head = re.match("(.+)" + sep + "(.+)$", title)  # at the last separator
    tail = re.match("(.+?)" + sep + "(.+)$", title)  # at the first
    if head is None:
        return title
    return head.group(1) if len(head.group(2)) <= len(tail.group(1)) else tail.group(2)


def choose(tree, titles: list[str], sites: set[str], url: str | None) -> str | None:
    """The visible heading the metadata `titles` confirm best (earliest on a tie), else None."""
    best, best_score = None, MIN_SCORE
    seen: set[str] = set()
    for element in tree.xpath(_CANDIDATES):
        text = " ".join(element.text_content().split())
        if not text or len(text) > 300 or text in seen:
            continue
        seen.add(text)
        if site_like(text, sites, url):
            continue
        score = max((match(text, title) for title in titles), default=0.0)
        if score == 0.0:
            # "Section Headline" on the page, "Headline - Site" in <title>: the headline side
            text = next((side for side in map(_headline_side, titles)
                         if len(key(side)) >= 20 and key(side) in key(text)), None)
            if text is None:
                continue
            score = 2.25
        names = f'{element.get("class") or ""} {element.get("itemprop") or ""}'
        score += 1.0 if element.tag == "h1" else 0.5 if _MARKED.search(names) else 0.0
        if score > best_score:
            best, best_score = text, score
    if best is None:
        # No heading confirmed: the headline side of "Headline-Site" when the page shows it as a line
        lines = {" ".join(t.split()) for t in tree.xpath("//body/descendant::text()[not(ancestor::title)]")}
        best = next((side for side in map(_headline_side, titles) if side not in titles and side in lines
                     and not site_like(side, sites, url)), None)
    return best
