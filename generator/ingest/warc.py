"""WARC captures -> Imported: every HTML response is a capture of an article; captures of one URL are
versions of one article.

Each capture is read on its own, and they are returned in capture order, so the
importer keeps each as a version and the article is the latest. A capture's
source is its URL (`url`: the target URI, `retrieved`: the capture time). The capture is
named in `provenance` (`record_id`, `target_uri`, `captured`); `archived_at` is left unset,
because a capture inside a local WARC file has no http(s) address.
Images the WARC holds (image responses) become the article's local image when
the page names one of them as its lead image.
"""

from __future__ import annotations

import io
import re
import zlib
from dataclasses import replace
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from generator.archive import dates, versions
from generator.archive.model import PartialDate, Source
from generator.ingest import html, pagemeta, sniff
from generator.ingest.record import Imported, ImportFailed

HTML_TYPES = ("text/html", "application/xhtml+xml")
_NO_TIME = PartialDate(1)  # a capture without a readable WARC-Date sorts first


def read(path: Path, data: bytes) -> tuple[list[Imported], list[str]]:
    """The articles, and a message for each HTML capture that held none (raises if none did)."""
    if data[:2] == b"\x1f\x8b":
        _check_gzip(data)
    pages: dict[str, list[tuple[str, int, str, str, bytes, str | None]]] = {}
    images: dict[str, tuple[str, bytes]] = {}  # URI -> (Content-Type, bytes)
    count = 0
    records = _Records(io.BytesIO(data))
    try:
        for order, record in enumerate(records):
            count += 1
            if record.rec_type not in ("response", "resource"):
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI") or ""
            headers = record.http_headers
            if headers is not None and record.rec_type == "response":
                status = headers.get_statuscode() or ""
                if not re.fullmatch(r"\d{3}", status):
                    raise ImportFailed(f"is a damaged WARC: the record for {uri or 'a capture'} has no HTTP "
                                       f"status line (it starts {headers.protocol[:40]!r})")
                if not status.startswith("2"):
                    record.content_stream().read()
                    continue
                ctype = headers.get_header("Content-Type") or ""
            else:
                ctype = record.rec_headers.get_header("Content-Type") or ""
            payload = record.content_stream().read()
            if getattr(record.raw_stream, "limit", 0):
                raise ImportFailed(f"is a truncated WARC: the record for {uri or 'a capture'} ends early")
            mime = ctype.split(";")[0].strip().lower()
            if mime in HTML_TYPES or (not mime and sniff.looks_like_html(payload)):
                stamp = record.rec_headers.get_header("WARC-Date") or ""
                record_id = record.rec_headers.get_header("WARC-Record-ID") or ""
                charset = re.search(r"charset=([\w.:-]+)", ctype, re.I)
                pages.setdefault(uri, []).append(
                    (stamp, order, record_id.strip("<>"), uri, payload, charset.group(1) if charset else None))
            elif mime.startswith("image/") and uri:
                images[uri] = (mime, payload)
    except (ArchiveLoadFailed, EOFError, zlib.error, OSError, ValueError) as exc:
        raise ImportFailed(f"is a truncated or damaged WARC ({str(exc).strip() or type(exc).__name__})") from None
    except (AttributeError, TypeError, KeyError, IndexError, UnicodeError):
        # warcio trips over some malformed headers (a response without WARC-Target-URI: AttributeError)
        raise ImportFailed(f"is a damaged WARC: record {count + 1} cannot be read (its WARC or HTTP headers "
                           "are malformed)") from None
    if records.err_count:
        raise ImportFailed("is a damaged WARC: a record's Content-Length does not match its content")
    if count == 0:
        raise ImportFailed("holds no WARC records (empty or truncated)")
    if not pages:
        raise ImportFailed(f"holds no HTML pages ({count} records, none an HTML response)")
    articles, failures = [], []
    for uri in sorted(pages):
        for capture in sorted(pages[uri], key=lambda c: ((_moment(c[0]) or _NO_TIME).sort_key(), c[1])):
            stamp, _, record_id, _, payload, charset = capture
            try:
                article = html.read(_decode(payload, charset), None, url=uri or None)
            except ImportFailed as exc:
                failures.append(f"{uri}" + (f" (captured {stamp})" if len(pages[uri]) > 1 else "") + f": {exc}")
                continue
            articles.append(_with_capture(article, capture, images, record_id, uri))
    if not articles:
        raise ImportFailed("holds no article: " + "; ".join(failures))
    return articles, failures


class _Records(ArchiveIterator):
    """warcio's reader, less its warning on stderr for a record of the wrong length: counted, then reported."""

    INC_RECORD = ""


def _with_capture(article: Imported, capture, images: dict[str, tuple[str, bytes]], record_id: str,
                  uri: str) -> Imported:
    name = next((s.name for s in article.sources if s.name), None)
    stamp, _, _, target, _, _ = capture
    moment = _moment(stamp)
    source = Source(name=name, url=target if re.match(r"^https?://\S+$", target) else None, retrieved=moment)
    sources = (source,) if source.name or source.url else ()
    image, local = article.image, None
    if image is not None and image.src in images:
        # Copied only when its bytes are the raster image its record says; else it stays a remote link.
        mime, data = images[image.src]
        local = pagemeta.local_image(PurePosixPath(urlsplit(image.src).path).name or "image", data, mime)
        if local is not None:
            image = replace(image, src=None)
    return replace(
        article, kind="warc", sources=sources, image=image, local_image=local,
        flags=tuple(dict.fromkeys((*article.flags, "archived"))),
        origin={"record_id": record_id, "target_uri": uri,
                **({"captured": versions.iso(moment.moment)} if moment and moment.moment else {})},
    )


def _moment(stamp: str) -> PartialDate | None:
    match = re.match(r"^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?$", stamp.strip())
    if not match:
        return None
    try:
        return dates.parse(match.group(1) + (match.group(2) or "Z"))
    except ValueError:
        return None


def _decode(payload: bytes, charset: str | None) -> str:
    if charset:
        try:
            return payload.decode(charset).removeprefix("\ufeff")
        except (LookupError, UnicodeDecodeError):
            pass
    return sniff.decode(payload, html=True)


def _check_gzip(data: bytes) -> None:
    """A .warc.gz is a chain of gzip members; a cut one ends inside a member."""
    chunk = 1 << 20
    position = 0
    while position < len(data):
        if not data[position:].strip(b"\x00"):
            return
        stream = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            while not stream.eof and position < len(data):
                piece = data[position:position + chunk]
                position += len(piece)
                stream.decompress(piece, 1 << 16)
                while stream.unconsumed_tail and not stream.eof:
                    stream.decompress(stream.unconsumed_tail, 1 << 16)
        except zlib.error as exc:
            raise ImportFailed(f"is a damaged WARC (gzip: {exc})") from None
        if not stream.eof:
            raise ImportFailed("is a truncated WARC (the compressed data ends early)")
        position -= len(stream.unused_data)
