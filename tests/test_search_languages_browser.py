"""Search in the archive's languages, in Chromium over file://: inflected forms find their
articles, a language filter keeps other languages' look-alike stems out, and the browser's
look-up of a word gives the term the Python analyzer indexed it under."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.search import languages
from generator.search.tokens import tokens
from tests.helpers import MIXED, article, make_tree
from tests.search_helpers import wait_for_results

pytestmark = pytest.mark.browser

# Debian's word lists (packages wngerman, wfrench, wspanish, witalian, wportuguese, wamerican;
# `make test` installs them).
WORD_LISTS = {"de": "ngerman", "fr": "french", "es": "spanish", "it": "italian", "pt": "portuguese",
              "en": "american-english"}
PER_LANGUAGE = 3_000


def query(page, text, lang=None):
    found = page.evaluate("([text, lang]) => ArchiveSearch.query(text, 20, {lang: lang})", [text, lang])
    return [r["ref"].split("/")[1] for r in found["results"]]


def test_inflected_forms_find_their_articles_from_disk(cli, tmp_path, page):
    root = make_tree(tmp_path / "mixed", MIXED)
    assert cli("build", "--root", root).code == 0
    page.goto((root / "site/search/index.html").resolve().as_uri())
    wait_for_results(page)
    # The typed word's stem as it is: "Haus" finds "Häuser", "cheval" "chevaux".
    assert query(page, "Haus") == ["de"]
    assert query(page, "cheval") == ["fr"]
    assert query(page, "ciudad") == ["es"]  # "ciudades"
    assert query(page, "город") == ["ru"]  # "города"
    # A form the archive holds is looked up: its term, in its language.
    assert query(page, "Häuser") == ["de"] and query(page, "chevaux") == ["fr"]
    assert query(page, "книги") == ["ru"] and query(page, "houses") == ["en"]
    # Chinese and Japanese: character pairs, as before.
    assert query(page, "北京") == ["zh"] and query(page, "東京") == ["ja"]
    # In the page: the language filter is offered, and the German article found and marked.
    page.fill("#search-q", "Haus")
    page.press("#search-q", "Enter")
    page.wait_for_function("document.querySelectorAll('#search-results li').length === 1")
    assert page.locator(".search-language").is_visible()
    assert page.locator("#search-results li a").inner_text() == "Neue Häuser am Hafen"
    # A result in another language than the archive's says so, and runs in its script's direction.
    assert page.locator("#search-results li").get_attribute("lang") == "de"
    page.fill("#search-q", "الميناء")
    page.press("#search-q", "Enter")
    page.wait_for_function("document.querySelector('#search-results li a').textContent === 'أخبار الميناء'")
    assert page.locator("#search-results li").get_attribute("lang") == "ar"
    assert page.evaluate("getComputedStyle(document.querySelector('#search-results li h2')).direction") == "rtl"
    assert page.watched.errors == []


def test_a_language_filter_keeps_look_alike_stems_of_other_languages_out(cli, tmp_path, page):
    root = make_tree(tmp_path / "mixed", MIXED)
    assert cli("build", "--root", root).code == 0
    page.goto((root / "site/search/index.html").resolve().as_uri())
    wait_for_results(page)
    # English "arms" and German "Arme" both stem to "arm": without a filter the word is read in
    # every language and both articles hold its term; with one, only that language's reading
    # and articles count.
    assert sorted(query(page, "arms")) == ["de", "en"]
    assert query(page, "arms", "en") == ["en"] and query(page, "arms", "de") == []
    assert query(page, "Arme", "de") == ["de"]
    # In the page: the filter is in the address and narrows the results.
    page.goto((root / "site/search/index.html").resolve().as_uri() + "?q=arms&lang=en")
    page.wait_for_function("document.querySelectorAll('#search-results li').length === 1")
    assert page.locator("select[name=lang]").input_value() == "en"
    assert page.locator("#search-results li a").inner_text() == "Council arms the guards"
    assert page.locator("#search-results li").get_attribute("lang") is None  # the archive's own language
    assert page.watched.errors == []


def test_an_archive_in_one_language_offers_no_language_filter(cli, tmp_path, page):
    root = make_tree(tmp_path / "en", {k: v for k, v in MIXED.items() if k in ("archive.yaml", "content/2021/en.md")})
    assert cli("build", "--root", root).code == 0
    page.goto((root / "site/search/index.html").resolve().as_uri() + "?q=houses")
    page.wait_for_function("document.querySelectorAll('#search-results li').length === 1")
    assert page.locator(".search-language").count() == 0 and page.locator("select").count() == 5


def _words(lang: str) -> list[str]:
    """Every n-th word of the language's list that is one plain token (no apostrophe or hyphen)."""
    path = Path("/usr/share/dict") / WORD_LISTS[lang]
    if not path.exists():
        pytest.fail(f"{path} is missing: `make test` installs Debian's word lists")
    words = [w for w in path.read_text(encoding="utf-8").split() if w.isalpha() and tokens(w) == [w.lower()]]
    step = max(1, len(words) // PER_LANGUAGE)
    return sorted(set(w.lower() for w in words[::step]))


def test_the_browsers_look_up_gives_the_python_analyzers_term(cli, tmp_path, page):
    files = {"archive.yaml": "title: Words\nlanguage: en\n"}
    lists = {lang: _words(lang) for lang in WORD_LISTS}
    for lang, words in lists.items():
        files[f"content/2021/{lang}.md"] = article(f"title: {lang}\npublished: 2021-01-01\nlang: {lang}",
                                                  " ".join(words) + "\n")
    root = make_tree(tmp_path / "words", files)
    assert cli("build", "--root", root).code == 0
    page.goto((root / "site/search/index.html").resolve().as_uri())
    wait_for_results(page)
    for lang, words in lists.items():
        assert len(words) > 2_000
        analyzer = languages.analyzer(lang)
        expected = [[term] if (term := analyzer.term(word)) is not None else [] for word in words]
        found = page.evaluate("([words, lang]) => Promise.all(words.map(w => ArchiveSearch.lookUp(w, lang)))",
                              [words, lang])
        wrong = [(w, f, e) for w, f, e in zip(words, found, expected) if f != e]
        assert wrong == [], f"{lang}: {len(wrong)} of {len(words)} differ, e.g. {wrong[:5]}"
    assert page.watched.errors == []
