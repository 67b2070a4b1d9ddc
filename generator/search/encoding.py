"""The text form of the search files: numbers as decimals written from a table, JSON, and the
`.js` wrapper that lets a page loaded from disk (file://) read a file as a script."""

from __future__ import annotations

import json

import numpy as np

from generator.archive.model import OutputFile


def script(name: str, data: object) -> OutputFile:
    return script_of_json(name, to_json(data), isinstance(data, dict) and "__proto__" in data)


def to_json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def script_of_json(name: str, body: str, has_proto: bool = False) -> OutputFile:
    """The script file of some data, given as its JSON text (`to_json`)."""
    if has_proto:
        # In an object literal that key would set the prototype, not hold a term.
        body = f"JSON.parse({json.dumps(body)})"
    return OutputFile(f"search/{name}.js", f'ArchiveSearch.receive("{name}",{body});\n'.encode("utf-8"))


_TABLE_LIMIT = 1 << 22  # values below this are written from a table of their texts

_table = np.zeros(0, dtype="<u8")  # the text `v,` of each v, left-aligned in 8 bytes padded with NULs

_sizes = np.zeros(0, dtype=np.int64)  # its length

def _grow_table(top: int) -> None:
    global _table, _sizes
    size = max(1024, 1 << top.bit_length())
    texts = [f"{v},".encode("ascii") for v in range(size)]
    _table = np.frombuffer(b"".join(t.ljust(8, b"\0") for t in texts), dtype="<u8")
    _sizes = np.array([len(t) for t in texts], dtype=np.int64)


def decimals(values: np.ndarray) -> tuple[str, np.ndarray]:
    """The text `v,` of every value (non-negative integers below 2**31) one after another,
    each written as json.dumps writes it, and where each value's text ends."""
    values = values.astype(np.int32, copy=False)
    if len(values) == 0:
        return "", np.zeros(0, dtype=np.int64)
    if int(values.min()) < 0:
        raise ValueError("negative value")
    top = int(values.max())
    if top >= _TABLE_LIMIT:
        return decimals_wide(values)
    if top >= len(_table):
        _grow_table(top)
    text = _table[values].tobytes().translate(None, b"\0").decode("ascii")
    return text, np.cumsum(_sizes[values])


def decimals_wide(values: np.ndarray) -> tuple[str, np.ndarray]:
    """`decimals` of any values below 2**31, digit by digit."""
    n = len(values)
    digits = np.ones(n, dtype=np.int8)
    top, power = int(values.max()), 10
    while top >= power:
        digits += values >= power
        power *= 10
    width = int(digits.max())
    cells = np.empty((width + 1, n), dtype=np.uint8)  # each value's digits right-aligned, then a comma
    cells[width] = ord(",")
    rest = values.copy()
    for place in range(width - 1, -1, -1):
        quotient = rest // 10
        cells[place] = rest - quotient * 10 + ord("0")
        rest = quotient
    keep = np.arange(width + 1, dtype=np.int8)[:, None] >= (width - digits)  # drop leading zeros
    text = cells.T[keep.T].tobytes().decode("ascii")
    return text, np.cumsum(digits + 1, dtype=np.int64)


ROWS_AT_ONCE = 200_000  # rows turned into text at a time: `decimals` takes ~60 bytes a value

def row_texts(rows: np.ndarray) -> tuple[str, np.ndarray]:
    """The text `v,` of every value of the rows, and where each row's text starts (one more: the end).

    By slices of rows, so that a batch of millions of postings (one frequent
    2-character prefix at 100k articles) does not need gigabytes of temporaries.
    """
    width = rows.shape[1]
    texts, starts, offset = [], [np.zeros(1, dtype=np.int64)], 0
    for first in range(0, len(rows), ROWS_AT_ONCE):
        text, ends = decimals(rows[first : first + ROWS_AT_ONCE].ravel())
        texts.append(text)
        starts.append(ends[width - 1 :: width] + offset)
        offset += len(text)
    return "".join(texts), np.concatenate(starts)
