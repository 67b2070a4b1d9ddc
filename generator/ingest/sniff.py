"""What kind of input a file is, and its text: extension first, checked against the content."""

from __future__ import annotations

import codecs
import os
import re
import stat
import zlib
from pathlib import Path

from charset_normalizer import from_bytes

from generator.ingest.record import ImportFailed

KINDS_BY_SUFFIX = {
    ".txt": "text", ".text": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".warc": "warc", ".warc.gz": "warc",
    ".md": "markdown", ".markdown": "markdown",
}
# Files a folder of saved pages holds beside its articles: skipped without a word when walking folders.
ASSET_SUFFIXES = frozenset(
    ".css .js .mjs .map .json .xml .png .jpg .jpeg .gif .webp .avif .svg .ico .bmp .tif .tiff "
    ".woff .woff2 .ttf .otf .eot .mp4 .webm .mp3 .ogg .pdf .zip .gz .py .pyc .sh .toml .yaml .yml .cfg "
    ".ini .csv .tsv .db .sqlite .exe .so .dll .o .class .jar .zim .manifest".split()
)

_HTML = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)
_TAGS = re.compile(rb"<(?:p|div|article|h1|h2|span|a|meta|title)\b[^>]*>", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)


def not_a_file(path: Path) -> str:
    """Why `path` (neither a file nor a folder) is not read: opening a FIFO or a device could wait forever."""
    if path.is_symlink() and not path.exists():
        return "is a link to nothing; not read"
    kind = "a named pipe (FIFO)" if path.is_fifo() else "a socket" if path.is_socket() else \
        "a device" if path.is_block_device() or path.is_char_device() else "not a regular file"
    return f"is {kind}, not a file; not read"


def read_bytes(path: Path) -> bytes:
    """A regular file's bytes. The file is opened without waiting (a FIFO put there since would block) and
    checked before it is read."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise ImportFailed(not_a_file(path))
        return handle.read()


def suffix_of(name: str) -> str:
    lower = name.lower()
    return ".warc.gz" if lower.endswith(".warc.gz") else ("." + lower.rsplit(".", 1)[1] if "." in lower else "")


def is_warc(data: bytes) -> bool:
    head = data[:64]
    if head.startswith(b"\x1f\x8b"):
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data[:4096], 64)
        except zlib.error:
            return False
    return head.startswith(b"WARC/")


def looks_like_html(data: bytes) -> bool:
    if _HTML.match(data[:4096]):
        return True
    return len(_TAGS.findall(data[:20000])) >= 5


def kind_of(name: str, data: bytes) -> str:
    """text | html | warc | markdown. Raises ImportFailed for a file that is none of them."""
    if not data.strip():
        raise ImportFailed("is empty")
    claimed = KINDS_BY_SUFFIX.get(suffix_of(name))
    if claimed == "warc" or is_warc(data):
        if not is_warc(data):
            raise ImportFailed("is not a WARC file (it does not start with a WARC record)")
        return "warc"
    if data.startswith(b"\x1f\x8b"):
        raise ImportFailed("is compressed data, not an article")
    if claimed == "html":
        return "html" if looks_like_html(data) or b"<" in data[:4096] else "text"
    starts_as_markup = data.lstrip().removeprefix(codecs.BOM_UTF8).lstrip()[:1] == b"<"
    if looks_like_html(data) and (claimed != "text" or starts_as_markup):
        return "html"  # a .txt is HTML only when it starts as markup, not a text quoting some in code samples
    if claimed == "markdown":
        return "markdown"
    if claimed is None and decode(data).lstrip().startswith("---"):
        return "markdown"
    return "text"


# A page's declared charset read as browsers read it (the WHATWG Encoding Standard's labels): a page
# labelled gb2312 may hold any GBK character, one labelled Latin-1 any of windows-1252's.
_AS_BROWSERS_READ = {
    **dict.fromkeys(("gb2312", "gbk", "x-gbk", "chinese", "csgb2312", "iso-ir-58"), "gb18030"),
    **dict.fromkeys(("iso-8859-1", "latin1", "latin-1", "l1", "ascii", "us-ascii", "cp819"), "cp1252"),
    **dict.fromkeys(("iso-8859-9", "latin5"), "cp1254"),
    **dict.fromkeys(("tis-620", "iso-8859-11"), "cp874"),
    **dict.fromkeys(("euc-kr", "ks_c_5601-1987", "korean"), "cp949"),
    **dict.fromkeys(("shift_jis", "sjis", "ms_kanji", "x-sjis"), "cp932"),
}
MAX_DAMAGE = 32  # bad byte sequences a file may hold and still be read, each shown as U+FFFD (as a browser does)


def decode(data: bytes, html: bool = False, damage: list[str] | None = None) -> str:
    """The file's text: a BOM wins, then UTF-8, then a declared charset (HTML), then detection.
    With a `damage` list, a file of that encoding with a few bad byte sequences inside it (not at its
    end: a cut file) is read with U+FFFD in their place, and a note naming the line goes into the list."""
    if not data.strip():
        raise ImportFailed("is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _clean(data.decode(encoding))
            except UnicodeDecodeError as exc:
                raise ImportFailed(f"is not valid {encoding.upper().removesuffix('-SIG')} text "
                                   f"(bad bytes at offset {exc.start})") from None
    if b"\x00" in data[:8192]:
        raise ImportFailed("is binary data, not text")
    try:
        return _clean(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if html:
        declared = _META_CHARSET.search(data[:8192])
        if declared:
            name = declared.group(1).decode("ascii", "replace").lower()
            name = _AS_BROWSERS_READ.get(name, name)
            try:
                return _clean(data.decode(name))
            except UnicodeDecodeError:
                text = _despite_damage(data, name, damage)
                if text is not None:
                    return _clean(text)
            except LookupError:
                pass
    if _mostly_utf8(data):
        text = _despite_damage(data, "utf-8", damage)
        if text is not None:
            return _clean(text)
        line = data[: utf8_error.start].count(b"\n") + 1
        raise ImportFailed(f"is not valid UTF-8: line {line} holds bytes that are no character "
                           "(re-save the file as UTF-8)")
    best = from_bytes(data).best()
    if best is None or best.chaos > 0.3:
        raise ImportFailed("is not text in any encoding I recognise (binary, or damaged)")
    return _clean(str(best))


def _despite_damage(data: bytes, encoding: str, damage: list[str] | None) -> str | None:
    """The text with each bad byte sequence as U+FFFD, when a `damage` list is given and the bad
    sequences are few (at most MAX_DAMAGE, one per 1,000 bytes at most) and none ends the file."""
    if damage is None:
        return None
    parts: list[str] = []
    bad: list[int] = []
    start = 0
    while True:
        try:
            parts.append(data[start:].decode(encoding))
            break
        except UnicodeDecodeError as exc:
            bad.append(start + exc.start)
            if len(bad) > MAX_DAMAGE or start + exc.end >= len(data) or len(bad) * 1000 > len(data):
                return None
            parts += [data[start : start + exc.start].decode(encoding), "\ufffd"]
            start += exc.end
    lines = sorted({data[:offset].count(b"\n") + 1 for offset in bad})
    where = f"line {lines[0]}" if len(lines) == 1 else "lines " + ", ".join(map(str, lines))
    count = f"{len(bad)} byte sequence{'s' if len(bad) > 1 else ''}"
    damage.append(f"{where}: {count} that {'are' if len(bad) > 1 else 'is'} no character in {encoding.upper()}, "
                  "kept as \ufffd (the file is damaged there)")
    return "".join(parts)


def _mostly_utf8(data: bytes) -> bool:
    """Valid multi-byte UTF-8 sequences beside invalid bytes: a damaged UTF-8 file, not Latin-1."""
    sequences = re.findall(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}", data)
    covered = sum(len(s) for s in sequences)
    high = sum(1 for byte in data if byte >= 0x80)
    return len(sequences) >= 2 and covered >= 0.8 * high


def _clean(text: str) -> str:
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if any(ch in text for ch in "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f"):
        text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "", text)
    return text


# Raster images by their first bytes: the only images an import copies. SVG and HTML can hold script, so a
# file that claims to be an image is copied only when its bytes are one of these.
_IMAGE_TYPES = {".jpg": ("image/jpeg", "image/jpg", "image/pjpeg"), ".png": ("image/png", "image/x-png"),
                ".gif": ("image/gif",), ".webp": ("image/webp",), ".avif": ("image/avif",)}


def image_suffix(data: bytes, content_type: str | None = None) -> str | None:
    """`.jpg`, `.png`, `.gif`, `.webp` or `.avif` when the bytes are that image and the declared type, if
    any, agrees; else None."""
    if data.startswith(b"\xff\xd8\xff"):
        suffix = ".jpg"
    elif data.startswith(b"\x89PNG\r\n\x1a\n"):
        suffix = ".png"
    elif data[:6] in (b"GIF87a", b"GIF89a"):
        suffix = ".gif"
    elif data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        suffix = ".webp"
    elif data[4:8] == b"ftyp" and data[8:12] in (b"avif", b"avis"):
        suffix = ".avif"
    else:
        return None
    mime = (content_type or "").split(";")[0].strip().lower()
    return suffix if not mime or mime in _IMAGE_TYPES[suffix] else None
