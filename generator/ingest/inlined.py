"""What a saved page inlines that its text does not need: SingleFile and "save as one file" put each image, font
and style sheet into the page as a `data:` URI, and a script's bundle or data inside `<script>`.

libxml2 refuses a text or an attribute value over 10,000,000 bytes and drops the rest of the page with it, so such a
page (one photo inlined in a `src` or a `style`) could not be imported. The importer reads neither: images given as
`data:` are never a lead image (pagemeta), trafilatura drops scripts and styles. So a page too big for that limit is
read without its big `data:` values (each becomes an empty `data:,`) and without the contents of a style or script
(not JSON-LD, which is read for metadata) that would still be over it. A page under the limit cannot hold such a
value and is read as it is, untouched and uncopied (the 1,020 corpus pages are at most a few MB).
"""

from __future__ import annotations

import re

PARSER_LIMIT = 10_000_000  # bytes of one text or attribute value (libxml2's XML_MAX_TEXT_LENGTH)
LONG = PARSER_LIMIT // 4  # characters: at 4 bytes a character at most, no shorter text can be over the limit
BIG_DATA = 10_000  # characters of a `data:` value left out (an icon's is smaller)
# A data: URI's value, as an attribute or CSS's url() holds it: no quote, parenthesis, space, tag or entity in base64
# or percent-encoding. It starts where a value does (after a quote, "(", a space or "&quot;"), never inside another
# run of such characters: each run is read once ("data:,data:,…" is not read again from each "data:").
_DATA = re.compile(r"(?:(?<=[\s\"'(])|(?<=&quot;))data:[\w/+.-]*(?:;[\w=.+-]*)*,[^\s\"'()<>&]{%d,}" % BIG_DATA)
# (no "<" in a tag's attributes: "<script<script…" with no ">" is not read to the end from each "<script")
_CONTAINER = re.compile(r"(?i)<(script|style)\b([^<>]*)>")
_CLOSE = {"script": re.compile(r"(?i)</script\b"), "style": re.compile(r"(?i)</style\b")}
_JSON_LD = re.compile(r"(?i)application/ld\+json")


def without_big_values(text: str) -> str:
    """`text` itself when it is too short to hold a value over the parser's limit (every real page); else a copy
    without its big inlined values, built once (the page and that copy, smaller than it, are all that is held)."""
    if len(text) <= LONG:
        return text
    return _big_containers_emptied(_DATA.sub("data:,", text))  # (no big value: the same string, no copy)


def _big_containers_emptied(text: str) -> str:
    """A style's or script's contents that may still be over the limit (a bundle, many small fonts) are left out."""
    pieces, kept_from, after = [], 0, 0
    for match in _CONTAINER.finditer(text):
        if match.start() < after:
            continue  # a tag's shape inside the contents of the one before
        close = _CLOSE[match.group(1).lower()].search(text, match.end())
        after = close.start() if close else len(text)
        if after - match.end() > LONG and not _JSON_LD.search(match.group(2)):
            pieces.append(text[kept_from: match.end()])
            kept_from = after
    if not pieces:
        return text
    pieces.append(text[kept_from:])
    return "".join(pieces)
