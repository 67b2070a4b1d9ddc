"""On a generated 10,000-article archive, a query loads only what it needs."""

import json
from pathlib import Path

import pytest

from benchmarks.corpus import write_archive
from generator.cli import main as archive
from generator.search.stemmer import stem

pytestmark = pytest.mark.browser

ARTICLES = 10_000
RARE_BUDGET = 500_000  # bytes, for a word in at most 1 % of articles
FREQUENT_BUDGET = 1_000_000  # bytes, for the most frequent word


@pytest.fixture(scope="module")
def big_site(tmp_path_factory):
    root = write_archive(ARTICLES, tmp_path_factory.mktemp("big") / "archive")
    assert archive(["build", "--root", str(root), "--quiet"]) == 0
    return (root / "site").resolve()


def dictionary(site: Path) -> dict[str, list]:
    terms = {}
    for shard in (site / "search/d").glob("*.js"):
        text = shard.read_text()
        terms.update(json.loads(text[text.index(",") + 1 : text.rindex(")")]))
    return terms


def bytes_loaded(page, site: Path, query: str) -> tuple[int, int]:
    """Load the search page cold for `query`; return (bytes of every file it requested, results)."""
    page.goto((site / "search/index.html").as_uri() + "?q=" + query)
    page.wait_for_function("document.querySelectorAll('#search-results li').length > 0")
    prefix = site.as_uri() + "/"
    files = {u.split("?")[0] for u in page.watched.requests}
    assert all(u.startswith(prefix) for u in files)
    total = sum((site / u[len(prefix):]).stat().st_size for u in files)
    return total, page.locator("#search-results li").count()


def test_one_word_queries_stay_within_the_byte_budget(big_site, page):
    terms = dictionary(big_site)
    plain = {t: e for t, e in terms.items() if t.isalpha() and stem(t) == t}
    rare = max((t for t, e in plain.items() if e[1] <= ARTICLES // 100), key=lambda t: plain[t][1])
    frequent = max(plain, key=lambda t: plain[t][1])
    assert plain[frequent][1] > ARTICLES // 2  # a word in most articles

    rare_bytes, rare_results = bytes_loaded(page, big_site, rare)
    assert rare_results == min(20, plain[rare][1])
    assert rare_bytes <= RARE_BUDGET, (rare, rare_bytes)

    page.watched.requests.clear()
    frequent_bytes, frequent_results = bytes_loaded(page, big_site, frequent)
    assert frequent_results == 20
    assert frequent_bytes <= FREQUENT_BUDGET, (frequent, frequent_bytes)
    # It read one page of a long posting list, not all of them.
    pages = terms[frequent][3]
    read = [u for u in page.watched.requests if "/search/p/" in u]
    assert len(pages) > 1 and len(read) < len(pages)
    assert page.watched.errors == []
