"""A real browser opens the built site straight from disk."""

import pytest

from tests.helpers import article, make_tree
from tests.showcase import PAGES

pytestmark = pytest.mark.browser


def test_the_bundled_site_works_from_disk(cli, bundled, page):
    assert cli("build", "--root", bundled).code == 0
    site = (bundled / "site").resolve()
    page.goto((site / "index.html").as_uri())
    assert page.title() == "Article Archive"
    page.get_by_role("link", name="Pentagon report says Russia").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("/index.html") and "/2020/pentagon-report" in page.url
    banner = page.locator(".banner-archived")
    assert banner.is_visible()
    assert "archived copy" in banner.inner_text()
    assert "THOMAS WATKINS/AFP/Getty Images" in page.locator(".image-missing").inner_text()
    page.get_by_role("link", name="CNN").first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "From CNN"
    stylesheet = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert stylesheet != "rgba(0, 0, 0, 0)"  # the theme's CSS loaded from site/static
    assert page.watched.errors == []
    outside = [u for u in page.watched.requests if not u.startswith(site.as_uri() + "/")]
    assert outside == []


def test_scraped_html_is_inert_and_template_syntax_is_literal(tmp_path, cli, page):
    root = make_tree(tmp_path, {
        "content/evil.md": article(
            "title: '<script>window.pwned=1</script>Evil {{ 7*7 }}'\npublished: 2020",
            "<script>window.pwned = 2</script>\n\n"
            '<img src="nothing.png" onerror="window.pwned=3">\n\n'
            '[click me](javascript:window.pwned=4) <a href="javascript:window.pwned=5">raw link</a>\n\n'
            '<div onclick="window.pwned=6" style="background:url(https://evil.example/x)">div</div>\n\n'
            "Literal {{ 7*7 }} and {% raw %} stay as typed.\n\n"
            '<iframe src="https://evil.example/"></iframe><object data="https://evil.example/o"></object>\n',
        ),
        "content/nothing.png": b"not really a png",
    })
    assert cli("build", "--root", root).code == 0
    site = (root / "site").resolve()
    page.goto((site / "2020/evil/index.html").as_uri())
    page.get_by_text("click me").click()
    page.get_by_text("raw link").click()
    page.get_by_text("div", exact=True).click()
    page.wait_for_timeout(100)
    assert page.evaluate("window.pwned") is None
    assert page.watched.dialogs == []
    assert page.locator("h1").inner_text() == "<script>window.pwned=1</script>Evil {{ 7*7 }}"
    body = page.locator(".article-body").inner_text()
    assert "Literal {{ 7*7 }} and {% raw %} stay as typed." in body
    assert "49" not in body
    assert page.locator("iframe, object, script:not([type='application/ld+json'])").count() == 0
    outside = [u for u in page.watched.requests if not u.startswith(site.as_uri() + "/")]
    assert outside == []


SEED = "2020/pentagon-report-says-russia-working-with-the-taliban-others-to-expedite-us/index.html"


@pytest.mark.parametrize("size", [(1280, 800), (390, 844)])
def test_the_seed_article_body_starts_on_the_first_screen(cli, bundled, browser, size):
    assert cli("build", "--root", bundled).code == 0
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    tab = context.new_page()
    tab.goto((bundled / "site" / SEED).resolve().as_uri())
    first = tab.locator(".article-body p").first
    assert first.inner_text().startswith("(CNN) — Russia has been actively working")
    top = first.bounding_box()["y"]
    context.close()
    assert top + 60 < size[1]  # its first two lines show without scrolling


# The interface's stack (navigation, meta lines, badges, notices, inputs, buttons) and the reading stack.
SANS = {".site-nav a", ".item-meta", ".badge", "#site-search-q", ".site-search button", ".notice", ".pager a",
        ".article-meta", "#search-q", ".search-form button", ".search-filters select", ".image-missing"}
SERIF = {"h1", ".item-title", ".article-body p", ".standfirst", ".item-excerpt"}


def test_one_type_system_on_every_page(browser, showcase):
    families: dict[str, set[str]] = {}
    tab = browser.new_page()
    for name in ("home", "article", "tag", "search"):
        tab.goto((showcase / PAGES[name].split("?")[0]).as_uri() + "?q=council")
        if name == "search":
            tab.wait_for_selector("#search-results li")
        for selector in SANS | SERIF:
            for family in tab.eval_on_selector_all(selector, "els => els.map(e => getComputedStyle(e).fontFamily)"):
                families.setdefault(selector, set()).add(family)
    tab.close()
    sans = {f for s in SANS for f in families.get(s, ())}
    serif = {f for s in SERIF for f in families.get(s, ())}
    assert len(sans) == 1 and len(serif) == 1 and sans != serif, families
    assert set(families) >= {".badge", "#search-q", ".notice", ".article-body p"}


def test_dark_mode_draws_no_bright_line(browser, showcase):
    """Every border drawn in dark mode is dim and the theme's own (the footnote rule was the browser's
    inset rule, bright white in dark mode)."""
    context = browser.new_context(color_scheme="dark")
    tab = context.new_page()
    bright = []
    for name in ("home", "article", "tag", "search", "404"):
        tab.goto((showcase / PAGES[name].split("?")[0]).as_uri())
        bright += tab.evaluate("""() => {
            const luminance = c => {
                const [r, g, b] = c.match(/[\\d.]+/g).slice(0, 3).map(v => v / 255)
                    .map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
                return 0.2126 * r + 0.7152 * g + 0.0722 * b;
            };
            const found = [];
            for (const e of document.querySelectorAll('body *')) {
                const s = getComputedStyle(e);
                for (const side of ['Top', 'Right', 'Bottom', 'Left']) {
                    if (parseFloat(s['border' + side + 'Width']) > 0 && s['border' + side + 'Style'] !== 'none'
                        && !s['border' + side + 'Color'].endsWith(', 0)')
                        && (luminance(s['border' + side + 'Color']) > 0.3
                            // the browser shades these itself, lighter than their colour in dark mode
                            || ['inset', 'outset', 'groove', 'ridge'].includes(s['border' + side + 'Style'])))
                        found.push(location.pathname.split('/').slice(-3).join('/') + ' '
                                   + e.tagName + '.' + e.className + ' ' + side);
                }
            }
            return found;
        }""")
    context.close()
    assert bright == [], "\n".join(bright)
