"""axe-core finds no WCAG 2.2 A/AA violation on any kind of page, light and dark, desktop and phone;
the keyboard reaches everything (skip link, visible focus, search without a mouse)."""

from __future__ import annotations

import pytest

from tests.showcase import PAGES

pytestmark = pytest.mark.browser

WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SIZES = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(scope="session")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def _open(browser, site, name, scheme="light", size="desktop"):
    context = browser.new_context(viewport=SIZES[size], color_scheme=scheme)
    tab = context.new_page()
    path, _, query = PAGES[name].partition("?")
    tab.goto((site / path).as_uri() + (f"?{query}" if query else ""))
    if name == "search":
        tab.wait_for_selector("#search-results li")
    return context, tab


def _violations(axe, tab) -> list[str]:
    results = axe.run(tab, options={"runOnly": {"type": "tag", "values": WCAG}, "resultTypes": ["violations"]})
    found = []
    for violation in results.response["violations"]:
        for node in violation["nodes"]:
            found.append(f"{violation['id']}: {node['target']} {node.get('failureSummary', '')[:200]}")
    return found


@pytest.mark.parametrize("size", sorted(SIZES))
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", sorted(PAGES))
def test_no_wcag_violations(browser, axe, showcase, name, scheme, size):
    context, tab = _open(browser, showcase, name, scheme, size)
    try:
        assert _violations(axe, tab) == []
    finally:
        context.close()


def test_first_tab_reaches_a_skip_link_that_moves_to_the_content(browser, showcase):
    context, tab = _open(browser, showcase, "article")
    try:
        tab.keyboard.press("Tab")
        focused = tab.evaluate("document.activeElement.textContent.trim()")
        assert focused == "Skip to content"
        box = tab.evaluate("JSON.stringify(document.activeElement.getBoundingClientRect())")
        assert '"width":0' not in box and tab.locator(".skip-link").is_visible()
        tab.keyboard.press("Enter")
        tab.wait_for_url(lambda url: url.endswith("#main"), timeout=10_000)  # (the jump is not instant)
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_tab_stop_shows_a_clear_focus_ring(browser, showcase, scheme):
    context, tab = _open(browser, showcase, "tag", scheme)
    try:
        seen = []
        for _ in range(40):  # links, the search box and button, the jump and page numbers
            tab.keyboard.press("Tab")
            ring = tab.evaluate(
                "(() => { const e = document.activeElement, s = getComputedStyle(e);"
                " return [e.tagName + ' ' + e.textContent.trim().slice(0, 20), s.outlineStyle,"
                " parseFloat(s.outlineWidth)]; })()"
            )
            if ring[0].startswith("BODY"):  # past the last stop
                break
            seen.append(ring[0])
            assert ring[1] not in ("none", "auto") and ring[2] >= 2, ring
        assert any(name.startswith("INPUT") for name in seen) and any(name == "A 2" for name in seen)
    finally:
        context.close()


def test_search_works_from_the_keyboard_alone(browser, showcase):
    context, tab = _open(browser, showcase, "home")
    try:
        # Tab from the top of the page to the header's search box, type, press Enter.
        for _ in range(20):
            tab.keyboard.press("Tab")
            if tab.evaluate("document.activeElement.type") == "search":
                break
        tab.keyboard.type("ferry")
        tab.keyboard.press("Enter")
        tab.wait_for_selector("#search-results li")
        assert "New ferry arrives" in tab.locator("#search-results").inner_text()
    finally:
        context.close()
