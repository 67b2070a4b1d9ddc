"""`archive check`: a built site is verified from its files alone, and each kind of broken promise is caught."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from benchmarks.corpus import write_archive
from generator import check
from generator.cli import main
from tests.helpers import EPOCH, VARIED, article, make_tree

BASE = "https://example.org/sub/archive/"
SITE = {
    **VARIED,
    "content/2020/c.md": article(
        "title: C\npublished: 2020\nauthors: [Zoë Ng]",
        "See ![the map](map.png) and [part two of A](../../2019/a/index.html#part-two).\n",
    ),
    "content/2020/map.png": b"png",
}
OPTIONS = {"offline": [], "pretty": ["--pretty-urls"], "base": ["--base-url", BASE],
           "base-pretty": ["--base-url", BASE, "--pretty-urls"]}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    """SITE built once in each URL style; tests check copies of these."""
    root = make_tree(tmp_path_factory.mktemp("check"), SITE)
    sites = {}
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        for name, options in OPTIONS.items():
            sites[name] = root / f"site-{name}"
            assert main(["build", "--root", str(root), "--output", str(sites[name]), "--quiet", *options]) == 0
    return sites


def copy(built: dict[str, Path], tmp_path: Path, style: str = "offline") -> Path:
    return Path(shutil.copytree(built[style], tmp_path / "site"))


def found(site: Path) -> list[str]:
    return [str(problem) for problem in check.site(site)]


@pytest.mark.parametrize("style", OPTIONS)
def test_a_fresh_build_has_no_problems_in_any_url_style(built, cli, style):
    assert found(built[style]) == []
    ran = cli("check", "--output", built[style])
    assert ran.code == 0, ran.out + ran.err
    assert "no problems" in ran.out


@pytest.mark.parametrize("options", [[], ["--base-url", BASE, "--pretty-urls"]])
def test_the_bundled_site_has_no_problems(tmp_path, cli, bundled, options):
    assert cli("build", "--root", bundled, "--output", tmp_path / "out", *options).code == 0
    assert found(tmp_path / "out") == []


def test_a_generated_archive_of_a_thousand_articles_has_no_problems(tmp_path, cli):
    root = write_archive(1000, tmp_path / "archive")
    assert cli("build", "--root", root, "--base-url", BASE, "--quiet").code == 0
    checker = check.Checker(root / "site")
    assert checker.run() == []
    assert checker.pages > 1000  # it really read every page
    ran = cli("check", "--root", root)
    assert ran.code == 0, ran.out + ran.err


def test_a_deleted_page_is_caught_wherever_it_is_linked(built, tmp_path):
    site = copy(built, tmp_path)
    (site / "2019/b/index.html").unlink()
    problems = found(site)
    assert all('b/index.html", which is not in the site' in p for p in problems)
    where = {p.split(":")[0] for p in problems}
    assert {"2019/a/index.html", "2019/index.html", "tags/war/index.html", "feed.xml"} <= where


def test_a_deleted_page_is_caught_with_pretty_urls_and_in_the_sitemap(built, tmp_path):
    site = copy(built, tmp_path, "base-pretty")
    shutil.rmtree(site / "2019/b")
    problems = found(site)
    assert any(p.startswith("tags/war/index.html:") and '"../../2019/b/", which is not in the site' in p for p in problems)
    assert any(p.startswith("sitemap.xml:") and f'"{BASE}2019/b/" names no file' in p for p in problems)
    assert any(p.startswith("feed.xml:") and f'"{BASE}2019/b/"' in p for p in problems)


def test_a_deleted_home_page_is_caught_where_links_name_it_by_the_base_url(built, tmp_path):
    site = copy(built, tmp_path, "base-pretty")
    (site / "index.html").unlink()
    where = {p.split(":")[0] for p in found(site)}
    assert {"404.html", "feed.xml", "sitemap.xml", "2019/a/index.html"} <= where


def test_a_broken_anchor_is_caught(built, tmp_path):
    site = copy(built, tmp_path)
    page = site / "2019/a/index.html"
    page.write_text(page.read_text().replace('id="part-two"', 'id="part-2"'))
    problems = found(site)
    assert len(problems) == 2  # C's link to it, in its page and in the feed
    assert problems[0].startswith("2020/c/index.html:")
    assert problems[0].endswith('links to "../../2019/a/index.html#part-two", but 2019/a/index.html has no id "part-two"')
    assert problems[1].startswith("feed.xml:") and 'no id "part-two"' in problems[1]


def test_a_missing_image_and_stylesheet_are_caught(built, tmp_path):
    site = copy(built, tmp_path)
    (site / "2020/c/map.png").unlink()
    (site / "static/style.css").unlink()
    problems = found(site)
    assert any(p.startswith("2020/c/index.html:") and p.endswith('loads "map.png", which is not in the site') for p in problems)
    assert any(p.startswith("index.html:") and p.endswith('loads "static/style.css", which is not in the site') for p in problems)
    assert any(p.startswith("feed.xml:") and "map.png" in p for p in problems)


def test_a_malformed_feed_is_caught_at_its_line(built, tmp_path):
    site = copy(built, tmp_path)
    feed = site / "feed.xml"
    feed.write_bytes(feed.read_bytes().replace(b"</entry>", b"</entri>", 1))
    problems = check.site(site)
    assert [(p.path, p.message.split(":")[0]) for p in problems] == [("feed.xml", "does not parse as a feed")]
    assert problems[0].line is not None and problems[0].line > 1


def test_feed_links_that_resolve_wrong_are_caught(built, tmp_path):
    """The bug of issue #17: an xml:base on the entry also moved the entry's own relative link."""
    site = copy(built, tmp_path)
    feed = site / "feed.xml"
    text = feed.read_text()
    feed.write_text(text.replace("<entry>", '<entry xml:base="2020/c/index.html">', 1))
    problems = found(site)
    assert len(problems) == 1 and problems[0].startswith("feed.xml:") and "2020/c/2020/" in problems[0]


def test_a_page_without_lang_or_title_is_caught(built, tmp_path):
    site = copy(built, tmp_path)
    page = site / "2019/index.html"
    page.write_text(page.read_text().replace('<html lang="en">', "<html>").replace("<title>", "<title> </title><x>", 1))
    lines = page.read_text().splitlines()
    html, title = (next(n for n, line in enumerate(lines, 1) if tag in line) for tag in ("<html>", "<title>"))
    assert found(site) == [f"2019/index.html:{html}: has no <html lang>", f"2019/index.html:{title}: has no <title>"]


def test_bad_json_ld_is_caught(built, tmp_path):
    site = copy(built, tmp_path)
    page = site / "2019/a/index.html"
    text = page.read_text()
    page.write_text(text.replace('"@type": "NewsArticle"', '"@type": "Article"').replace('"headline": "A"', '"headline": ""'))
    other = site / "2020/c/index.html"
    other.write_text(other.read_text().replace('"@context": "https://schema.org"', '"@context": https'))
    problems = found(site)
    assert len(problems) == 3
    assert problems[0].startswith("2019/a/index.html:") and problems[0].endswith('JSON-LD: "@type" is not "NewsArticle"')
    assert problems[1].startswith("2019/a/index.html:") and problems[1].endswith('JSON-LD: no "headline"')
    assert problems[2].startswith("2020/c/index.html:") and "JSON-LD does not parse" in problems[2]


def test_json_ld_naming_another_page_is_caught(built, tmp_path):
    site = copy(built, tmp_path, "base")
    page = site / "2019/a/index.html"
    page.write_text(page.read_text().replace(f'"url": "{BASE}2019/a/index.html"', f'"url": "{BASE}2019/b/index.html"'))
    problems = found(site)
    assert len(problems) == 1
    assert problems[0].startswith("2019/a/index.html:") and problems[0].endswith('"url" names 2019/b/index.html, not this page')


def test_a_sitemap_url_outside_the_base_and_a_bad_date_are_caught(built, tmp_path):
    site = copy(built, tmp_path, "base")
    sitemap = site / "sitemap.xml"
    text = sitemap.read_text()
    sitemap.write_text(text.replace(f"<loc>{BASE}2019/a/", "<loc>https://other.example/2019/a/", 1)
                       .replace("<lastmod>2019-03-02</lastmod>", "<lastmod>999-03-02</lastmod>"))
    problems = found(site)
    assert len(problems) == 2
    assert all(p.startswith("sitemap.xml:") for p in problems)
    assert "is not under the base URL" in problems[0] or "is not under the base URL" in problems[1]
    assert any("'999-03-02' is not a W3C date" in p for p in problems)


def test_a_sitemap_above_the_protocols_limit_is_caught(built, tmp_path, monkeypatch):
    site = copy(built, tmp_path, "base")
    monkeypatch.setattr(check.feed.feeds, "SITEMAP_LIMIT", 3)  # the limit is 50,000: a small one stands in
    problems = found(site)
    assert len(problems) == 1 and problems[0].startswith("sitemap.xml: lists ") and "the protocol allows 3" in problems[0]


def test_exit_codes_and_json(built, tmp_path, cli):
    site = copy(built, tmp_path)
    assert cli("check", "--output", site).code == 0
    assert cli("check", "--output", tmp_path / "nowhere").code == 2
    empty = tmp_path / "empty"
    empty.mkdir()
    ran = cli("check", "--output", empty)
    assert ran.code == 2 and "no built site" in ran.err
    ran = cli("check", "--root", tmp_path / "no-root")
    assert ran.code == 2 and "no such folder" in ran.err
    (site / "2019/b/index.html").unlink()
    (site / "static/style.css").unlink()
    text = cli("check", "--output", site)
    assert text.code == 1 and text.out.splitlines() == found(site)
    assert text.out == cli("check", "--output", site).out  # the same lines in the same order
    where = [(line.split(":")[0], int(line.split(":")[1])) for line in text.out.splitlines()]
    assert len(where) > 10 and where == sorted(where)  # by file, then line
    ran = cli("check", "--output", site, "--json")
    assert ran.code == 1
    listed = json.loads(ran.out)
    assert [f"{p['path']}:{p['line']}: {p['message']}" if "line" in p else f"{p['path']}: {p['message']}" for p in listed] == found(site)
    assert all(set(p) <= {"path", "message", "line"} for p in listed)
    assert cli("check", "--output", built["offline"], "--json").out.strip() == "[]"


def test_a_file_name_that_is_not_utf8_is_reported_not_a_traceback(built, tmp_path, cli):
    site = copy(built, tmp_path)
    with open(bytes(site) + b"/caf\xe9.html", "wb") as page:
        page.write(b"<!doctype html><html><body><a href='gone.html'>x</a></body></html>")
    ran = cli("check", "--output", site)
    assert ran.code == 1
    assert ran.out.splitlines() == [
        "caf\\xe9.html: has no <title>",
        "caf\\xe9.html:1: has no <html lang>",
        'caf\\xe9.html:1: links to "gone.html", which is not in the site',
    ]
