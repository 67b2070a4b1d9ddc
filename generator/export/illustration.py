"""The ZIM's 48×48 PNG illustration, the picture Kiwix shows for an archive in its library.

When archive.yaml names none, one is drawn from the archive's title: a symmetric 5×5 pattern
of squares (an identicon) on a colour, both taken from the title's SHA-256, so a title always
gives the same picture and two archives seldom look alike. The PNG is written here, byte by
byte: a two-colour palette, one bit a pixel, and the pixels stored uncompressed (336 bytes),
so the bytes depend on no zlib version.
"""

from __future__ import annotations

import colorsys
import hashlib
import struct
import zlib

SIZE = 48  # pixels, as Kiwix asks (Illustration_48x48@1)
CELLS, CELL, MARGIN = 5, 8, 4  # 5 cells of 8 pixels, 4 pixels around them
SIGNATURE = b"\x89PNG\r\n\x1a\n"


def drawn(title: str) -> bytes:
    digest = hashlib.sha256(title.encode("utf-8")).digest()
    # the left three columns from the digest's bits, mirrored to the right
    on = [[digest[row] >> min(col, CELLS - 1 - col) & 1 for col in range(CELLS)] for row in range(CELLS)]
    if not any(map(any, on)):
        on[CELLS // 2][CELLS // 2] = 1
    hue = int.from_bytes(digest[8:10], "big") / 65536
    red, green, blue = (round(c * 255) for c in colorsys.hls_to_rgb(hue, 0.42, 0.6))
    palette = bytes((red, green, blue, 255, 255, 255))  # 0: the background, 1: the squares
    rows = []
    for y in range(SIZE):
        cell_row = (y - MARGIN) // CELL if MARGIN <= y < SIZE - MARGIN else None
        bits = 0
        for x in range(SIZE):
            cell_col = (x - MARGIN) // CELL if MARGIN <= x < SIZE - MARGIN else None
            lit = cell_row is not None and cell_col is not None and on[cell_row][cell_col]
            bits = bits << 1 | lit
        rows.append(b"\x00" + bits.to_bytes(SIZE // 8, "big"))  # filter type 0, then the row
    return _png(palette, b"".join(rows))


def _png(palette: bytes, raw: bytes) -> bytes:
    header = struct.pack(">IIBBBBB", SIZE, SIZE, 1, 3, 0, 0, 0)  # 1 bit, palette, no interlace
    # a zlib stream of one stored (uncompressed) deflate block
    stored = b"\x78\x01\x01" + struct.pack("<HH", len(raw), len(raw) ^ 0xFFFF) + raw
    stored += struct.pack(">I", zlib.adler32(raw))
    chunks = (b"IHDR", header), (b"PLTE", palette), (b"IDAT", stored), (b"IEND", b"")
    return SIGNATURE + b"".join(_chunk(kind, data) for kind, data in chunks)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_size(data: bytes) -> tuple[int, int] | None:
    """A PNG's width and height, or None if `data` is not a PNG."""
    if not data.startswith(SIGNATURE) or data[12:16] != b"IHDR" or len(data) < 24:
        return None
    return struct.unpack(">II", data[16:24])
