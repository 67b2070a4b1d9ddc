"""Markdown articles -> Imported: front-matter validated by the foundation's schema, then normalised."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import Path

from generator.archive import frontmatter, schema, yamltree
from generator.ingest.pagemeta import IMAGE_SUFFIXES, local_image
from generator.ingest.record import Imported, ImportFailed
from generator.render.urls import is_remote


def read(text: str, path: Path | None = None) -> Imported:
    name = path.name if path is not None else "article.md"
    if not text.lstrip().startswith("---"):
        return _plain(text)
    try:
        yaml_text, yaml_line, body, _ = frontmatter.split(text.lstrip("\n"))
        tree = yamltree.parse(yaml_text, yaml_line)
    except (frontmatter.SplitError, yamltree.YamlError) as exc:
        raise ImportFailed(f"line {exc.line}: {exc.message}") from None
    article, problems = schema.read_article(tree, body, name, name, "x", dt.timezone.utc)
    if article is None:
        raise ImportFailed("; ".join(
            (f"line {p.line}: {p.message}" if p.line else p.message) for p in problems))
    if not body.strip():
        raise ImportFailed("has front-matter but no article text")
    given_slug = article.slug if article.slug != "x" else None
    image, local = article.image, None
    if image is not None and image.src and not is_remote(image.src):
        file = (path.parent / image.src).resolve() if path is not None else None
        if file is not None and file.is_file() and file.is_relative_to(path.parent.resolve()) \
                and file.suffix.lower() in IMAGE_SUFFIXES:
            local = local_image(file.name, file.read_bytes())
        image = replace(image, src=None)
    return Imported(
        kind="markdown", title=article.title.strip(), body=body.strip() + "\n", published=article.published,
        updated=article.updated, authors=article.authors, tags=article.tags, summary=article.summary,
        dateline=article.dateline, rights=article.rights, lang=article.lang, sources=article.sources,
        flags=article.flags, corrections=article.corrections, image=image, local_image=local, slug=given_slug,
        id=article.id, extra=dict(article.extra),
    )


def _plain(text: str) -> Imported:
    """Markdown without front-matter: the first `# heading` is the title."""
    match = re.search(r"^#\s+(.+?)\s*#*\s*$", text, re.M)
    if match is None:
        raise ImportFailed("has no front-matter and no '# title' line")
    body = (text[: match.start()] + text[match.end():]).strip()
    if not body:
        raise ImportFailed("has a title but no article text")
    return Imported(kind="markdown", title=match.group(1).strip(), body=body + "\n")
