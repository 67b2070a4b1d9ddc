"""How deep a body may nest, checked around rendering so that no body can crash or stall a build.

Every stage that reads a body's tree pays for its depth: markdown-it-pyrs (the fast
engine) recurses per level and overflows its stack, killing the process, past some
thousands of nested quotes, lists or emphasis; markdown-it-py (the reference) stops at
its `maxNesting` and silently drops the rest of the body; nh3's HTML parser takes time
quadratic in the depth of open elements (100,000 nested <div>: a minute). No article
nests anywhere near that deep, so a body that does is a problem of its file, reported
at the line where it goes too deep, rather than rendered with text lost or moved.

The checks cost a few `str.count`s and one regular expression on a normal body; only a
body that may be deep is looked at closely.
"""

from __future__ import annotations

import re

BLOCK_LEVELS = 20  # the reference's maxNesting: a quote is one level, a list two (the list, its item)
HTML_DEPTH = 1000  # open elements; nh3 takes ~5 ms at this depth, a minute at 100,000
DELIMITERS = 4000  # `*`, `_`, `~`, `[` in a body: more may nest deep enough to crash the fast engine

# A line starting with a long run of container markers or indentation: quotes and lists
# opened on it may be deep (each level takes at least one character, a list's two columns).
_PREFIX = re.compile(r"^[ \t>*+\-\d.)]{6,}", re.MULTILINE)
# A thematic break (`-----`, `* * *`) or a heading's underline: a long prefix that opens nothing.
_BREAK = re.compile(r" {0,3}([-*_=])(?:[ \t]*\1){2,}[ \t]*$", re.MULTILINE)
_CONTAINERS = ("blockquote_open", "bullet_list_open", "ordered_list_open", "list_item_open")

# What follows a tag's name, as HTML reads it, in one pass without backtracking (possessive): a
# quote opens a value only after `=`; a `<` ends it. The importer's complexity check reads tags so too.
TAG_REST = r"""(?:[^<>"'=]++|=\s*+"[^"]*+"|=\s*+'[^']*+'|=|["'])*+"""
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*+)" + TAG_REST + ">")
# Elements that never hold others, or whose end the HTML parser implies: they add no depth.
_FLAT = frozenset(
    "area base br col embed hr img input link meta source track wbr "
    "p li dt dd tr td th thead tbody tfoot option optgroup rp rt colgroup caption".split()
)


class TooDeep(ValueError):
    """A body nested deeper than it may be; `line` counts from the body's first line."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line, self.message = line, message


def may_crash_fast_engine(text: str) -> bool:
    """Enough emphasis or link delimiters to nest past the fast engine's stack: the
    reference, which does not recurse on them, renders the body instead."""
    return text.count("*") + text.count("_") + text.count("~") + text.count("[") > DELIMITERS


def check_blocks(text: str, parse) -> None:
    """Raise TooDeep if quotes and lists nest deeper than the reference renders.

    `parse` is the reference's `parse`, called only when a line's prefix is long enough
    (in columns, a tab being four) to open that many levels.
    """
    if not any(len(m.group()) + 3 * m.group().count("\t") >= BLOCK_LEVELS - 4 and not _BREAK.match(text, m.start())
               for m in _PREFIX.finditer(text)):
        return
    for token in parse(text):
        if token.type in _CONTAINERS and token.level >= BLOCK_LEVELS - 1 and token.map:
            raise TooDeep(
                token.map[0] + 1,
                f"quotes and lists are nested too deep here (at most {BLOCK_LEVELS} levels, a list counting 2); "
                "nest them less",
            )


def check_html(html: str, text: str) -> None:
    """Raise TooDeep if the rendered HTML nests more than HTML_DEPTH elements, at the line of
    `text` (the Markdown) where its raw HTML does, else at the body's first line."""
    if html.count("<") <= HTML_DEPTH or _too_deep_at(html) is None:
        return
    at = _too_deep_at(text)
    line = text.count("\n", 0, at) + 1 if at is not None else 1
    raise TooDeep(line, f"HTML elements are nested too deep here (more than {HTML_DEPTH}); nest them less")


def _too_deep_at(html: str) -> int | None:
    """Where the open elements first number more than HTML_DEPTH, or None."""
    depth = 0
    for match in _TAG.finditer(html):
        closing, name = match.groups()
        if name.lower() in _FLAT or match.group().endswith("/>"):
            continue
        if closing:
            depth = max(0, depth - 1)
        else:
            depth += 1
            if depth > HTML_DEPTH:
                return match.start()
    return None
