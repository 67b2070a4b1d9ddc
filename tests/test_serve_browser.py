"""A page open in a real browser reloads itself after each build of `archive serve`."""

from __future__ import annotations

import pytest

from generator.build import Options
from generator.serve.preview import Preview
from tests.helpers import ARTICLE, article, edit, make_tree

pytestmark = pytest.mark.browser

WAIT_MS = 20_000


def test_open_pages_reload_after_an_edit_a_failure_and_a_fix(tmp_path, page):
    root = make_tree(tmp_path / "news", {ARTICLE: article("title: Before\npublished: 2020")})
    refused = []
    page.on("response", lambda response: response.status >= 400 and refused.append((response.status, response.url)))
    with Preview(Options(root=root), port=0) as preview:
        page.goto(preview.url + "2020/a/")
        assert page.locator("h1").inner_text() == "Before"
        missing = page.context.new_page()  # the 404 page reloads too
        missing.goto(preview.url + "2020/not-yet/")
        assert "Page not found" in missing.locator("main").inner_text()
        stylesheet = missing.evaluate("getComputedStyle(document.body).backgroundColor")
        assert stylesheet != "rgba(0, 0, 0, 0)"  # its relative links work below the root

        edit(root, ARTICLE, article("title: After\npublished: 2020"))
        page.locator("h1", has_text="After").wait_for(timeout=WAIT_MS)

        edit(root, ARTICLE, article("title: Broken\npublished: 2020\nflags: [retraced]"))
        page.get_by_text("unknown flag 'retraced'").wait_for(timeout=WAIT_MS)

        edit(root, ARTICLE, article("title: Fixed\npublished: 2020"))
        page.locator("h1", has_text="Fixed").wait_for(timeout=WAIT_MS)
        edit(root, "content/2020/not-yet.md", article("title: Now here\npublished: 2020"))
        missing.locator("h1", has_text="Now here").wait_for(timeout=WAIT_MS)

        # Settled: the page keeps asking for the version but reloads only when a build happened.
        for _ in range(5):
            version, polls = preview.version, _polls(page)
            _wait_until(page, lambda: _polls(page) >= polls + 2)  # it has seen this version
            loads, polls = _loads(page, preview), _polls(page)
            _wait_until(page, lambda: _polls(page) >= polls + 3)
            if preview.version == version:  # no build meanwhile (an edit may make two)
                assert _loads(page, preview) == loads
                break
        else:
            pytest.fail("builds kept coming")
    # The failure page's own status (500) is the one thing the console may mention: no script error.
    assert set(refused) == {(500, preview.url + "2020/a/")}
    assert [e for e in page.watched.errors if "status of 500" not in e] == []
    assert page.watched.dialogs == []


def _loads(page, preview) -> int:
    return page.watched.requests.count(preview.url + "2020/a/")


def _wait_until(page, condition) -> None:
    for _ in range(WAIT_MS // 100):
        if condition():
            return
        page.wait_for_timeout(100)
    pytest.fail("the page stopped asking for the version")


def _polls(page) -> int:
    return sum(1 for url in page.watched.requests if url.endswith("/__archive__/version"))
