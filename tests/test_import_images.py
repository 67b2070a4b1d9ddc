"""Images an import copies are raster images whose bytes say so: never SVG or HTML from a capture."""

from __future__ import annotations

import datetime as dt
import io

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from generator.ingest import sniff
from generator.load import content
from tests.helpers import make_tree, page

SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.domain)</script></svg>'
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF" + b"\x00" * 32


def _warc(path, pages: dict[str, str], images: dict[str, tuple[str, bytes]]) -> None:
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=False)
        for uri, html in pages.items():
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                uri, "response", payload=io.BytesIO(html.encode()), http_headers=headers,
                warc_headers_dict={"WARC-Date": "2021-04-08T12:00:00Z"}))
        for uri, (ctype, data) in images.items():
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                uri, "response", payload=io.BytesIO(data), http_headers=headers,
                warc_headers_dict={"WARC-Date": "2021-04-08T12:00:00Z"}))


def _page(title: str, image: str) -> str:
    return page(image=image).replace("Harbour bridge to close for a year", title)


def _files(root):
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def test_a_capture_never_publishes_svg_or_html_as_an_image(cli, tmp_path):
    svg = "https://example.org/img/lead.svg"
    sneaky = "https://example.org/img/..%2f..%2findex.html"
    mislabelled = "https://example.org/img/photo.png"
    _warc(tmp_path / "crawl.warc", {
        "https://example.org/a": _page("Svg lead image story", svg),
        "https://example.org/b": _page("Html lead image story", sneaky),
        "https://example.org/c": _page("Jpeg called png story", mislabelled),
    }, {svg: ("image/svg+xml", SVG), sneaky: ("image/png", HTML), mislabelled: ("image/png", JPEG)})
    root = tmp_path / "r"
    ran = cli("import", tmp_path / "crawl.warc", "--root", root)
    assert ran.code == 0, ran.err
    assert [f for f in _files(root / "content") if ".versions/" not in f] == [
        "2021/html-lead-image-story.md", "2021/jpeg-called-png-story.md", "2021/svg-lead-image-story.md"]
    articles = {a.slug: a for a in content.load(root, ".", dt.timezone.utc)[0]}
    # Not copied: each stays what it is, a remote address shown as a link.
    assert articles["svg-lead-image-story"].image.src == svg
    assert articles["html-lead-image-story"].image.src == sneaky
    assert articles["jpeg-called-png-story"].image.src == mislabelled
    assert cli("build", "--root", root).code == 0
    assert not [f for f in _files(root / "site") if f.endswith(".svg") or "2findex" in f]


def test_a_real_image_is_named_by_the_type_its_bytes_show(cli, tmp_path):
    svg_named = "https://example.org/img/lead.svg"
    plain = "https://example.org/img/photo"
    _warc(tmp_path / "crawl.warc", {
        "https://example.org/a": _page("Png named svg story", svg_named),
        "https://example.org/b": _page("Jpeg without a suffix story", plain),
    }, {svg_named: ("image/png", PNG), plain: ("image/jpeg", JPEG)})
    root = tmp_path / "r"
    assert cli("import", tmp_path / "crawl.warc", "--root", root).code == 0
    assert (root / "content/2021/png-named-svg-story/lead.png").read_bytes() == PNG
    assert (root / "content/2021/jpeg-without-a-suffix-story/photo.jpg").read_bytes() == JPEG
    articles = {a.slug: a for a in content.load(root, ".", dt.timezone.utc)[0]}
    assert articles["png-named-svg-story"].image.src == "png-named-svg-story/lead.png"


def test_a_saved_page_never_copies_svg_or_html_named_as_an_image(cli, tmp_path):
    make_tree(tmp_path, {
        "saved/a.html": _page("Saved page with svg", "a_files/lead.svg"),
        "saved/a_files/lead.svg": SVG,
        "saved/b.html": _page("Saved page with fake png", "b_files/lead.png"),
        "saved/b_files/lead.png": HTML,
    })
    root = tmp_path / "r"
    assert cli("import", tmp_path / "saved", "--root", root).code == 0
    assert _files(root / "content") == ["2021/saved-page-with-fake-png.md", "2021/saved-page-with-svg.md"]


def test_image_sniffing_checks_bytes_and_declared_type():
    assert sniff.image_suffix(PNG) == ".png" and sniff.image_suffix(JPEG, "image/jpeg; q=1") == ".jpg"
    assert sniff.image_suffix(b"GIF89a" + b"\x00" * 10, "image/gif") == ".gif"
    assert sniff.image_suffix(b"RIFF\x00\x00\x00\x00WEBPVP8 ") == ".webp"
    assert sniff.image_suffix(b"\x00\x00\x00\x1cftypavif") == ".avif"
    for data, ctype in ((SVG, None), (SVG, "image/svg+xml"), (HTML, "image/png"), (JPEG, "image/png"),
                        (PNG, "text/html"), (b"", None)):
        assert sniff.image_suffix(data, ctype) is None
