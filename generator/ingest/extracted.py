"""trafilatura's XML output, written as Markdown: headings, paragraphs, lists, quotes, tables, links.

trafilatura's own Markdown drops the quote markers; its XML keeps every
structure, so the importer writes the Markdown itself. All text is escaped:
nothing in a page becomes raw HTML or unintended Markdown.
"""

from __future__ import annotations

import re

from lxml import etree

from generator.ingest import furniture

_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_BLOCK_START = re.compile(r"^(#{1,6}\s|[-+*]\s|=+\s*$|>)")
# "1." starts a list: its escape goes before the dot (a backslash before a digit is printed as it is)
_NUMBER_START = re.compile(r"^(\d+)([.)]\s)")


def to_markdown(xml: str) -> str:
    try:
        root = etree.fromstring(xml.encode("utf-8"))
    except etree.XMLSyntaxError:
        return ""
    main = root.find("main")
    if main is None:
        return ""
    blocks = [block for element in main for block in _blocks(element)]
    return "\n\n".join(block for block in blocks if block.strip())


def _blocks(element, depth: int = 0) -> list[str]:
    tag = element.tag
    if not isinstance(tag, str):  # a comment of the page's source
        return []
    if tag == "head":
        level = re.match(r"h(\d)", element.get("rend") or "")
        hashes = "#" * min(max(int(level.group(1)) if level else 2, 2), 6)
        text = _inline(element)
        return [f"{hashes} {text}"] if text else []
    if tag == "list":
        return ["\n".join(_items(element))]
    if tag == "quote":
        inner = [b for child in element for b in _blocks(child)] if len(element) and all(
            child.tag in ("p", "list", "head", "quote") for child in element) else _paragraphs(element)
        return ["\n>\n".join("> " + line for b in inner if b for line in b.split("\n"))]
    if tag == "table":
        return [_table(element)]
    if tag == "code":
        code = "".join(element.itertext()).strip("\n")
        fence = "`" * max(3, _longest_ticks(code) + 1)  # (a fence the code's own backticks cannot close)
        return [f"{fence}\n{code}\n{fence}"] if code.strip() else []
    if tag in ("graphic", "lb"):
        return []
    if tag in ("div", "section"):
        return _mixed(element, depth)
    return _paragraphs(element)


def _items(element, indent: str = "") -> list[str]:
    """A list's lines; a list inside an item is indented under it (its words are not the item's too)."""
    ordered = (element.get("rend") or "").lower() == "ol"
    lines, number = [], 0
    for item in [item for item in element.iter("item") if next(item.iterancestors("list")) is element]:
        nested = [child for child in item if child.tag == "list"]
        for child in nested:
            previous = child.getprevious()
            if previous is not None:
                previous.tail = (previous.tail or "") + " " + (child.tail or "")
            else:
                item.text = (item.text or "") + " " + (child.tail or "")
            item.remove(child)  # the item's words after it stay the item's
        text = literal_start(_inline(item))  # "- 1. text" would be a list in the item
        if text:
            number += 1
            lines.append(f"{indent}{number}. {text}" if ordered else f"{indent}- {text}")
        for child in nested:
            lines += _items(child, indent + "   ")
    return lines


_INLINE = ("hi", "ref", "lb", "graphic", "code")
LOOSE_DEPTH = 2  # loose text this few blocks deep is the text's; deeper, a slideshow's or a teaser box's
LOOSE_WORDS = 20  # ... and it is a paragraph of prose: this many words, or a sentence's end


def _mixed(element, depth: int) -> list[str]:
    """A block holding blocks and loose text (its own, or after a child): a run of loose text and inline
    elements is a paragraph of its own, in its place, when it is prose not deep in nested blocks (the
    recall pass leaves a text's paragraphs so; a slideshow's captions and teaser headlines stay out)."""
    blocks: list[str] = []
    run = etree.Element("p")
    run.text = element.text
    for child in list(element):
        if child.tag in _INLINE and not (child.tag == "code" and "\n" in "".join(child.itertext())) or \
                not isinstance(child.tag, str):  # a source comment: only its tail is text
            run.append(child)  # its tail comes with it
            continue
        blocks += _loose(run, depth)
        blocks += _blocks(child, depth + 1)
        run = etree.Element("p")
        run.text = child.tail
    return blocks + _loose(run, depth)


def _loose(run, depth: int) -> list[str]:
    if depth > LOOSE_DEPTH or not (len(run) or (run.text or "").strip()):
        return []
    paragraphs = _paragraphs(run)
    text = " ".join(paragraphs)
    return paragraphs if len(text.split()) >= LOOSE_WORDS or furniture.ends_sentence(text.rstrip("*_")) else []


def _paragraphs(element) -> list[str]:
    """A paragraph; lines it breaks with <br> are paragraphs of their own (by-lines, dates, verses)."""
    return [literal_start(line) for line in _inline(element).split("\n") if line.strip()]


def literal_start(line: str) -> str:
    """A line's first characters escaped where Markdown would read them as a heading, list or quote mark."""
    return _NUMBER_START.sub(r"\1\\\2", _BLOCK_START.sub(r"\\\1", line))


def _inline(element) -> str:
    parts = [escape(element.text)]
    for child in element:
        tag = child.tag
        inner = _inline(child) if isinstance(tag, str) else ""  # a source comment is no text (its tail is)
        if tag == "hi" and inner:
            rend = child.get("rend") or ""
            inner = f"**{inner}**" if "b" in rend else f"*{inner}*" if "i" in rend else inner
        elif tag == "ref" and inner:
            target = (child.get("target") or "").strip().replace(" ", "%20").replace("(", "%28").replace(")", "%29")
            inner = f"[{inner}]({target})" if target else inner
        elif tag == "lb":
            inner = "\n"
        elif tag == "code" and inner:
            inner = _code_span("".join(child.itertext()))
        elif tag == "graphic":
            inner = ""
        if tag in ("hi", "ref") and inner:  # the space at its edge parts it from the words beside it
            words = "".join(child.itertext())
            inner = " " * words[:1].isspace() + inner + " " * words[-1:].isspace()
        parts.append(inner)
        parts.append(escape(child.tail))
    text = "".join(parts)
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    return re.sub(r" ?\n ?", "\n", text).strip()


def _longest_ticks(code: str) -> int:
    return max((len(run) for run in re.findall(r"`+", code)), default=0)


def _code_span(code: str) -> str:
    """Code as Markdown prints it as written: between runs of backticks longer than any inside it, with a space
    inside them when it starts or ends with one (CommonMark's rule; `a`b` was printed `a'b`)."""
    ticks = "`" * (_longest_ticks(code) + 1)
    pad = " " if code[:1] == "`" or code[-1:] == "`" else ""
    return f"{ticks}{pad}{code}{pad}{ticks}"


def escape(text: str | None) -> str:
    """Text as Markdown prints it as written: its marks escaped, its line breaks spaces."""
    return _SPECIAL.sub(r"\\\1", text.replace("\n", " ")) if text else ""


def _table(element) -> str:
    rows = [[_inline(cell).replace("\n", " ") for cell in row.iter("cell")] for row in element.iter("row")]
    rows = [row for row in rows if any(row)]
    if not rows:
        return ""
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + " --- |" * width]
    lines += ["| " + " | ".join(row) + " |" for row in rows[1:]]
    return "\n".join(lines)
