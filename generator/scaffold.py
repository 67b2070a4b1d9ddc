"""`archive init`: a new archive folder with settings and one example article."""

from __future__ import annotations

from pathlib import Path

from generator.archive import frontmatter, schema
from generator.archive.model import Article, Image, PartialDate, Source

CONFIG_TEXT = """\
# Settings for this archive. Every key is optional; docs/configuration.md of article-archive lists them all.
title: {title}
description: Articles kept as they were published.
language: en
# base_url: https://example.org/archive/   # where the site will be published
# pretty_urls: false                       # true: links end in / (for web hosts)
outdated_after: 5y                         # older articles get an "outdated" banner
# as_of: 2026-01-01                        # the date ages are measured against (default: today)
timezone: UTC                              # for times written without a zone
per_page: 20
"""

EXAMPLE = Article(
    file="content/2024/welcome.md",
    slug="welcome",
    title="Welcome to your archive",
    published=PartialDate(2024, 5),
    authors=("Archive Team",),
    tags=("example",),
    summary="An example article: edit or delete it, then add your own under content/.",
    sources=(Source(name="Example Gazette", url="https://example.org/news/welcome"),),
    flags=("archived",),
    image=Image(caption="A photo the archive did not keep.", credit="Photo: A. Photographer"),
    rights=("© 2024 Example Gazette",),
    body=(
        "Each article is a Markdown file with YAML front-matter, stored as\n"
        "`content/YEAR/slug.md`.\n\n"
        "## What the fields do\n\n"
        "The `published` date may be a year, a month or a day; this one is known only\n"
        "to the month. The `archived` flag shows a banner, and `sources` link to where\n"
        "the article first appeared.\n"
    ),
)


class NotEmpty(Exception):
    pass


def create(folder: Path) -> Path:
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise NotEmpty(f"{folder} already exists and is not empty")
    article_file = folder / EXAMPLE.file
    article_file.parent.mkdir(parents=True, exist_ok=True)
    title = folder.resolve().name.replace("-", " ").replace("_", " ").title() or "My Archive"
    (folder / "archive.yaml").write_text(CONFIG_TEXT.format(title=_yaml_text(title)), encoding="utf-8")
    data = schema.to_data(EXAMPLE, default_slug="welcome")
    article_file.write_text(frontmatter.join(data, EXAMPLE.body), encoding="utf-8")
    return folder


def _yaml_text(text: str) -> str:
    return frontmatter.join({"t": text}, "").split("\n")[1].removeprefix("t: ")
