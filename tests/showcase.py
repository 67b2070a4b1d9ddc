"""A small archive with every kind of page the theme renders, built once per test worker.

An article with every flag, corrections, a missing image, a summary, a dateline and a
footnote; one with a local image; one in French, with two versions; one undated; and enough articles on one
tag and by one author for listings of several pages across several years.
"""

from __future__ import annotations

import os
from pathlib import Path

from tests.helpers import EPOCH, article, make_tree

# A 1x1 PNG: enough for an <img> that loads.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201e2b0a8e10000000049454e44ae426082"
)

FULL = article(
    """
title: City council votes to rebuild the harbour wall
published: 2024-03-05
updated: 2024-03-07
summary: The vote ends a decade of argument over who pays for the repairs.
dateline: PORTSMOUTH
authors: [Jane Roe, Sam Poe]
tags: [council, harbour]
flags: [archived, corrected, disputed, retracted, partial]
corrections:
- date: 2024-03-07
  text: An earlier version gave the wrong cost.
sources:
- name: Portsmouth Herald
  url: https://example.org/harbour-wall
  published: 2024-03-05
  retrieved: 2024-03-06
  archived_at: https://archive.example.org/harbour-wall
image:
  caption: The harbour wall after the storm of January 2024, seen from the ferry.
  credit: Ann Lee/Herald
rights:
- © 2024 Portsmouth Herald.
""",
    "The city council voted on Tuesday to rebuild the harbour wall.[^1]\n\n"
    "The cost is shared with the port authority.\n\n"
    "## What happens next\n\n"
    "> Work starts in the spring, said the mayor.\n\n"
    "| Year | Cost |\n| --- | --- |\n| 2024 | £1m |\n\n"
    "    code sample\n\n"
    "[^1]: The vote was 7 to 2.\n",
)


def _files(count: int) -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {
        "archive.yaml": "title: Harbour Archive\ndescription: Local news, kept.\nlanguage: en\n"
                        "outdated_after: 1y\nper_page: 3\ntimezone: UTC\n",
        "content/2024/harbour-wall.md": FULL,
        "content/2023/ferry.md": article(
            "title: New ferry arrives\npublished: 2023-06-01\ntags: [harbour]\n"
            "sources: [{name: Portsmouth Herald}]\n"
            "image: {src: ferry.png, alt: The new ferry at the quay, caption: The ferry, credit: Port}",
            "The new ferry arrived on Thursday.\n",
        ),
        "content/2023/ferry.png": PNG,
        "content/2022/marche.md": article(
            "title: Le marché rouvre\npublished: 2022-05-02\nlang: fr\ntags: [market]",
            "Le marché du samedi rouvre ses portes.\n",
        ),
        "content/undated/note.md": article("title: A note without a date", "Kept, date unknown.\n"),
        # Two captures of the French article: a version page and a diff page.
        "content/2022/marche.versions/20220502080000.md": article(
            "title: Le marché va rouvrir\npublished: 2022-05-02\nlang: fr\ntags: [market]",
            "Le marché du samedi rouvre bientôt ses portes.\n",
        ),
        "content/2022/marche.versions/20220503091500.md": article(
            "title: Le marché rouvre\npublished: 2022-05-02\nlang: fr\ntags: [market]",
            "Le marché du samedi rouvre ses portes.\n",
        ),
    }
    for n in range(count):
        year, month = 2019 + n % 5, 1 + n % 12
        files[f"content/{year}/meeting-{n}.md"] = article(
            f"title: Council meeting number {n}\npublished: {year}-{month:02d}-{1 + n % 28:02d}\n"
            f"authors: [Jane Roe]\ntags: [council]\nsources: [{{name: Portsmouth Herald}}]",
            f"The council met for the {n}th time.\n",
        )
    return files


def build_showcase(root: Path, count: int = 24) -> Path:
    """Build the showcase archive under root; returns its site/ folder."""
    from generator.build import Options, build

    make_tree(root, _files(count))
    build(Options(root=root, output=root / "site"), {**os.environ, "SOURCE_DATE_EPOCH": EPOCH})
    return root / "site"


# Every kind of page, by name: its path under site/.
PAGES = {
    "home": "index.html",
    "article": "2024/harbour-wall/index.html",
    "article-image": "2023/ferry/index.html",
    "article-fr": "2022/marche/index.html",
    "version": "2022/marche/v/20220502080000/index.html",
    "diff": "2022/marche/v/20220503091500/diff/index.html",
    "year": "2023/index.html",
    "month": "2024/03/index.html",
    "tag": "tags/council/index.html",
    "tag-page-2": "tags/council/page/2/index.html",
    "author": "authors/jane-roe/index.html",
    "source": "sources/portsmouth-herald/index.html",
    "flag": "flags/archived/index.html",
    "undated": "undated/index.html",
    "section": "tags/index.html",
    "search": "search/index.html?q=council",
    "404": "404.html",
}
