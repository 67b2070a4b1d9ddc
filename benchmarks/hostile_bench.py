"""`archive import` of hostile page shapes: wall time, CPU and peak memory of one page each.

Scraped HTML is untrusted: a page of one box of 100,000 `<span>`s, a flood of `<br>`s, `<font><b>` soup. Each shape
is written as one page and imported alone into an empty archive, with each code of `--baseline` and then this one.
Prints a Markdown table; the words column is the imported article's (nothing may be lost). `lines` is a scrape
(`.txt`), the others saved pages.

    PYTHONPATH=. .venv/bin/python -m benchmarks.hostile_bench [--shapes spans:100000 brs:40000 …] [--baseline DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

from benchmarks import measure
from benchmarks.build_bench import CACHE, REPO

_SENTENCE = "the harbour board met again and spoke at length about the plan"


def _page(body: str) -> str:
    return f"<html><head><title>A hostile page</title></head><body>{body}</body></html>"


def _run(n: int, tag: str) -> str:
    return _page("<div>" + "".join(f"<{tag}>{_SENTENCE} {i}. </{tag}>" for i in range(n)) + "</div>")


SHAPES = {  # name -> (the page of {n} elements, what it is)
    "spans": (lambda n: _run(n, "span"), "one `<div>` of {n} `<span>`s of prose"),
    "classed": (lambda n: _page("<div>" + "".join(f'<span class="s{i % 7}">{_SENTENCE} {i}. </span>'
                                                   for i in range(n)) + "</div>"), "one `<div>` of {n} `<span class>`s"),
    "font": (lambda n: _run(n, "font"), "one `<div>` of {n} `<font>`s"),
    "in-p": (lambda n: _page("<p>" + "".join(f"<span>{_SENTENCE} {i}. </span>" for i in range(n)) + "</p>"),
             "one `<p>` of {n} `<span>`s"),
    "soup": (lambda n: _page("<div>" + "".join(f"<font><b>{_SENTENCE} {i}.</b></font> " for i in range(n))
                             + "</div>"), "{n} `<font><b>…</b></font>` in one `<div>`"),
    "brs": (lambda n: _page("<div>" + "".join(f"{_SENTENCE} {i}.<br>" for i in range(n)) + "</div>"),
            "{n} lines split by `<br>`"),
    "brbr": (lambda n: _page("<div>" + "".join(f"{_SENTENCE} {i}.<br><br>" for i in range(n)) + "</div>"),
             "{n} paragraphs split by `<br><br>`"),
    "links": (lambda n: _run(n, "a"), "one `<div>` of {n} links (no address)"),
    "paragraphs": (lambda n: _page("<article>" + "".join(f"<p>{_SENTENCE} {i}.</p>" for i in range(n))
                                   + "</article>"), "{n} `<p>`s"),
    "body": (lambda n: _page("".join(f"<h2>Part {i}</h2><p>{_SENTENCE}, {_SENTENCE} {i}.</p>"
                                        for i in range(n // 2))),
             "{n} headings and `<p>`s straight in `<body>`"),
    "text": (lambda n: _page("<div>" + " ".join(f"{_SENTENCE} {i}." for i in range(n)) + "</div>"),
             "one text node of {n} sentences"),
    "nested": (lambda n: _page("<div>" + "".join(f"<span><span>{_SENTENCE}</span> {i}. </span>" for i in range(n))
                               + "</div>"), "{n} `<span><span>…</span> …</span>`"),
    "deep": (lambda n: _page("".join(f"<div>{_SENTENCE} {i}. " for i in range(n)) + "</div>" * n),
             "{n} `<div>`s nested, a sentence in each"),
    "turns": (lambda n: _page("<div>" + "".join(f"<span>{_SENTENCE} {i}. </span><b>{i}</b> " for i in range(n // 2))
                              + "</div>"), "{n} `<span>`s and `<b>`s in turn in one `<div>` (no date)"),
    "lines": (lambda n: "A hostile scrape\n\n" + "\n".join(f"line {i}" for i in range(n)) + "\n",
              "scraped text of {n} short lines (`.txt`)"),
}
DEFAULT = ("spans:100000", "classed:40000", "in-p:40000", "nested:40000", "soup:40000", "brs:40000", "brbr:40000",
           "links:40000", "paragraphs:40000", "body:100000", "turns:40000", "lines:100000", "deep:2500", "deep:10000")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shapes", nargs="*", default=list(DEFAULT), metavar="NAME:N",
                        help=f"of {', '.join(SHAPES)}")
    parser.add_argument("--baseline", type=Path, nargs="*", default=[],
                        help="other checkouts whose code imports each page too, before this one")
    args = parser.parse_args()
    rows = ["| page | code | seconds | CPU s | peak MB | words |", "| --- | --- | ---: | ---: | ---: | ---: |"]
    for spec in args.shapes:
        name, _, n = spec.partition(":")
        make, what = SHAPES[name]
        pages = (CACHE / "hostile" / spec.replace(":", "-")).resolve()  # (absolute: each code runs in its folder)
        pages.mkdir(parents=True, exist_ok=True)
        (pages / ("page.txt" if name == "lines" else "page.html")).write_text(make(int(n)), encoding="utf-8")
        for code in (*args.baseline, REPO):
            root = pages.parent / "root"
            shutil.rmtree(root, ignore_errors=True)
            env = {**os.environ, "PYTHONPATH": str(code)}
            run = measure.run([sys.executable, "-m", "generator", "import", str(pages), "--root", str(root),
                               "--quiet"], cwd=code, env=env)  # (in `code`: `-m` reads the current folder first)
            words = sum(len(p.read_text(encoding="utf-8").split()) for p in (root / "content").rglob("*.md"))
            rows.append(f"| {what.format(n=f'{int(n):,}')} | {code.name} | {run.wall:.1f} | {run.cpu:.1f} "
                        f"| {run.max_rss / 2**20:.0f} | {words:,} |")
            print(rows[-1], flush=True)
    print("\n".join(rows))


if __name__ == "__main__":
    main()
