"""The extracted body's blocks that are not the article's: what follows its ending (comments, a footer, a share
bar), a paragraph printed twice, a gallery's counted captions, read-more lines and the list of stories under
them. Each one dropped is named in `dropped`, for --explain."""

from __future__ import annotations

import re

from generator.ingest import furniture
from generator.ingest.endings import ending, story_goes_on


def text_of(block: str) -> str:
    """A block's words without its Markdown (its escapes too: "Advertise \\| AdChoices" is read as the page prints it)."""
    block = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", block)
    block = re.sub(r"^(?:#{1,6}\s+|[-*+]\s+|\d+[.)]\s+|>\s*)", "", block.strip())
    return _MARKUP.sub(lambda match: match.group(1) or "", block).strip()


_MARKUP = re.compile(r"\\([^\w\s])|[*_`]")  # an escaped character stays, emphasis and code marks go


ENDING_WORDS = 80  # a line that ends an article (endings.py) ends it once this many words of prose stand before it
RESUME_WORDS = 25  # ... and the text resumes after a list or a notice with a paragraph of this many words
_FINAL = ("comments", "footer", "share bar")  # these end it for good (a share bar with the story going on under it
# drops only itself: endings.story_goes_on)
_LIST = re.compile(r"\s*(?:[-*+]|\d+[.)])\s")


def drop_after_ending(blocks: list[str], dropped: list[tuple[str, str]]) -> list[str]:
    """What the extractor kept after the text: from a line that opens a comment section, tags, a print-edition
    note, a share bar or a list of stories (the scraped text's rules, endings.py), all goes."""
    kept, prose, why, final = [], 0, None, False
    for index, block in enumerate(blocks):
        plain = text_of(block)
        line = _row_of(block) if block.startswith("|") else None if block.startswith("```") else plain
        kind = ending(line) if prose >= ENDING_WORDS and line else None
        if kind == "share bar" and not why and story_goes_on(_paragraphs(blocks, index), 0):
            dropped.append((kind, plain))  # a bar between paragraphs: the story goes on under it
            continue
        if why and not final and kind is None and furniture.ends_sentence(plain) and \
                furniture.words(plain) >= RESUME_WORDS and not _LIST.match(block):
            why = None  # a box inside the article (a list of stories, a notice) ended: a paragraph of prose
        if kind:
            why, final = kind, final or kind in _FINAL
        if why:
            dropped.append((why, plain))
            continue
        kept.append(block)
        if furniture.is_prose(plain):
            prose += furniture.words(plain)
    return kept


_ONE_ROW = re.compile(r"(\|[^\n]*\|)\n\|(?:\s*:?-{3,}:?\s*\|)+")


def _row_of(table: str) -> str | None:
    """A table of one row as the line it prints (its cells that hold words, one after the other): an old page lays
    out its footer's lines in tables (`| 京ICP证000000号 |`); a table of more rows is data, never an ending."""
    row = _ONE_ROW.fullmatch(table.strip())
    if row is None:
        return None
    return " ".join(cell for cell in (text_of(c) for c in row.group(1).strip("|").split("|")) if cell) or None


def _paragraphs(blocks: list[str], index: int) -> list[str | None]:
    """The blocks from `index` on as endings.story_goes_on reads them: a list, quotation, table or code is no
    paragraph (None). (Only the few lines after a share bar are read: a slice of a dozen.)"""
    return [None if _LIST.match(block) or block.startswith(("```", "|", ">")) else text_of(block)
            for block in blocks[index: index + 12]]


REPEAT_WORDS = 12  # a paragraph this long printed twice is a repeat; a shorter line (a venue, a credit) may recur


def drop_repeats(blocks: list[str], dropped: list[tuple[str, str]]) -> list[str]:
    """A paragraph the page prints twice (a print copy, a pull quote, a teaser of the text) is kept once. A pull
    quote, set apart as a quotation, prints the text's sentence in other quotation marks: its words are compared,
    and the text's own paragraph is the one kept. Code and tables may repeat on purpose; short lines ("Photo",
    "Share") are others' business."""
    kept: list[str | None] = []
    seen: set[str] = set()
    words_at: dict[str, int] = {}  # a paragraph's words -> its place in `kept`
    for block in blocks:
        plain = text_of(block)
        key = " ".join(_WORD.findall(plain.casefold()))
        first = words_at.get(key)
        quoted = first is not None and block.startswith(">") != kept[first].startswith(">")
        if (plain in seen or quoted) and furniture.words(plain) >= REPEAT_WORDS and not block.startswith(("```", "|")):
            if quoted and kept[first].startswith(">"):  # the pull quote came first: the paragraph takes its place
                seen.add(plain)  # (a copy of the paragraph after it is a repeat too)
                plain, kept[first], words_at[key] = text_of(kept[first]), None, len(kept)
                kept.append(block)
            dropped.append(("repeat (a paragraph the page prints twice)", plain))
            continue
        seen.add(plain)
        words_at.setdefault(key, len(kept))
        kept.append(block)
    return [block for block in kept if block is not None]


_WORD = re.compile(r"\w+")


_COUNTER = re.compile(r"^\s*(?:[-*+]\s+)?(\d{1,3})\s*(?:/|of)\s*(\d{1,3})\s")
GALLERY_ITEMS = 3  # a slideshow's captions: this many items counted "1/50", "2/50" ... (or "1 of 12")


def drop_galleries(blocks: list[str], dropped: list[tuple[str, str]]) -> list[str]:
    """A photo gallery the page shows after the text ("1/50 Caption ...", "2/50 ..."), and its heading: each
    caption is a line counted k of n. Kept where it is the page's text (no 80 words of prose before it)."""
    kept, prose = [], 0
    for block in blocks:
        lines = [line for line in block.split("\n") if line.strip()]
        counted = [_COUNTER.match(line) for line in lines]
        if prose >= ENDING_WORDS and len(lines) >= GALLERY_ITEMS and all(counted) and \
                len({m.group(2) for m in counted}) == 1 and \
                [int(m.group(1)) for m in counted] == list(range(int(counted[0].group(1)), int(counted[0].group(1)) + len(lines))):
            if kept and kept[-1].startswith("#"):
                dropped.append(("photo gallery (captions)", text_of(kept.pop())))
            dropped += [("photo gallery (captions)", text_of(line)) for line in lines]
            continue
        kept.append(block)
        if furniture.is_prose(text_of(block)):
            prose += furniture.words(text_of(block))
    return kept


_POINT = re.compile(r"^(?:#{1,6}\s+)?(\d{1,3})\\?[.)]\s")  # "5. Beware the hairdryer", "### 6. Mini bars ..."


def drop_cruft(body: str, dropped: list[tuple[str, str]]) -> str:
    """Page furniture the extractor kept: read-more links, ad markers, share prompts, headline lists."""
    kept, in_list, number = [], False, None
    blocks = body.split("\n\n")
    notices = furniture.rights_outside_text([text_of(block) for block in blocks])
    for index, block in enumerate(blocks):
        plain = text_of(block)
        if not plain:
            continue
        if block.startswith("|") and (row := _row_of(block)):
            plain = row  # a line laid out in a table of one row (a breadcrumb, an advertisement's label)
        if furniture.is_cruft(plain) or index in notices:
            in_list = bool(furniture.SECTION_CRUFT.match(plain))
            dropped.append(("copyright notice" if index in notices else furniture.cruft_kind(plain), plain))
            continue
        point = _POINT.match(block)
        if in_list and point and number is not None and int(point.group(1)) == number + 1:
            in_list = False  # the article's own numbered points go on ("4. …", "Read more", "5. …")
        if in_list:
            is_list = all(re.match(r"^\s*(?:[-*+]|\d+[.)])\s", line) for line in block.split("\n") if line.strip())
            if is_list or not furniture.ends_sentence(plain):
                dropped.append(("related list", plain))
                continue
            in_list = False
        numbered = [int(m.group(1)) for line in block.split("\n") if (m := _POINT.match(line.lstrip()))]
        number = numbered[-1] if numbered else number
        kept.append(block)
    return "\n\n".join(kept)
