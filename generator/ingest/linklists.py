"""Blocks of an extracted page that are made of links: menus, blogrolls, tag clouds, lists of other stories.

The extractor sometimes keeps a page's link furniture beside the text: a list of
names that each link to a blog, a table of section links, a line of tags. Such a
block is nearly all link text in short items; an article's own list of sources has
longer items or prose between its links. Such blocks go only while paragraphs of
prose stay: a page that is itself a list of links keeps it.
"""

from __future__ import annotations

import re

from generator.ingest import furniture

_LINK = re.compile(r"\[((?:[^\[\]\\]|\\.)*)\]\([^)\s]*\)")
_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")

LINK_SHARE = 0.75  # at least this share of the block's words is link text
MIN_ITEMS = 4  # ... in at least this many items (list items, table cells, links on one line)
ITEM_WORDS = 8  # ... of at most this many words on average (an article's list of sources says more)
PROSE_LEFT = 60  # link furniture goes only while this many words of prose paragraphs stay
TAG_LINKS = 6  # a paragraph of links alone, this many or more, is a tag line (fewer: a line naming sources)


def kind(block: str) -> str | None:
    """'navigation' for a block that is a menu or a tag line, 'link list (navigation, blogroll)' for a list of links."""
    if block.startswith("```"):
        return None
    lines = [line for line in block.split("\n") if line.strip()]
    if block.startswith("|") and _menu_row(lines):
        return "navigation"
    if block.startswith("|"):
        cells = [cell for line in lines if not re.fullmatch(r"[|\s:-]*", line)
                 for cell in line.strip().strip("|").split("|") if cell.strip()]
        # a cell of several links (a box of headlines beside its label) counts each
        items = [item for cell in cells for item in (_LINK.findall(cell) if len(_LINK.findall(cell)) > 1 else [cell])]
    elif all(_ITEM.match(line) for line in lines):
        items = [_ITEM.sub("", line) for line in lines]
    else:
        items = [match.group(1) for match in _LINK.finditer(block)]
        if _is_pager(block, items):
            return "navigation"
        if len(items) < TAG_LINKS or _link_share(block) < 0.9:
            return None  # a paragraph with links in it is prose; one made of links alone is a tag line
        return "navigation"
    share = _link_share(re.sub(r"\*\*([^*|]+)\*\*", r"[\1]()", block)) if block.startswith("|") else _link_share(block)
    if len(items) < MIN_ITEMS or share < LINK_SHARE:
        return None
    if sum(furniture.words(_text(item)) for item in items) / len(items) > ITEM_WORDS:
        return None
    return "navigation" if block.startswith("|") or len(lines) < MIN_ITEMS else "link list (navigation, blogroll)"


MENU_ITEMS = 6  # a table's one row of this many section names is a menu, links or not
MENU_ITEM_WORDS = 4
_MENU_SPLIT = re.compile(r"\s*(?:\\?\||｜)\s*|\s+[-·•]\s+|\s*[·•]\s*")
_CJK_NAMES = re.compile(r"[\u4e00-\u9fff]{2,8}(?:\s+[\u4e00-\u9fff]{2,8}){5,}")  # "首页 新闻中心 工作动态 …"


def _menu_row(lines: list[str]) -> bool:
    """A table of one row of short names, bars, dashes or spaces between, no sentence among them: a portal's
    channel menu ("首页 | 新闻 | 体育 | …", "Home - News - Sport - …"), whose links a page may draw with scripts."""
    rows = [line for line in lines if not re.fullmatch(r"[|\s:-]*", line)]
    if len(rows) != 1:
        return False
    row = re.sub(r"\*\*|__", "", _LINK.sub(r"\1", rows[0])).strip().strip("|")
    items = [item.strip() for item in _MENU_SPLIT.split(row) if item.strip()]
    items = [name for item in items for name in (item.split() if _CJK_NAMES.fullmatch(item) else [item])]
    return len(items) >= MENU_ITEMS and all(
        furniture.words(item) <= MENU_ITEM_WORDS and not furniture.ends_sentence(item) and re.search(r"[^\W\d_]", item)
        for item in items)


def _is_pager(block: str, items: list[str]) -> bool:
    """A blog's line to the posts before and after, links alone split by bars: "[« Older post](…) | [Main](…) |
    [Newer post »](…)"."""
    return len(items) >= 2 and "|" in block and (items[0].lstrip()[:1] in "«‹←" or items[-1].rstrip()[-1:] in "»›→") \
        and _PAGER.fullmatch(block.strip()) is not None


_PAGER = re.compile(r"(?:\s*(?:\\?\|\s*)?" + _LINK.pattern + r")+")  # links alone, bars between


def _is_prose(block: str) -> bool:
    if block.startswith(("|", "```")) or _ITEM.match(block):
        return False
    text = _text(block).strip()
    return furniture.ends_sentence(text) and furniture.words(text) >= 15 and _link_share(block) < 0.5


def _text(markdown: str) -> str:
    text = re.sub(r"(?m)^\s*(?:[-*+]|\d+[.)])\s+", "", _LINK.sub(r"\1", markdown))
    return re.sub(r"[*_`|\\-]", " ", text)


def _link_share(block: str) -> float:
    total = furniture.words(_text(block))
    linked = sum(furniture.words(_text(match.group(1))) for match in _LINK.finditer(block))
    return linked / total if total else 0.0


# A list item that is another story's headline with its by-line and day ("... By Ann Example on October 30, 2012").
_STORY_ITEM = re.compile(r"\b[Bb]y\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\s*(?:on|\||,|-|–)\s+\S.{0,40}?\b(?:19|20)\d\d\b")
# A paragraph cut short with "[...]": another post's excerpt, as a blog prints them under its articles.
_TEASER = re.compile(r"(?:\\?\[(?:\.\.\.|…)\\?\]|\[(?:\.\.\.|…)\]\([^)]*\))\s*$")
TEASERS = 3  # so many excerpts make a list of other posts; one is a quotation cut short


def _story_list(block: str) -> bool:
    lines = [line for line in block.split("\n") if line.strip()]
    if not lines or not all(_ITEM.match(line) for line in lines):
        return False
    return sum(bool(_STORY_ITEM.search(_text(line))) for line in lines) >= max(1, 0.5 * len(lines))


def _kinds(blocks: list[str]) -> list[str | None]:
    kinds = [kind(block) or ("related list" if _story_list(block) else None) for block in blocks]
    teasers = [i for i, block in enumerate(blocks) if _TEASER.search(block)]
    if len(teasers) >= TEASERS:
        for i in teasers:
            kinds[i] = "related list"
            # its headline above it: a list item or a line that is one link
            if i and not kinds[i - 1] and (_ITEM.match(blocks[i - 1]) or _link_share(blocks[i - 1]) >= 0.9) \
                    and "\n" not in blocks[i - 1].strip():
                kinds[i - 1] = "related list"
    return kinds


def drop(blocks: list[str], dropped: list[tuple[str, str]]) -> list[str]:
    """`blocks` less its link furniture, each dropped block noted in `dropped` with its kind."""
    kinds = _kinds(blocks)
    prose = sum(furniture.words(_text(b)) for b, k in zip(blocks, kinds) if not k and _is_prose(b))
    if not any(kinds) or prose < PROSE_LEFT:
        return blocks
    dropped += [(k, " ".join(re.sub(r"(?m)^\s*(?:[-*+]|\d+[.)])\s+", "", _LINK.sub(r"\1", b)).split()))
                for b, k in zip(blocks, kinds) if k]
    return [b for b, k in zip(blocks, kinds) if not k]
