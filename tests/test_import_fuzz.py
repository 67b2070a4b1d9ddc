"""Fuzzing the importers: random and mutated inputs give an article or a per-file message, never a crash.

Bounded for `make test` (derandomized, so CI is deterministic); `FUZZ_EXAMPLES=5000` runs a long search.
A reader's unexpected exception shows as "could not be read: <Exception>: ..." (the run's last line of
defence): that counts as a failure here, as does any exception from the writer other than ImportFailed.
"""

from __future__ import annotations

import io
import os
import re

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from generator.ingest import emit
from generator.ingest.record import ImportFailed
from generator.ingest.run import read_input
from tests.helpers import REPO, page

pytestmark = pytest.mark.fuzz

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "0"))
SETTINGS = settings(
    max_examples=EXAMPLES or 100, deadline=None, derandomize=not EXAMPLES, database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

SEED_TEXT = (REPO / "seeds" / "000_ac22febed8974b90.txt").read_bytes()
SEED_HTML = page().encode()
SEED_MD = (b'---\ntitle: "Harbour: a plan"\npublished: 2021-06-03\nauthors: [Ann Example]\ntags: [harbour]\n'
           b"image:\n  src: photo.jpg\n  alt: The harbour\n---\n\nThe council approved the **plan**.\n\n> A quote.\n")
# Pieces that have broken readers before, or could: markup, escapes, marks the rules look for.
FRAGMENTS = [
    b"<p", b"<div>" * 50, b"</p>", b"<!--", b"<script>", b"<![CDATA[", b'="', b"'", b"&#xD800;", b"&#0;",
    b"\\ud800", b'"\\udfff"', b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b"\xc3", b"\r", b"\n\n", b"---\n", b"\n---\n",
    b"&a [*a, *a]", b"{", b"[", b"> " * 40, b"#" * 7, b"\xc2\xa9 2020 Holder", b"All rights reserved.",
    b"Copyright 2020", b"(CNN)", b"By Ann Example", b"Updated 3:01 PM ET, Wed July 1, 2020", b"![x](a%00b.png)",
    b'<meta property="og:image" content="x.svg">', b'<script type="application/ld+json">{"@type":"NewsArticle",'
    b'"headline":"a\\ud800b"}</script>', b"WARC/1.0\r\n", b"\x1f\x8b", b"a" * 5000, b"\xe2\x80\xae",
]


@st.composite
def mutated(draw, seed: bytes) -> bytes:
    data = bytearray(seed)
    for _ in range(draw(st.integers(0, 5))):
        # Cutting the input short mostly ends in "no article": rarer, so the readers' inner paths get fuzzed.
        action = draw(st.sampled_from(["flip", "insert", "fragment", "flip", "insert", "fragment", "delete", "cut"]))
        at = draw(st.integers(0, len(data)))
        if action == "flip" and data:
            data[min(at, len(data) - 1)] = draw(st.integers(0, 255))
        elif action == "insert":
            data[at:at] = draw(st.binary(max_size=40))
        elif action == "delete":
            del data[at:at + draw(st.integers(1, 100))]
        elif action == "cut":
            del data[at:]
        else:
            data[at:at] = draw(st.sampled_from(FRAGMENTS)) * draw(st.integers(1, 3))
    return bytes(data)


def inputs(seed: bytes):
    """Mostly mutations of a good input (they get deepest into the readers), some random bytes and text."""
    mutations = mutated(seed)
    return st.one_of(mutations, mutations, mutations, st.binary(max_size=2000), st.text(max_size=2000).map(
        lambda t: t.encode("utf-8", "surrogatepass")))


def _check(folder, name: str, data: bytes) -> None:
    path = folder / name
    path.write_bytes(data)
    result = read_input(path)
    if result.error is not None:
        assert result.error and not result.error.startswith("could not be read"), result.error
        reason = re.sub(r"^line \d+: ", "", result.error)
        event("refused: " + " ".join(reason.split()[:3]))  # --hypothesis-show-statistics shows the mix
        return
    assert result.records
    event(f"read as {result.kind}")
    emitter = emit.Emitter(folder / "archive", dry_run=True)
    for record in result.records:
        assert record.title.strip() and record.body.strip()
        try:
            emitter.emit(record, {"file": name, "sha256": result.sha256, "importer": record.kind, **record.origin})
        except ImportFailed as exc:
            assert str(exc)


@SETTINGS
@given(data=inputs(SEED_TEXT))
def test_fuzz_text(tmp_path_factory, data):
    _check(tmp_path_factory.mktemp("t"), "story.txt", data)


@SETTINGS
@given(data=inputs(SEED_HTML))
def test_fuzz_html(tmp_path_factory, data):
    _check(tmp_path_factory.mktemp("h"), "page.html", data)


@SETTINGS
@given(data=inputs(SEED_MD))
def test_fuzz_markdown(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("m")
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 16)
    _check(folder, "article.md", data)


def _warc(html: bytes, image: bytes, image_type: str) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    for number, (uri, payload, ctype) in enumerate([("https://example.org/news/a", html, "text/html"),
                                                    ("https://cdn.example.org/img/bridge.jpg", image, image_type)]):
        fixed = {"WARC-Date": "2021-04-08T12:00:00Z",
                 "WARC-Record-ID": f"<urn:uuid:00000000-0000-0000-0000-00000000000{number}>"}
        writer.write_record(writer.create_warc_record(
            uri, "response", payload=io.BytesIO(payload), warc_headers_dict=fixed,
            http_headers=StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")))
    return out.getvalue()  # the same bytes every run: derandomized examples stay the same


SEED_WARC = _warc(SEED_HTML, b"\xff\xd8\xff\xe0" + b"\x00" * 16, "image/jpeg")


@SETTINGS
@given(data=st.one_of(
    inputs(SEED_WARC),
    st.builds(_warc, mutated(SEED_HTML), st.sampled_from(FRAGMENTS),
              st.sampled_from(["image/jpeg", "image/svg+xml", "text/html", ""])),
))
def test_fuzz_warc(tmp_path_factory, data):
    _check(tmp_path_factory.mktemp("w"), "crawl.warc", data)
