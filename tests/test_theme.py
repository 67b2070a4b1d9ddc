"""The built-in theme's pages as a reader meets them: the article's notice, standfirst and dateline,
a missing image in one line, page numbers and the jump to a year, the home page as a front page."""

from __future__ import annotations

import lxml.html

from tests.helpers import article, make_tree
from tests.showcase import PAGES, PNG


def _open(site, name):
    return lxml.html.fromstring((site / PAGES[name]).read_bytes())


def _has(name: str) -> str:
    return f"contains(concat(' ', @class, ' '), ' {name} ')"


def _find(node, tag: str, cls: str | None = None, where: str = "") -> list:
    """Descendants `tag` (with the class `cls`) that meet the XPath condition `where`."""
    conditions = [c for c in (cls and _has(cls), where) if c]
    return node.xpath(f".//{tag}" + "".join(f"[{c}]" for c in conditions))


def _text(node) -> str:
    return " ".join(node.text_content().split())


def test_one_notice_says_what_every_flag_says_and_no_badge_repeats_it(showcase):
    page = _open(showcase, "article")
    notices = page.xpath(f"//main//*[{_has('notice')}]")
    assert len(notices) == 1
    said = _text(notices[0])
    for words in ("retracted by its publisher", "disputed", "corrected after publication",
                  "may be outdated", "more than 1 year old", "archived copy", "Only part"):
        assert words in said
    assert _find(notices[0], "a", where="@href='#corrections'")
    assert page.xpath(f"//main//*[{_has('badge')}]") == []
    assert "notice-retracted" in notices[0].get("class")  # styled by the gravest flag


def test_the_summary_is_a_standfirst_under_the_headline(showcase):
    header = _find(_open(showcase, "article"), "header", "article-header")[0]
    assert [e.tag for e in header][:2] == ["h1", "p"]
    assert header[1].get("class") == "standfirst"
    assert _text(header[1]) == "The vote ends a decade of argument over who pays for the repairs."


def test_the_dateline_runs_into_the_first_paragraph(showcase):
    first = _find(_find(_open(showcase, "article"), "div", "article-body")[0], "p")[0]
    assert _text(first).startswith("PORTSMOUTH — The city council voted on Tuesday")


def test_a_missing_image_is_one_line_that_keeps_caption_and_credit(showcase):
    page = _open(showcase, "article")
    missing = _find(page, "*", "image-missing")
    assert len(missing) == 1 and len(_find(missing[0], "p")) == 1
    line = _text(missing[0])
    assert "Image not preserved" in line
    assert "The harbour wall after the storm of January 2024" in line and "Ann Lee/Herald" in line


def test_an_image_without_alt_text_is_described_by_its_caption(tmp_path, cli):
    root = make_tree(tmp_path, {
        "content/2023/ferry.md": article(
            "title: New ferry\npublished: 2023-06-01\nimage: {src: ferry.png, caption: The ferry at dawn}"),
        "content/2023/ferry.png": PNG,
        "content/2023/quay.md": article(
            "title: Quay\npublished: 2023-06-02\nimage: {src: quay.png, alt: The quay, caption: At dawn}"),
        "content/2023/quay.png": PNG,
    })
    assert cli("build", "--root", root).code == 0
    alts = {}
    for slug in ("ferry", "quay"):
        page = lxml.html.fromstring((root / f"site/2023/{slug}/index.html").read_bytes())
        alts[slug] = _find(_find(page, "figure", "article-image")[0], "img")[0].get("alt")
    assert alts == {"ferry": "The ferry at dawn", "quay": "The quay"}


def test_listings_number_their_pages_with_the_first_and_the_last(showcase):
    page = _open(showcase, "tag")  # page 1 of 9 (24 council meetings and the harbour wall, 3 a page)
    pager = _find(page, "nav", "pager")[0]
    assert "Page 1 of 9" in _text(pager)
    numbers = [_text(a) for a in _find(pager, "a", where="not(@rel)")]
    assert numbers == ["1", "2", "3", "9"]
    assert _find(pager, "a", where="@aria-current='page'")[0].get("href") == "index.html"
    assert _find(pager, "a", where="@rel='next'")[0].get("href") == "page/2/index.html"
    middle = lxml.html.fromstring((showcase / "tags/council/page/5/index.html").read_bytes())
    pager = _find(middle, "nav", "pager")[0]
    assert [_text(a) for a in _find(pager, "a", where="not(@rel)")] == ["1", "3", "4", "5", "6", "7", "9"]
    assert _find(pager, "a", where="@rel='prev'")[0].get("href") == "../4/index.html"
    assert _text(pager).count("…") == 2


def test_a_long_listing_jumps_to_the_page_where_each_year_begins(showcase):
    jump = _find(_open(showcase, "tag"), "nav", "jump")[0].xpath(".//a")
    assert [_text(a) for a in jump] == ["2024", "2023", "2022", "2021", "2020", "2019"]
    for link in jump:
        target = (showcase / "tags/council" / link.get("href")).resolve()
        years = [_text(t)[-4:] for t in _find(lxml.html.fromstring(target.read_bytes()), "time")]
        assert _text(link) in years
    outdated = lxml.html.fromstring((showcase / "flags/outdated/index.html").read_bytes())
    assert [_text(a) for a in _find(outdated, "nav", "jump")[0].xpath(".//a")][:2] == ["2024", "2023"]
    # Short listings and year pages have none.
    assert _find(_open(showcase, "year"), "nav", "jump") == []
    assert _find(_open(showcase, "flag"), "nav", "jump") == []


def test_the_home_page_is_a_front_page_with_the_title_once(showcase):
    page = _open(showcase, "home")
    body = _text(page.xpath("//body")[0])
    assert body.count("Harbour Archive") == 1
    assert _text(page.xpath("//h1")[0]) == "Harbour Archive"
    headings = [_text(h) for h in page.xpath("//main//h2")]
    assert headings == ["Latest articles", "By year", "Flagged", "Sources"]
    assert "28 articles, 2019–2024, from 1 source." in body
    flags = {_text(a): a.get("href") for a in _find(page, "section", "flags")[0].xpath(".//a")}
    assert flags["Retracted"] == "flags/retracted/index.html"
    assert [_text(a) for a in _find(page, "section", "sources")[0].xpath(".//a")] == ["Portsmouth Herald"]


def test_an_image_kept_elsewhere_is_one_line_linking_the_original(tmp_path, cli):
    root = make_tree(tmp_path, {
        "content/2023/pier.md": article(
            "title: Pier\npublished: 2023-06-01\n"
            "image: {src: 'https://example.org/pier.jpg', caption: The pier at noon, credit: Ann Lee}"),
    })
    assert cli("build", "--root", root).code == 0
    page = lxml.html.fromstring((root / "site/2023/pier/index.html").read_bytes())
    missing = _find(page, "div", "image-missing")[0]
    assert _text(missing) == "Image not kept in this archive (view the original): The pier at noon · Credit: Ann Lee"
    assert missing.xpath(".//a/@href") == ["https://example.org/pier.jpg"]
    assert page.xpath("//img") == []
