"""Search benchmarks: index build rate, bytes a query loads, and time to first results.

    python -m benchmarks.search_bench [--sizes 1000 10000 100000]

Builds synthetic archives (benchmarks/corpus.py) under .cache/bench/, then for
each: times the search-index stage against lunr.py on the same documents,
and in headless Chromium over file:// loads the search page cold for a word in
<= 1 % of articles and for the most frequent word, counting the bytes of every
file requested and the time from typing to the first results shown.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import time
from pathlib import Path

from benchmarks.corpus import write_archive
from generator.archive import config as config_mod
from generator.archive.assemble import assemble
from generator.archive.layout import BUILTIN_STATIC
from generator.build import Options, build
from generator.load import content
from generator.render import markdown, urls
from generator.search import documents
from generator.search import index as search_index
from generator.search.stemmer import stem

CACHE = Path(".cache/bench")
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


def archive_of(size: int) -> Path:
    root = CACHE / f"archive-{size}"
    if not (root / "content").is_dir():
        write_archive(size, root)
    return root


def search_inputs(root: Path) -> tuple:
    """The search stage's inputs, as a build has them: the archive, rendered bodies and links."""
    environ = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600"}
    config = config_mod.load(root, str(root), environ)
    articles, _ = content.load(root, str(root), config.tzinfo)
    archive = assemble(articles, config)
    md = markdown.new_renderer()
    bodies = {a.slug: markdown.render(md, a.body) for a in archive.articles}
    return archive, bodies, urls.Links()


def search_docs(root: Path) -> list:
    return documents.collect(*search_inputs(root))


def index_rate(inputs: tuple) -> tuple[float, list]:
    """Articles/s of the whole search stage, as the build runs it: from the rendered bodies
    to every search file in memory (plain text, tokenising and stemming, counting, grouping,
    encoding the shards; lunr-index.json too up to its default limit)."""
    started = time.perf_counter()
    files = search_index.files(*inputs)
    seconds = time.perf_counter() - started
    return len(inputs[0].articles) / seconds, files


def lunr_py_rate(docs: list, sample: int = 1000) -> float:
    from lunr import lunr

    chosen = docs[:sample]
    started = time.perf_counter()
    lunr(ref="ref", fields=[{"field_name": f, "boost": b} for f, b in zip(documents.FIELDS, documents.BOOSTS)],
         documents=[{"ref": d.ref, **dict(zip(documents.FIELDS, d.field_texts()))} for d in chosen])
    return len(chosen) / (time.perf_counter() - started)


def pick_words(site: Path, size: int) -> tuple[str, str]:
    terms = {}
    for shard in (site / "search/d").glob("*.js"):
        text = shard.read_text()
        terms.update(json.loads(text[text.index(",") + 1 : text.rindex(")")]))
    plain = {t: e[1] for t, e in terms.items() if t.isalpha() and stem(t) == t}
    rare = max((t for t, n in plain.items() if n <= size // 100), key=plain.get)
    return rare, max(plain, key=plain.get)


def misspelt(word: str) -> str:
    """The word with its fourth letter dropped: a typo the client suggests the word for."""
    return word[:3] + word[4:]


SHOWN = "document.querySelector('#search-results li')"
SUGGESTED = "!document.getElementById('search-note').hidden"


def queries(words: tuple[str, str]) -> list[tuple[str, str, str, str]]:
    """What is measured: (label, query typed, address parameters, what shows it answered)."""
    rare, frequent = words
    return [(f"'{rare}'", rare, "", SHOWN), (f"'{frequent}'", frequent, "", SHOWN),
            (f"'{frequent}', newest first", frequent, "?sort=newest", SHOWN),
            (f"'{frequent}', oldest first", frequent, "?sort=oldest", SHOWN),
            (f"'{misspelt(frequent)}' (did you mean)", misspelt(frequent), "", SUGGESTED)]


def browser_measure(site: Path, words: tuple[str, str]) -> dict[str, tuple[int, float]]:
    """Per query: the bytes of every file the page requested, cold, and the time to its answer."""
    from playwright.sync_api import sync_playwright

    out = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=BROWSER_ARGS)
        for label, word, params, answered in queries(words):
            context = browser.new_context()
            page = context.new_page()
            requested = set()
            page.on("request", lambda r: requested.add(r.url.split("?")[0]))
            page.goto((site / "search/index.html").as_uri() + params)
            page.wait_for_function("document.getElementById('search-status').textContent.startsWith('Type')")
            page.evaluate("""(answered) => {
                window.__shown = null;
                new MutationObserver(() => {
                  if (window.__shown === null && eval(answered)) window.__shown = performance.now();
                }).observe(document.getElementById('main') || document.body, {childList: true, subtree: true, attributes: true});
            }""", answered)
            page.fill("#search-q", word)  # one input event, as a paste or a fast typist
            typed = page.evaluate("performance.now()")
            page.wait_for_function("window.__shown !== null")
            shown = page.evaluate("window.__shown")
            prefix = site.as_uri() + "/"
            size = sum((site / u[len(prefix):]).stat().st_size for u in requested if u.startswith(prefix))
            # the input event fires after an 80 ms pause for typing: count from when it fired
            out[label] = (size, max(0.0, shown - typed - 80))
            context.close()
        browser.close()
    return out


def rebuild_index(root: Path, inputs: tuple) -> float:
    """Rewrite only the search index (and client) of an already built site; return articles/s."""
    rate, files = index_rate(inputs)
    site = root / "site"
    for folder in ("d", "p", "docs", "f", "l", "w"):
        shutil.rmtree(site / "search" / folder, ignore_errors=True)
    for file in files:
        (site / file.path).parent.mkdir(parents=True, exist_ok=True)
        (site / file.path).write_bytes(file.data)
    shutil.copy(BUILTIN_STATIC / "search.js", site / "static" / "search.js")
    return rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--index-only", action="store_true",
                        help="reuse the built sites in .cache/bench and rebuild only their search index "
                        "(the 100k site build takes the better part of an hour)")
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    rows = []
    for size in args.sizes:
        root = archive_of(size)
        build_seconds = float("nan")
        if args.index_only and (root / "site/search").is_dir():
            inputs = search_inputs(root)
            rate = rebuild_index(root, inputs)
        else:
            started = time.perf_counter()
            build(Options(root=root, output=root / "site"), {**os.environ, "SOURCE_DATE_EPOCH": "1767225600"})
            build_seconds = time.perf_counter() - started
            inputs = search_inputs(root)
            rate, _ = index_rate(inputs)
        docs = documents.collect(*inputs)
        reference = lunr_py_rate(docs) if size <= 10000 else float("nan")
        site = (root / "site").resolve()
        index_bytes = sum(p.stat().st_size for p in (site / "search").rglob("*.js"))
        words = pick_words(site, size)
        measured = browser_measure(site, words)
        rows.append((size, build_seconds, rate, reference, index_bytes, words, measured))
        built = "reused" if build_seconds != build_seconds else f"{build_seconds:.1f} s"  # nan: not rebuilt
        print(f"{size:>7} articles: site build {built}; search index {rate:.0f} articles/s "
              f"(lunr.py {reference:.0f}/s); sharded index {index_bytes / 1e6:.1f} MB; " + "; ".join(
                  f"{label} ({loaded / 1e3:.0f} KB, {ms:.0f} ms)" for label, (loaded, ms) in measured.items()),
              flush=True)


if __name__ == "__main__":
    main()
