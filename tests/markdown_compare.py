"""Render archives' bodies with the reference engine and with `markdown.render`'s and compare.

    python -m tests.markdown_compare ROOT [ROOT ...]   # archive roots (with content/)

For every article: are the HTML before sanitising, and the sanitised HTML, the same
bytes? Which bodies took the reference path? Prints the first differences and the
CPU time per article of each engine (render + sanitise).
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import time
from pathlib import Path

from generator.load import content
from generator.render import markdown


def bodies(root: Path) -> list[str]:
    found = []
    for source in content.discover(root, "."):
        article, _ = content.read(source, dt.timezone.utc)
        if article is not None:
            found.append(article.body)
    return found


def compare(texts: list[str], show: int = 5) -> dict:
    renderer = markdown.new_renderer()
    reference = markdown.reference_renderer()
    same = same_sanitised = fallbacks = 0
    shown = 0
    for text in texts:
        old, new = reference.render(text), renderer.html(text)
        fallbacks += markdown._needs_reference(text) or markdown._fast_html(renderer.fast.render(text), text) is None
        same += old == new
        same_sanitised += markdown.sanitise(old) == markdown.sanitise(new)
        if old != new and shown < show:
            shown += 1
            print(f"--- difference in {text[:60]!r}")
            for line in difflib.unified_diff(old.splitlines(), new.splitlines(), "reference", "new", lineterm="", n=0):
                print(line[:300])
    return {"articles": len(texts), "identical": same, "identical_sanitised": same_sanitised, "reference_path": fallbacks}


def timing(texts: list[str]) -> dict:
    renderer = markdown.new_renderer()
    reference = markdown.reference_renderer()
    out = {}
    for name, render in (("reference", reference.render), ("new", renderer.html)):
        start = time.process_time()
        for text in texts:
            markdown.sanitise(render(text))
        total = time.process_time() - start
        start = time.process_time()
        for text in texts:
            render(text)
        out[name] = {"render_ms": round((time.process_time() - start) / len(texts) * 1000, 3),
                     "render_sanitise_ms": round(total / len(texts) * 1000, 3)}
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("roots", nargs="+", type=Path)
    parser.add_argument("--time", action="store_true", help="also time both engines (CPU time per article)")
    args = parser.parse_args()
    for root in args.roots:
        texts = bodies(root)
        print(root, compare(texts))
        if args.time and texts:
            print(root, "ms/article CPU", timing(texts))


if __name__ == "__main__":
    main()
