"""Versions in the built site: the timeline, a page per capture, word diffs, the Memento TimeMap, the
changes feed, and the originals kept (the "Done when" of issue 21); and builds that stay incremental."""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import shutil
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from urllib.request import url2pathname

import feedparser
import pytest

from generator.archive.model import ProblemsFound
from generator.render import diffs
from tests.helpers import PAGE_URL as URL
from tests.helpers import PARAGRAPHS, append_to, cold, make_tree, page, run, site_files, write_warc

SLUG = "harbour-bridge-to-close-for-a-year"
ARTICLE = f"2021/{SLUG}"
SECOND = PARAGRAPHS[1].replace("cracks in two of", "cracks in three of")
THIRD_TITLE = "Harbour bridge to close for two years"
STAMPS = ["20210408120000", "20210409080000", "20210410080000"]


def _captures(tmp_path: Path) -> tuple[str, str]:
    second = page().replace(PARAGRAPHS[1], SECOND)
    third = second.replace("Harbour bridge to close for a year", THIRD_TITLE).replace(
        "force thousands", "force many thousands")
    make_tree(tmp_path, {"in/bridge.html": page()})
    write_warc(tmp_path / "crawl.warc.gz", [(URL, "2021-04-10T08:00:00Z", third), (URL, "2021-04-09T08:00:00Z", second)])
    return second, third


@pytest.fixture
def versioned(cli, tmp_path) -> Path:
    """An archive of one article captured three times: a saved page, then a WARC of two captures."""
    _captures(tmp_path)
    root = tmp_path / "r"
    assert cli("import", tmp_path / "in", "--root", root, "--captured", "2021-04-08T12:00").code == 0
    ran = cli("import", tmp_path / "crawl.warc.gz", "--root", root)
    assert ran.code == 0 and "new versions 2" in ran.out, ran.err
    make_tree(root, {"archive.yaml": "title: Harbour Archive\n"})  # (else the folder's name: cold builds copy it)
    return root


def _link_format(text: str) -> list[tuple[str, dict[str, str]]]:
    """RFC 6690 links: `<uri>;param="value";...`, separated by commas (none inside the quotes here)."""
    links = []
    for item in re.split(r",\s*(?=<)", text.strip()):
        match = re.fullmatch(r"<([^>]*)>((?:\s*;\s*[a-z]+=\"[^\"]*\")*)", item.strip())
        assert match, item
        links.append((match.group(1), dict(re.findall(r';\s*([a-z]+)="([^"]*)"', match.group(2)))))
    return links


def _file_of(url: str) -> Path:
    return Path(url2pathname(urlsplit(url).path))


@pytest.mark.browser
def test_three_captures_give_a_timeline_version_pages_diffs_a_timemap_a_changes_feed_and_originals(
        cli, versioned, tmp_path, browser):
    assert cli("build", "--root", versioned).code == 0
    site = versioned / "site"
    tab = browser.new_page()
    try:
        # The timeline: three captures, oldest first, each with how much changed.
        tab.goto((site / ARTICLE / "index.html").as_uri())
        items = tab.locator("#versions .timeline li")
        assert items.count() == 3
        texts = [items.nth(i).inner_text() for i in range(3)]
        assert texts[0].startswith("8 April 2021, 12:00 UTC: first capture")
        assert texts[1].startswith("9 April 2021, 08:00 UTC: 1 word inserted, 1 deleted")
        assert texts[2].startswith("10 April 2021, 08:00 UTC: headline changed, 1 word inserted, 0 deleted")
        assert tab.locator(".banner-changed").count() == 1
        assert tab.locator('link[rel="timemap"]').get_attribute("href") == "v/timemap.link"
        source = tab.locator(".sources a[data-versionurl]")
        assert source.get_attribute("data-originalurl") == URL
        assert source.get_attribute("data-versionurl") == f"v/{STAMPS[2]}/index.html"
        assert source.get_attribute("data-versiondate") == "2021-04-10T08:00:00+00:00"
        # Each capture's page, as captured.
        for stamp, title, words in zip(STAMPS, ["Harbour bridge to close for a year"] * 2 + [THIRD_TITLE],
                                       ["cracks in two of", "cracks in three of", "force many thousands"]):
            tab.goto((site / ARTICLE / "v" / stamp / "index.html").as_uri())
            assert tab.locator("h1").inner_text() == title
            assert words in tab.locator(".article-body").inner_text()
        # The diffs: the changed words, nothing else.
        tab.goto((site / ARTICLE / "v" / STAMPS[1] / "diff/index.html").as_uri())
        body = tab.locator(".diff-body")
        assert body.locator("ins").all_inner_texts() == ["three"]
        assert body.locator("del").all_inner_texts() == ["two"]
        assert tab.locator(".headline-change").count() == 0
        tab.goto((site / ARTICLE / "v" / STAMPS[2] / "diff/index.html").as_uri())
        assert tab.locator(".diff-body ins").all_inner_texts() == ["many"]
        assert tab.locator(".diff-body del").all_inner_texts() == []
        assert tab.locator(".headline-change del").all_inner_texts() == ["a year"]
        assert tab.locator(".headline-change ins").all_inner_texts() == ["two years"]
        assert tab.locator(".diff-legend ins").count() == 1 and tab.locator(".diff-legend del").count() == 1
        # The TimeMap, read as link-format, from the URL the article page names.
        timemap_url = urljoin((site / ARTICLE / "index.html").as_uri(), "v/timemap.link")
        links = _link_format(_file_of(timemap_url).read_text())
        assert links[0] == (URL, {"rel": "original"})
        assert links[1][1]["rel"] == "self" and links[1][1]["type"] == "application/link-format"
        mementos = [(uri, params) for uri, params in links if "memento" in params["rel"].split()]
        assert [params["rel"] for _, params in mementos] == ["first memento", "memento", "last memento"]
        assert [params["datetime"] for _, params in mementos] == [
            "Thu, 08 Apr 2021 12:00:00 GMT", "Fri, 09 Apr 2021 08:00:00 GMT", "Sat, 10 Apr 2021 08:00:00 GMT"]
        for uri, _ in mementos:
            tab.goto(urljoin(timemap_url, uri))
            assert tab.locator(".notice p").first.inner_text().startswith("Capture ")
    finally:
        tab.close()
    # The changes feed: one entry per new version, each linking its diff page.
    feed = feedparser.parse((site / "changes.xml").read_bytes())
    assert feed.bozo == 0
    assert [e.title for e in feed.entries] == [f"Changed: {THIRD_TITLE}", "Changed: Harbour bridge to close for a year"]
    for entry, stamp in zip(feed.entries, STAMPS[:0:-1]):
        assert entry.link == f"{ARTICLE}/v/{stamp}/diff/index.html"
        assert (site / entry.link).is_file()
    # The originals: gunzipped, each hashes to its name and to its capture's provenance.
    for name in ("in/bridge.html", "crawl.warc.gz"):
        data = (tmp_path / name).read_bytes()
        sha = hashlib.sha256(data).hexdigest()
        kept = next((versioned / "originals" / sha[:2]).glob(f"{sha}.*.gz"))
        assert hashlib.sha256(gzip.decompress(kept.read_bytes())).hexdigest() == sha
        assert sha.encode() in (site / ARTICLE / "index.html").read_bytes()  # the timeline names it
    assert not (site / "originals").exists()


def test_a_rebuild_writes_nothing_and_warm_equals_cold(cli, versioned, tmp_path, trusted_at_once):
    first = run(versioned)
    assert first.files and (versioned / "site" / ARTICLE / "v" / STAMPS[2] / "diff/index.html").is_file()
    again = run(versioned)
    assert again.changed == 0
    assert site_files(versioned / "site") == cold(versioned, tmp_path)


def test_an_edit_of_an_article_with_versions_takes_the_whole_build_and_matches_a_cold_one(
        cli, versioned, tmp_path, trusted_at_once):
    long = "A first paragraph long enough for the excerpt of the article to end inside it. " * 4
    make_tree(versioned, {"content/2020/other.md": f"---\ntitle: Another article\npublished: 2020-01-01\n---\n\n{long}\n"})
    run(versioned)
    append_to(versioned / f"content/{ARTICLE}.md", "\nAn editor's note.\n")
    again = run(versioned)
    assert not again.patched  # its version pages show it: no patch of one page
    assert site_files(versioned / "site") == cold(versioned, tmp_path)
    append_to(versioned / "content/2020/other.md", "\nMore.\n")
    assert run(versioned).patched  # an article without versions still patches


def test_a_new_version_rebuilds_only_new_diffs(cli, versioned, tmp_path, trusted_at_once, monkeypatch):
    diffed = []
    # two bodies cut into blocks for each body diff made
    monkeypatch.setattr(diffs, "blocks", lambda html, real=diffs.blocks: diffed.append(1) or real(html))
    run(versioned)
    assert len(diffed) == 2 * 2
    folder = versioned / f"content/{ARTICLE}.versions"
    latest = (folder / f"{STAMPS[2]}.md").read_text()
    (folder / "20210411080000.md").write_text(latest.replace("force many thousands", "force some thousands"))
    again = run(versioned)
    assert again.rendered_bodies == 1 and len(diffed) == 3 * 2  # the new version's body and diff; the rest kept
    assert (versioned / "site" / ARTICLE / "v/20210411080000/diff/index.html").is_file()
    assert site_files(versioned / "site") == cold(versioned, tmp_path)


def test_a_version_file_that_names_no_capture_time_or_no_article_is_a_problem(cli, versioned):
    folder = versioned / f"content/{ARTICLE}.versions"
    shutil.copy(folder / f"{STAMPS[0]}.md", folder / "first.md")
    shutil.copytree(folder, versioned / "content/2021/gone.versions")
    with pytest.raises(ProblemsFound) as found:
        run(versioned)
    messages = sorted(str(p) for p in found.value.problems)
    assert f"content/{ARTICLE}.versions/first.md: is no version: a version's name is its capture time, " \
           "YYYYMMDDhhmmss.md (UTC)" in messages
    assert "content/2021/gone.versions/20210408120000.md: is a version of content/2021/gone.md, which is no " \
           "article here; move the versions folder beside its article" in messages


def test_an_article_that_changed_is_flagged_listed_and_filterable_in_search(cli, versioned, tmp_path):
    make_tree(versioned, {"content/2020/other.md": "---\ntitle: Another article\npublished: 2020-01-01\n---\n\nText.\n"})
    run(versioned)
    site = versioned / "site"
    listing = (site / "flags/changed/index.html").read_text()
    assert f'href="../../{ARTICLE}/index.html"' in listing and "Another article" not in listing
    assert 'href="changed/index.html"' in (site / "flags/index.html").read_text()
    assert 'href="flags/changed/index.html"' in (site / "index.html").read_text()  # the home page's flags
    documents = (site / "search/f/flag-changed.js").read_text()
    assert documents == 'ArchiveSearch.receive("f/flag-changed",[1]);\n'  # the article's document only
    # With its first capture alone, nothing changed: no flag.
    for stamp in STAMPS[1:]:
        (versioned / f"content/{ARTICLE}.versions/{stamp}.md").unlink()
    run(versioned)
    assert not (site / "flags/changed/index.html").exists()


def test_with_a_base_url_the_timemap_is_absolute_and_versions_are_not_in_the_sitemap(cli, versioned):
    make_tree(versioned, {"archive.yaml": "title: Harbour Archive\nbase_url: https://example.org/a/\n"})
    run(versioned)
    site = versioned / "site"
    base = "https://example.org/a/"
    links = _link_format((site / ARTICLE / "v/timemap.link").read_text())
    assert links[1][0] == f"{base}{ARTICLE}/v/timemap.link"
    assert links[2] == (f"{base}{ARTICLE}/v/{STAMPS[0]}/index.html",
                        {"rel": "first memento", "datetime": "Thu, 08 Apr 2021 12:00:00 GMT"})
    data = json.loads((site / ARTICLE / "v/timemap.json").read_text())
    assert data["original_uri"] == URL
    assert [m["datetime"] for m in data["mementos"]["list"]] == [
        "2021-04-08T12:00:00Z", "2021-04-09T08:00:00Z", "2021-04-10T08:00:00Z"]
    assert data["mementos"]["last"]["uri"] == f"{base}{ARTICLE}/v/{STAMPS[2]}/index.html"
    page = (site / ARTICLE / "index.html").read_text()
    assert f'data-versionurl="{base}{ARTICLE}/v/{STAMPS[2]}/index.html"' in page  # Robust Links: absolute
    sitemap = (site / "sitemap.xml").read_text()
    assert f"{base}{ARTICLE}/index.html" in sitemap and "/v/" not in sitemap
    feed = feedparser.parse((site / "changes.xml").read_bytes())
    assert feed.bozo == 0 and feed.entries[0].link == f"{base}{ARTICLE}/v/{STAMPS[2]}/diff/index.html"


def test_a_correction_links_the_version_that_made_it(cli, versioned):
    make_tree(versioned, {"archive.yaml": "title: Harbour Archive\nbase_url: https://example.org/a/\n"})
    path = versioned / f"content/{ARTICLE}.md"
    path.write_text(path.read_text().replace("\nprovenance:", "\ncorrections:\n- date: 2021-04-09\n  text: An "
                                             "earlier version gave the wrong number of cracks.\nprovenance:", 1))
    run(versioned)
    html = (versioned / "site" / ARTICLE / "index.html").read_text()
    corrections = html.split('id="corrections"')[1].split("</section>")[0]
    assert f'<a href="v/{STAMPS[1]}/index.html">the version of 9 April 2021, 08:00 UTC</a>' in corrections
    assert f'<a href="v/{STAMPS[1]}/diff/index.html">what it changed</a>' in corrections
    data = json.loads(html.split('<script type="application/ld+json">')[1].split("</script>")[0])
    assert data["correction"] == [{
        "@type": "CorrectionComment", "text": "An earlier version gave the wrong number of cracks.",
        "datePublished": "2021-04-09", "url": f"https://example.org/a/{ARTICLE}/v/{STAMPS[1]}/index.html"}]
