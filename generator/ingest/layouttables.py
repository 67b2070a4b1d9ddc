"""Tables a saved page is laid out with, made blocks for trafilatura: a layout table's rows and cells become divs (it
reads the text in them as a box's, not as a table's cells), a syntax highlighter's table its code blocks; a table of
data printed inside a layout table stays a table."""

from __future__ import annotations

import re

import lxml.html

from generator.ingest import furniture

CELL_WORDS, CELL_CHARACTERS = 60, 300  # a cell this long holds text, not data: its table lays the page out
GRID_ROWS, GRID_COLUMNS = 4, 3  # a table of data has this many rows of this many cells (a menu, a by-line row fewer)


def unlayout(tree) -> None:
    for table in tree.xpath("/descendant::table[.//td//pre or .//th//pre]"):
        _unwrap_code(table)
    tables = tree.xpath("//table")
    # (a grid of data inside a layout table stays a table: the text's table, printed in the layout's cell; any other
    # table inside it is read as its blocks)
    grids = {element for table in tree.xpath("//table//table") if _is_grid(table) for element in table.iter()}
    for table in tables:
        if table.xpath(".//table") or _holds_text(table):
            for element in [table, *table.xpath(".//tr | .//td | .//th | .//tbody | .//thead | .//tfoot")]:
                if element not in grids:
                    element.tag = "div"
                    element.attrib.clear()


def _holds_text(table) -> bool:
    return any(len(cell.text_content().split()) > CELL_WORDS or len(cell.text_content()) > CELL_CHARACTERS
               for cell in table.xpath(".//td | .//th"))


def _is_grid(table) -> bool:
    """A table of data: rows of several short cells of text, not of links, and no table inside."""
    if table.xpath(".//table") or _holds_text(table):
        return False
    wide = sum(len(row.xpath("./td | ./th")) >= GRID_COLUMNS for row in table.iter("tr"))
    links = sum(furniture.words(a.text_content()) for a in table.iter("a"))
    return wide >= GRID_ROWS and links <= furniture.words(table.text_content()) / 4


def _unwrap_code(table) -> None:
    """A syntax highlighter's table (line numbers | code): its code blocks stand in its place, line
    breaks and all; a cell of line numbers alone goes; any other cell's text stays, as a paragraph."""
    if table.xpath(".//table") or table.getparent() is None:
        return
    blocks = []
    for cell in table.xpath(".//td | .//th"):
        pres = cell.xpath(".//pre[not(ancestor::pre)]")
        for pre in pres:
            pre.drop_tree()  # its tail stays in the cell
        text = cell.text_content()
        if text.strip() and not re.fullmatch(r"[\d\s]+", text):
            paragraph = lxml.html.Element("p")
            paragraph.text = " ".join(text.split())
            blocks.append(paragraph)
        for pre in pres:
            if re.fullmatch(r"[\d\s]+", pre.text_content()):
                continue  # line numbers
            if not pre.xpath("./code"):  # what tells the extractor it is code, not a quotation
                code = lxml.html.Element("code")
                code.text, pre.text = pre.text, None
                code.extend(list(pre))
                pre.append(code)
            blocks.append(pre)
    parent, index, tail = table.getparent(), table.getparent().index(table), table.tail
    parent.remove(table)
    for offset, block in enumerate(blocks):
        block.tail = None
        parent.insert(index + offset, block)
    if blocks:
        blocks[-1].tail = tail
