"""Search in a real browser: from disk, under a sub-path on a web server, ranked as lunr.js ranks."""

import functools
import http.server
import json
import shutil
import threading

import pytest

from benchmarks.corpus import write_archive
from generator.search import metadata, shards
from tests.helpers import article, make_tree
from tests.search_helpers import all_words, lunr_js_search, wait_for_results

pytestmark = pytest.mark.browser

SEED_REF = "2020/pentagon-report-says-russia-working-with-the-taliban-others-to-expedite-us/index.html"


def outside(page, prefix):
    return [u for u in page.watched.requests if not u.startswith(prefix)]


def test_search_from_disk_finds_the_seed_and_opens_it(cli, bundled, page):
    assert cli("build", "--root", bundled).code == 0
    site = (bundled / "site").resolve()
    page.goto((site / "index.html").as_uri())
    page.fill("#site-search-q", "taliban")
    page.press("#site-search-q", "Enter")
    page.wait_for_load_state()
    assert "search/index.html?q=taliban" in page.url
    wait_for_results(page)
    assert page.locator("#search-status").inner_text() == "1 result for “taliban”"
    first = page.locator("#search-results li").first
    assert "2020" in first.inner_text() and "CNN" in first.inner_text()
    assert first.locator(".badge-archived").count() == 1
    assert first.locator("mark").first.inner_text() == "Taliban"
    first.locator("a").click()
    page.wait_for_load_state()
    assert page.url == (site / SEED_REF).as_uri()
    assert page.locator(".banner-archived").is_visible()
    assert page.watched.errors == []
    assert outside(page, site.as_uri() + "/") == []


def test_no_results_and_a_hint_and_the_back_button(cli, bundled, page):
    assert cli("build", "--root", bundled).code == 0
    site = (bundled / "site").resolve()
    page.goto((site / "search/index.html").as_uri() + "?q=taliban")
    wait_for_results(page)
    page.fill("#search-q", "qqxyzzy")
    page.press("#search-q", "Enter")
    page.wait_for_function("document.getElementById('search-status').textContent.includes('qqxyzzy')")
    assert page.url.endswith("?q=qqxyzzy")
    status = page.locator("#search-status").inner_text()
    assert status.startswith("No results for “qqxyzzy”") and "browse by year" in status
    assert page.locator("#search-results li").count() == 0
    page.go_back()
    page.wait_for_function("document.getElementById('search-status').textContent.includes('taliban')")
    assert page.url.endswith("?q=taliban")
    assert page.input_value("#search-q") == "taliban"
    assert page.locator("#search-results li").count() == 1
    assert page.watched.errors == []


def test_typing_updates_results_and_the_shareable_url(cli, bundled, page):
    assert cli("build", "--root", bundled).code == 0
    site = (bundled / "site").resolve()
    page.goto((site / "search/index.html").as_uri())
    wait_for_results(page)
    page.type("#search-q", "pompeo")
    page.wait_for_function("document.querySelectorAll('#search-results li').length === 1")
    assert page.url.endswith("search/index.html?q=pompeo")


def test_without_javascript_the_search_page_says_what_it_needs(cli, bundled, browser):
    assert cli("build", "--root", bundled).code == 0
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto((bundled / "site/search/index.html").resolve().as_uri())
    text = tab.locator("main").inner_text()
    assert "Searching needs JavaScript" in text
    assert tab.locator("main a", has_text="by year").count() == 1
    assert not tab.locator("#search-form").is_visible()
    context.close()


MULTI = {
    "archive.yaml": "title: Filters\n",
    "content/a.md": article("title: Flood defences fail\npublished: 2019-04-02\ntags: [Weather]\n"
                            "sources: [{name: Daily Courier}]\nflags: [archived]", "The flood reached the town."),
    "content/b.md": article("title: Flood insurance rises\npublished: 2021-05\ntags: [Money]\n"
                            "sources: [{name: City Herald}]", "After the flood, prices rose."),
    "content/c.md": article("title: '<img src=x onerror=alert(1)> flood'\npublished: 2021",
                            "A flood of <b>tags</b>."),
    "content/d.md": article("title: Москва и Αθήνα\npublished: 2022\nlang: ru", "Новости дня: наводнение. 北京新闻报道。"),
}


def test_filters_narrow_results_and_titles_are_text(tmp_path, cli, page):
    root = make_tree(tmp_path, MULTI)
    assert cli("build", "--root", root).code == 0
    site = (root / "site").resolve()
    page.goto((site / "search/index.html").as_uri() + "?q=flood")
    wait_for_results(page)
    assert page.locator("#search-results li").count() == 3
    assert page.locator("#search-results img").count() == 0
    assert page.locator("#search-results").get_by_text("<img src=x onerror=alert(1)> flood").count() == 1
    page.select_option("select[name=year]", "2021")
    page.wait_for_function("document.querySelectorAll('#search-results li').length === 2")
    page.select_option("select[name=source]", "city-herald")
    page.wait_for_function("document.querySelectorAll('#search-results li').length === 1")
    assert "Flood insurance rises" in page.locator("#search-results").inner_text()
    assert "year=2021" in page.url and "source=city-herald" in page.url
    page.select_option("select[name=year]", "")
    page.select_option("select[name=source]", "")
    page.select_option("select[name=flag]", "archived")
    page.wait_for_function("document.querySelectorAll('#search-results li').length === 1")
    assert "Flood defences fail" in page.locator("#search-results").inner_text()
    # Filters alone list what they let through, newest first.
    page.fill("#search-q", "")
    page.select_option("select[name=flag]", "")
    page.select_option("select[name=year]", "2021")
    page.wait_for_function("document.getElementById('search-status').textContent.startsWith('2 articles')")
    titles = page.locator("#search-results h2").all_inner_texts()
    assert titles == ["Flood insurance rises", "<img src=x onerror=alert(1)> flood"]  # May 2021, then 2021
    assert page.watched.dialogs == [] and page.watched.errors == []


@pytest.mark.parametrize("query", ["новости", "Москва", "αθήνα", "北京", "新闻", "北", "报"])
def test_every_language_is_findable(tmp_path, cli, page, query):
    root = make_tree(tmp_path, MULTI)
    assert cli("build", "--root", root).code == 0
    page.goto((root / "site/search/index.html").resolve().as_uri() + "?q=" + query)
    wait_for_results(page)
    assert "Москва и Αθήνα" in page.locator("#search-results").inner_text()


@pytest.fixture
def subpath_server(tmp_path):
    www = tmp_path / "www"
    www.mkdir()
    handler = functools.partial(QuietHandler, directory=str(www))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield www, f"http://127.0.0.1:{server.server_address[1]}/sub/path/"
    server.shutdown()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def test_search_on_a_web_server_under_a_sub_path(cli, bundled, page, subpath_server):
    www, base = subpath_server
    assert cli("build", "--root", bundled, "--pretty-urls", "--base-url", base).code == 0
    shutil.copytree(bundled / "site", www / "sub/path")
    page.goto(base)
    page.fill("#site-search-q", "taliban")
    page.press("#site-search-q", "Enter")
    page.wait_for_load_state()
    wait_for_results(page)
    assert page.locator("#search-results li").count() == 1
    page.locator("#search-results a").first.click()
    page.wait_for_load_state()
    assert page.url == base + SEED_REF.removesuffix("index.html")
    assert page.locator(".banner-archived").is_visible()
    assert page.watched.errors == []
    assert outside(page, base) == []


QUERIES = [
    "police", "vaccine", "election", "kaloshi", "police election", "Police ELECTION health",
    "+police -election", "+police +election", "-police", "title:police", "tags:weather",
    "pol*", "elec*", "*tion", "electon~1", "polise~1", "police^5 vaccine", "police title:health^2",
    "report-police", "qqxyzzy", "the", "+qqxyzzy police",
    "-title:police election", "+title:police election", "title:police-election", "police-election~1^3",
]


def test_our_ranking_equals_lunr_js_on_the_same_index(tmp_path, cli, page, monkeypatch):
    # Small pages, so that long posting lists span several files and the early stop is exercised.
    monkeypatch.setattr(shards, "INLINE", 4)
    monkeypatch.setattr(shards, "PAGE", 16)
    monkeypatch.setattr(shards, "SHARD_LIMIT", 3000)  # and dictionary shards split to longer prefixes
    root = write_archive(250, tmp_path / "arch")
    assert cli("build", "--root", root).code == 0
    site = (root / "site").resolve()
    # Every word required by default: lunr.js is asked the `+`-prefixed query; with "any
    # word", the query as typed (lunr's own default).
    asked = {(query, any_word): query if any_word else all_words(query) for query in QUERIES for any_word in (0, 1)}
    expected = lunr_js_search(site / "search/lunr-index.json", sorted(set(asked.values())))
    page.goto((site / "search/index.html").as_uri())
    wait_for_results(page)
    checked = 0
    for (query, any_word), lunr_query in asked.items():
        outcome = page.evaluate("([q, any]) => ArchiveSearch.query(q, 10, {any: any})", [query, bool(any_word)])
        ours, theirs, full = outcome["results"], expected[lunr_query][:10], expected[lunr_query]
        if outcome["exact"]:
            assert outcome["total"] == len(full), (query, lunr_query)
        else:
            assert len(full) >= outcome["total"] >= len(ours), (query, lunr_query)
        assert len(ours) == len(theirs), (query, lunr_query)
        for mine, (ref, score) in zip(ours, theirs):
            assert mine["score"] == pytest.approx(score, abs=2e-3), (query, lunr_query, mine, ref, score)
            if mine["ref"] != ref:  # only a tie may be ordered differently
                tied = [r for r, s in full if abs(s - score) < 2e-3]
                assert mine["ref"] in tied, (query, lunr_query, mine, ref)
        checked += len(ours)
    assert checked > 200
    # Plain words are required by default: fewer results than any word gives.
    assert len(expected[all_words("police election")]) < len(expected["police election"])
    assert any(len(bytes.fromhex(k).decode()) > 2 for k in json.loads(
        (site / "search/stats.js").read_text().split(",", 1)[1].rsplit(")", 1)[0])["keys"])


def test_a_frequent_word_loads_the_lengths_of_the_documents_that_may_rank_only(tmp_path, cli, page, monkeypatch):
    from benchmarks.search_bench import pick_words

    monkeypatch.setattr(metadata, "LENGTHS", 2)  # a length file per 2 articles: 125 of them
    root = write_archive(250, tmp_path / "arch")
    assert cli("build", "--root", root).code == 0
    site = (root / "site").resolve()
    _, frequent = pick_words(site, 250)
    page.goto((site / "search/index.html").as_uri() + "?q=" + frequent)
    wait_for_results(page)
    assert page.locator("#search-results li").count() == 20
    count = int(page.locator("#search-status").inner_text().split()[0])
    lengths = {u for u in page.watched.requests if "/search/l/" in u}
    # The rows' length codes bound every score: exact lengths only for the ~20 that may rank.
    assert count > 200 and len(lengths) <= 40, (count, len(lengths))
