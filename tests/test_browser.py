"""A real browser opens the built site straight from disk."""

import pytest

from tests.helpers import article, make_tree

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
    assert "THOMAS WATKINS/AFP/Getty Images" in page.locator("figcaption").inner_text()
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
