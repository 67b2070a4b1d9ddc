"""The synthetic corpus written as a Hugo site and as a Pelican site, for the build benchmark.

    python -m benchmarks.peers {hugo,pelican} N DIR

Article number i is `Corpus().article(i)`, the same article `benchmarks.corpus`
writes for us: same title, date, body, authors, tags, source, flags and
corrections, at the same path (`content/YYYY/aNNNNNN.md`). Each site gets a
minimal configuration that asks its tool for about the work `archive build`
does (see benchmarks/RESULTS.md for what each does or does not do).
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import yaml

from benchmarks.corpus import Corpus
from generator.archive.layout import BUILTIN_STATIC
from generator.archive.model import Article, PartialDate

PEERS_DIR = Path(__file__).parent / "peers"


def _day(date: PartialDate) -> str:
    """Hugo and Pelican need a whole date: a year or month is read as its first day."""
    return f"{date.year:04d}-{date.month or 1:02d}-{date.day or 1:02d}"


def _path(root: Path, article: Article) -> Path:
    return root / "content" / f"{article.published.year}" / f"{article.slug}.md"


def hugo_text(article: Article) -> str:
    date = article.published
    front = {
        "title": article.title,
        "date": _day(date),
        "slug": article.slug,
        "authors": list(article.authors),
        "tags": list(article.tags),
        "sources": [s.name for s in article.sources],
        "flags": list(article.flags),
        # month listings (ours: YYYY/MM/) as a taxonomy; year listings are the YYYY sections
        "months": [f"{date.year:04d}-{date.month:02d}"] if date.month else [],
        "precision": date.precision,
        "source_urls": [s.url for s in article.sources],
        "corrections": [{"date": _day(c.date), "text": c.text} for c in article.corrections],
    }
    # empty lists would still be taxonomy keys: leave them out, as our front-matter does
    front = {k: v for k, v in front.items() if v != []}
    return "---\n" + yaml.safe_dump(front, sort_keys=False, allow_unicode=True) + "---\n\n" + article.body


def pelican_text(article: Article) -> str:
    # Pelican's Markdown metadata: `Key: value` lines up to the first blank line.
    lines = [
        f"Title: {article.title}",
        f"Date: {_day(article.published)}",
        f"Slug: {article.slug}",
    ]
    if article.authors:
        lines.append("Authors: " + ", ".join(article.authors))
    lines.append("Tags: " + ", ".join(article.tags))
    # Pelican has one category per article and no custom taxonomies: the source is the category
    lines.append(f"Category: {article.sources[0].name}")
    if article.flags:
        lines.append("Flags: " + ", ".join(article.flags))
    lines.append(f"Source_url: {article.sources[0].url}")
    return "\n".join(lines) + "\n\n" + article.body


WRITERS = {"hugo": hugo_text, "pelican": pelican_text}


def write_site(tool: str, count: int, root: Path, seed: int = 7) -> Path:
    """Write `count` articles and the tool's configuration (and, for Hugo, layouts) into `root`."""
    text = WRITERS[tool]
    corpus = Corpus(seed)
    shutil.copytree(PEERS_DIR / tool, root, dirs_exist_ok=True)
    if tool == "hugo":  # the same stylesheet as ours, so both copy the same bytes
        (root / "static").mkdir(exist_ok=True)
        shutil.copy(BUILTIN_STATIC / "style.css", root / "static" / "style.css")
    for number in range(count):
        article = corpus.article(number)
        path = _path(root, article)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text(article), encoding="utf-8")
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tool", choices=sorted(WRITERS))
    parser.add_argument("count", type=int)
    parser.add_argument("root", type=Path)
    args = parser.parse_args()
    write_site(args.tool, args.count, args.root)


if __name__ == "__main__":
    main()
