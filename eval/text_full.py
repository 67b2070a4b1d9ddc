"""The whole-page copy (Ctrl+A) of each corpus page: `$D/text_full/<id>.txt`.

Made the way the corpus README (section 5) made its text/ files, without their trimming to the
headline: Playwright with Debian's Chromium, JavaScript off, every request but the page itself
aborted, `document.body.innerText`. A file that is valid UTF-8 and holds non-ASCII is decoded as
UTF-8 and loaded with `set_content()` (many saved pages declare a wrong or missing charset); any
other file is loaded from its `file://` URL, so Chromium applies its own charset detection.
Only missing files are written: the renderings are a cache beside the unpacked corpus.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
TIMEOUT_MS = 30_000


def _as_utf8_content(data: bytes) -> str | None:
    """The page as text for set_content(), or None when Chromium should detect the charset."""
    if data.isascii():
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def missing(data_dir: Path) -> list[Path]:
    """The pages under data_dir/html whose text_full rendering is not written yet."""
    out = data_dir / "text_full"
    return [p for p in sorted((data_dir / "html").glob("*.html")) if not (out / f"{p.stem}.txt").exists()]


def render(data_dir: Path, log=print) -> tuple[int, list[str]]:
    """Write the missing renderings; -> (written, problems as 'id: message')."""
    todo = missing(data_dir)
    if not todo:
        return 0, []
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    out = data_dir / "text_full"
    out.mkdir(exist_ok=True)
    written, problems = 0, []
    start = time.perf_counter()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        context = browser.new_context(java_script_enabled=False)
        page_url: list[str] = [""]

        def only_the_page(route):
            if route.request.url == page_url[0]:
                route.continue_()
            else:
                route.abort()

        context.route("**/*", only_the_page)
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        for n, path in enumerate(todo, 1):
            data = path.read_bytes()
            content = _as_utf8_content(data)
            try:
                if content is not None:
                    page_url[0] = ""  # set_content() needs no request: abort them all
                    page.set_content(content, wait_until="load")
                else:
                    page_url[0] = path.resolve().as_uri()
                    page.goto(page_url[0], wait_until="load")
                text = page.evaluate("() => document.body ? document.body.innerText : ''")
            except PlaywrightError as exc:
                problems.append(f"{path.stem}: {str(exc).splitlines()[0]}")
                page.close()  # a stuck page must not hold up the next one
                page = context.new_page()
                page.set_default_timeout(TIMEOUT_MS)
                continue
            # Written only once complete, so an interrupted run leaves no half file behind.
            tmp = out / f".{path.stem}.txt.part"
            tmp.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")  # as text/ files end
            tmp.replace(out / f"{path.stem}.txt")
            written += 1
            if n % 100 == 0:
                log(f"  text_full: {n}/{len(todo)} pages rendered ({time.perf_counter() - start:.0f} s)")
        browser.close()
    return written, problems


def main(argv: list[str]) -> int:
    for folder in argv or ["."]:
        written, problems = render(Path(folder))
        print(f"{folder}: {written} text_full files written, {len(problems)} failed")
        for line in problems:
            print(f"  {line}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
