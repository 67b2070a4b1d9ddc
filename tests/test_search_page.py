"""The search page as a reader uses it, in Chromium over file://: every word required by
default, the any-word fallback and choice, "did you mean" from the archive's own words, and
the three sort orders."""

import pytest

from generator.search import shards
from tests.helpers import article, make_tree
from tests.search_helpers import wait_for_results

pytestmark = pytest.mark.browser

STORMS = 30  # articles with "storm": more than a page of postings (PAGE is 25 below)


def _archive() -> dict:
    files = {
        "archive.yaml": "title: Weather desk\n",
        "content/2018/a.md": article("title: Hurricane hits the old bridge\npublished: 2018-03-01",
                                     "The hurricane damaged the bridge."),
        "content/2019/b.md": article("title: Hurricane season opens\npublished: 2019-06-01",
                                     "Forecasters expect a busy hurricane season."),
        "content/2020/c.md": article("title: Bridge repairs begin\npublished: 2020-02-01",
                                     "Repairs to the bridge start in spring."),
        "content/2020/t1.md": article("title: Taliban talks resume\npublished: 2020-03-01", "The Taliban said so."),
        "content/2020/t2.md": article("title: Envoy meets Taliban\npublished: 2020-04-01", "Taliban envoys met."),
        "content/2020/t3.md": article("title: A talibin misprint\npublished: 2020-05-01", "The talibin misprint."),
    }
    for n in range(STORMS):
        # The storm in a title counts most: the fifth is the most relevant, neither newest nor oldest.
        title = "Storm warning issued" if n == 5 else f"Weather notes {n}"
        files[f"content/2021/s{n:02}.md"] = article(
            f"title: {title}\npublished: 2021-{1 + n // 28:02}-{1 + n % 28:02}", f"A storm passed. Note {n}.")
    return files


@pytest.fixture
def site(tmp_path, cli, monkeypatch):
    monkeypatch.setattr(shards, "INLINE", 4)
    monkeypatch.setattr(shards, "PAGE", 25)  # "storm" has two pages and an ends file
    root = make_tree(tmp_path, _archive())
    assert cli("build", "--root", root).code == 0
    return (root / "site").resolve()


def search(page, site, query="", **params):
    address = (site / "search/index.html").as_uri() + "?q=" + query
    address += "".join(f"&{key}={value}" for key, value in params.items())
    page.goto(address)
    wait_for_results(page)
    page.wait_for_function("!document.getElementById('search-status').textContent.startsWith('Type')")


def titles(page):
    return page.locator("#search-results h2").all_inner_texts()


def status(page):
    return page.locator("#search-status").inner_text()


def test_every_word_is_required_and_any_word_is_a_choice(site, page):
    search(page, site, "hurricane bridge")
    assert titles(page) == ["Hurricane hits the old bridge"]
    assert status(page) == "1 result for “hurricane bridge”"
    assert page.locator("#search-note").is_hidden()
    # Stop words are never required: "the" is in no index.
    page.fill("#search-q", "the hurricane bridge")
    page.press("#search-q", "Enter")
    page.wait_for_function("document.getElementById('search-status').textContent.includes('the hurricane')")
    assert titles(page) == ["Hurricane hits the old bridge"]
    # The "any word" choice next to the box: articles with either word, and it is in the address.
    page.check("input[name=any]")
    page.wait_for_function("document.querySelectorAll('#search-results li').length === 3")
    assert set(titles(page)) == {"Hurricane hits the old bridge", "Hurricane season opens", "Bridge repairs begin"}
    assert titles(page)[0] == "Hurricane hits the old bridge"  # both words rank first
    assert status(page) == "3 results for “the hurricane bridge” (any word)"
    assert "any=1" in page.url
    assert page.watched.errors == []


def test_when_no_article_has_every_word_it_says_so_and_shows_any_word(site, page):
    search(page, site, "season repairs")
    assert set(titles(page)) == {"Hurricane season opens", "Bridge repairs begin"}
    assert page.locator("#search-note").inner_text() == \
        "No article has all of these words; showing articles with any of them."
    assert status(page) == "2 results for “season repairs”"
    assert page.watched.errors == []


def test_a_misspelt_word_gets_the_archives_most_frequent_near_word(site, page):
    search(page, site, "talibn")
    note = page.locator("#search-note")
    assert note.inner_text() == "Did you mean taliban?"  # 'talibin' is as near, in fewer articles
    assert status(page).startswith("No results for “talibn”")
    fetched = [u.rsplit("/search/", 1)[-1] for u in page.watched.requests if "/search/w/" in u]
    assert fetched and all(u.startswith("w/") for u in fetched)
    note.locator("a").click()
    page.wait_for_function("document.getElementById('search-status').textContent.includes('taliban')")
    assert page.input_value("#search-q") == "taliban"
    assert set(titles(page)) == {"Taliban talks resume", "Envoy meets Taliban"}
    # With another word: the misspelt one is replaced in the suggestion, the fallback is said too.
    search(page, site, "hurricane talibn")
    assert page.locator("#search-note").inner_text() == (
        "No article has all of these words; showing articles with any of them. Did you mean hurricane taliban?")
    assert page.watched.errors == []


def test_three_sort_orders(site, page):
    search(page, site, "storm")
    relevance = titles(page)
    assert relevance[0] == "Storm warning issued" and len(relevance) == 20
    assert status(page) == f"{STORMS} results for “storm”"
    page.select_option("select[name=sort]", "newest")
    page.wait_for_function("document.querySelector('#search-results h2').textContent === 'Weather notes 29'")
    assert titles(page) == [f"Weather notes {n}" if n != 5 else "Storm warning issued" for n in range(29, 9, -1)]
    assert "sort=newest" in page.url
    assert any(u.endswith("-e.js") for u in page.watched.requests)  # the list's ends, not its pages
    page.click("#search-more")  # beyond what the ends file holds: every posting
    page.wait_for_function(f"document.querySelectorAll('#search-results li').length === {STORMS}")
    assert titles(page)[-1] == "Weather notes 0"
    page.select_option("select[name=sort]", "oldest")
    page.wait_for_function("document.querySelector('#search-results h2').textContent === 'Weather notes 0'")
    assert titles(page)[:6] == [f"Weather notes {n}" for n in range(5)] + ["Storm warning issued"]
    # Several words and date order: the articles with all of them, oldest first.
    search(page, site, "hurricane", sort="oldest")
    assert titles(page) == ["Hurricane hits the old bridge", "Hurricane season opens"]
    search(page, site, "hurricane", sort="newest")
    assert titles(page) == ["Hurricane season opens", "Hurricane hits the old bridge"]
    assert page.input_value("select[name=sort]") == "newest"
    assert page.watched.errors == []


def test_the_search_page_has_one_search_box(site, page):
    search(page, site, "storm")
    assert page.locator("input[type=search]").count() == 1
    page.goto((site / "index.html").as_uri())
    assert page.locator("input[type=search]").count() == 1  # the header's, elsewhere


def test_filters_are_large_enough_to_tap_on_a_phone(site, browser):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    tab = context.new_page()
    tab.goto((site / "search/index.html").as_uri() + "?q=storm")
    wait_for_results(tab)
    controls = tab.locator("#search-form select, #search-form button, #search-q, .search-any")
    assert controls.count() >= 7
    for i in range(controls.count()):
        assert controls.nth(i).bounding_box()["height"] >= 44, controls.nth(i).evaluate("e => e.outerHTML")
    context.close()
