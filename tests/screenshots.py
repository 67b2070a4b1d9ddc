"""The theme's screenshots in docs/: `python -m tests.screenshots` (Debian's Chromium, as the tests use).

Home, an article, a listing and the search page of the showcase archive (tests/showcase.py), at a
desktop and a phone size, light and dark, into docs/screenshots/; and README's one picture, the
bundled archive's seed article, into docs/screenshot.png. Taken at a reduced device scale so that
the PNGs stay small.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from tests.browser import ARGS, CHROMIUM
from tests.golden import REPO, build_bundled
from tests.showcase import PAGES, build_showcase

SHOWN = {"home": "home", "article": "article", "listing": "tag-page-2", "search": "search"}
SIZES = {"desktop": ({"width": 1280, "height": 800}, 0.6), "phone": ({"width": 390, "height": 844}, 0.75)}
SEED = "2020/pentagon-report-says-russia-working-with-the-taliban-others-to-expedite-us/index.html"


def _shoot(browser, url: str, out: Path, size: str, scheme: str) -> None:
    viewport, scale = SIZES[size]
    context = browser.new_context(viewport=viewport, device_scale_factor=scale, color_scheme=scheme)
    tab = context.new_page()
    tab.goto(url)
    if "search/" in url:
        tab.wait_for_selector("#search-results li")
    tab.screenshot(path=str(out))
    context.close()


def main() -> None:
    from playwright.sync_api import sync_playwright

    folder = REPO / "docs" / "screenshots"
    folder.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        showcase = build_showcase(Path(tmp) / "showcase")
        bundled = build_bundled(Path(tmp) / "bundled")
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        for label, name in SHOWN.items():
            path, _, query = PAGES[name].partition("?")
            url = (showcase / path).as_uri() + (f"?{query}" if query else "")
            for size in SIZES:
                for scheme in ("light", "dark"):
                    _shoot(browser, url, folder / f"{label}-{size}-{scheme}.png", size, scheme)
        _shoot(browser, (bundled / SEED).as_uri(), REPO / "docs" / "screenshot.png", "desktop", "light")
        browser.close()
    print(f"wrote {len(SHOWN) * 4} screenshots to {folder.relative_to(REPO)} and docs/screenshot.png")


if __name__ == "__main__":
    main()
