import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urlsplit

import feedparser
import pytest

from generator.archive.assemble import assemble
from generator.archive.config import Config
from generator.render import feeds, urls
from tests.helpers import VARIED, article, make_tree

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_the_feed_is_valid_atom_with_the_newest_dated_articles(tmp_path, cli):
    root = make_tree(tmp_path, VARIED)
    assert cli("build", "--root", root).code == 0
    parsed = feedparser.parse((root / "site/feed.xml").read_bytes())
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.feed.title == "Varied"
    titles = [entry.title for entry in parsed.entries]
    assert titles == ["D", "C", "A", "B"]  # newest first; the undated article is not news
    assert parsed.entries[0].published == "2020-12-31T18:59:00Z"
    assert parsed.entries[2].tags[0].term == "Économie"


def test_feed_ids_are_stable_and_links_absolute_with_a_base_url(tmp_path, cli):
    root = make_tree(tmp_path, VARIED)
    cli("build", "--root", root, "--base-url", "https://host.example/sub/")
    first = feedparser.parse((root / "site/feed.xml").read_bytes())
    assert first.bozo == 0
    assert first.entries[0].link == "https://host.example/sub/2020/d/index.html"
    make_tree(root, {"content/2021/new.md": article("title: New\npublished: 2021")})
    cli("build", "--root", root, "--base-url", "https://host.example/sub/")
    second = feedparser.parse((root / "site/feed.xml").read_bytes())
    ids = {e.title: e.id for e in second.entries}
    assert all(ids[e.title] == e.id for e in first.entries)


def test_the_sitemap_lists_every_page_when_the_base_url_is_set(tmp_path, cli):
    root = make_tree(tmp_path, VARIED)
    cli("build", "--root", root)
    assert not (root / "site/sitemap.xml").exists()  # no base_url: no absolute URLs to give
    assert "Sitemap:" not in (root / "site/robots.txt").read_text()
    cli("build", "--root", root, "--base-url", "https://host.example/sub/", "--pretty-urls")
    tree = ET.parse(root / "site/sitemap.xml")
    locs = [loc.text for loc in tree.iter(f"{SM}loc")]
    pages = [p for p in (root / "site").rglob("*.html") if p.name != "404.html"]
    assert len(locs) == len(pages)
    assert "https://host.example/sub/2019/a/" in locs and "https://host.example/sub/" in locs
    assert "Sitemap: https://host.example/sub/sitemap.xml" in (root / "site/robots.txt").read_text()


def test_above_fifty_thousand_urls_the_sitemap_becomes_an_index():
    config = Config(title="Big", base_url="https://big.example/", as_of=dt.date(2026, 1, 1))
    archive = assemble([], config)
    paths = [f"p{i}/index.html" for i in range(feeds.SITEMAP_LIMIT + 1)]
    files = {f.path: f.data for f in feeds.sitemaps(archive, urls.Links(base_url=config.base_url), paths, {})}
    assert sorted(files) == ["sitemap-1.xml", "sitemap-2.xml", "sitemap.xml"]
    index = ET.fromstring(files["sitemap.xml"])
    assert index.tag == f"{SM}sitemapindex"
    assert [loc.text for loc in index.iter(f"{SM}loc")] == [
        "https://big.example/sitemap-1.xml", "https://big.example/sitemap-2.xml",
    ]
    assert len(ET.fromstring(files["sitemap-1.xml"])) == feeds.SITEMAP_LIMIT
    assert len(ET.fromstring(files["sitemap-2.xml"])) == 1


def test_control_characters_from_scraped_text_do_not_break_the_feed(tmp_path, cli):
    root = make_tree(tmp_path, {"content/a.md": article("title: \"Tab\\x0bbed\"\npublished: 2020", "Bell \x01 and escape \x1b here.")})
    assert cli("build", "--root", root).code == 0
    parsed = feedparser.parse((root / "site/feed.xml").read_bytes())
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.entries[0].title == "Tabbed"


def test_relative_links_in_feed_content_resolve_against_the_article(tmp_path, cli):
    root = make_tree(tmp_path, {
        "content/2020/a.md": article("title: A\npublished: 2020", "![Map](map.png) [next](../b/index.html)"),
        "content/2020/map.png": b"png",
    })
    assert cli("build", "--root", root, "--base-url", "https://host.example/arch/").code == 0
    entry = feedparser.parse((root / "site/feed.xml").read_bytes()).entries[0]
    assert 'src="https://host.example/arch/2020/a/map.png"' in entry.content[0].value
    assert 'href="https://host.example/arch/2020/b/index.html"' in entry.content[0].value


FEED_LINKS = {
    **VARIED,
    "content/2020/c.md": article(
        "title: C\npublished: 2020\nauthors: [Zoë Ng]",
        "See ![the map](map.png), [A](../../2019/a/index.html) and [its part two](../../2019/a/index.html#part-two).\n",
    ),
    "content/2020/map.png": b"png",
}


def _site_file(url: str, site: Path, base: str | None) -> Path | None:
    """The file of the site a resolved feed URL names, or None when it names none.
    Offline, a file:// URL (feedparser writes file://tmp/... for file:///tmp/...); else base + path."""
    parts = urlsplit(url)
    if base is None:
        assert parts.scheme == "file", url
        target = Path(unquote("/" + parts.netloc + parts.path if parts.netloc else parts.path))
    else:
        if not url.startswith(base):
            return None
        target = site / unquote(urlsplit(url[len(base):]).path)
    if target.is_dir():
        target = target / "index.html"
    inside = target.resolve().is_relative_to(site.resolve())
    return target if inside and target.is_file() else None


@pytest.mark.parametrize("options", [[], ["--pretty-urls"], ["--base-url", "https://example.org/sub/archive/"],
                                     ["--base-url", "https://example.org/sub/archive/", "--pretty-urls"]])
def test_every_feed_link_resolves_to_a_file_of_the_site(tmp_path, cli, options):
    root = make_tree(tmp_path, FEED_LINKS)
    assert cli("build", "--root", root, *options).code == 0
    site = root / "site"
    base = "https://example.org/sub/archive/" if "--base-url" in options else None
    parsed = feedparser.parse((site / "feed.xml").as_uri())  # relative URLs resolve against the feed's own URL
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert len(parsed.entries) == 4
    resolved = []
    for entry in parsed.entries:
        resolved += [link.href for link in entry.links]
        resolved += re.findall(r'(?:href|src)="([^"]+)"', entry.content[0].value)
    internal = [u for u in resolved if u.startswith(base or "file:")]  # not https://example.org, https://cdn.example
    assert len(internal) >= 8  # four entry links, the image, two links and a footnote's
    assert [u for u in internal if _site_file(u, site, base) is None] == []
    c = next(e for e in parsed.entries if e.title == "C")
    assert _site_file(c.link, site, base) == site / "2020/c/index.html"
    assert any(_site_file(u, site, base) == site / "2020/c/map.png" for u in re.findall(r'src="([^"]+)"', c.content[0].value))


def test_a_year_before_1000_is_written_with_four_digits(tmp_path, cli):
    root = make_tree(tmp_path, {"content/old.md": article("title: Old\npublished: 0999")})
    assert cli("build", "--root", root, "--base-url", "https://host.example/").code == 0
    parsed = feedparser.parse((root / "site/feed.xml").read_bytes())
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.entries[0].published == "0999-01-01T00:00:00Z"
    assert parsed.feed.updated == "0999-01-01T00:00:00Z"
    lastmod = [e.text for e in ET.parse(root / "site/sitemap.xml").iter(f"{SM}lastmod")]
    assert lastmod == ["0999"]
    page = (root / "site/0999/old/index.html").read_text()
    assert '"datePublished": "0999"' in page and 'datetime="0999"' in page
