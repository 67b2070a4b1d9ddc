"""Discover and read the articles under content/."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from generator.archive import frontmatter, schema, yamltree
from generator.archive.layout import CONTENT_DIR, VERSIONS_SUFFIX, is_text, shown_path
from generator.archive.model import Article, Problem
from generator.archive.slugs import make_slug
from generator.archive.versions import VersionFile, article_of

ARTICLE_SUFFIXES = (".md", ".markdown")


@dataclass(frozen=True)
class SourceFile:
    path: Path  # on disk
    rel: str  # relative to the archive root, forward slashes
    shown: str  # as printed in messages


def discover(root: Path, display_root: str, versions: list[VersionFile] | None = None) -> list[SourceFile]:
    """Every article file, in a stable order. Hidden files and folders are skipped. The files of
    an article's `<slug>.versions/` folder are no articles: they go to `versions`, if given."""
    base = root / CONTENT_DIR
    if not base.is_dir():
        return []
    found: list[SourceFile] = []
    _scan(base, CONTENT_DIR, display_root, found, versions)
    if versions:
        versions.sort(key=lambda v: v.rel)
    return sorted(found, key=lambda f: f.rel)


def _scan(folder: Path, prefix: str, display_root: str, found: list[SourceFile],
          versions: list[VersionFile] | None) -> None:
    # scandir knows most entries' kind without a stat call per file (rglob made one: 10k of them)
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.startswith("."):
                continue
            rel = f"{prefix}/{entry.name}"
            if entry.is_dir(follow_symlinks=False):
                if entry.name.endswith(VERSIONS_SUFFIX):
                    if versions is not None:
                        _versions(Path(entry.path), rel, display_root, versions)
                else:
                    _scan(Path(entry.path), rel, display_root, found, versions)
            elif entry.name.lower().endswith(ARTICLE_SUFFIXES) and entry.is_file():
                found.append(SourceFile(Path(entry.path), rel, shown_path(display_root, rel)))


def _versions(folder: Path, prefix: str, display_root: str, into: list[VersionFile]) -> None:
    article = article_of(prefix)
    with os.scandir(folder) as entries:
        for entry in entries:
            if not entry.name.startswith(".") and entry.name.endswith(".md") and entry.is_file():
                rel = f"{prefix}/{entry.name}"
                into.append(VersionFile(article, entry.name.removesuffix(".md"), rel, shown_path(display_root, rel)))


def read(source: SourceFile, tz: dt.tzinfo, data: bytes | None = None) -> tuple[Article | None, list[Problem]]:
    """The article in a file (`data`: its bytes, if already read)."""
    if not (source.rel.isascii() or is_text(source.rel)):
        return None, [Problem(source.shown, None, "the name of this file or its folder is not UTF-8 text; rename it")]
    if data is None:
        data = source.path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [Problem(source.shown, line, "is not valid UTF-8 text")]
    return parse(text, source, tz)


def parse(text: str, source: SourceFile, tz: dt.tzinfo) -> tuple[Article | None, list[Problem]]:
    try:
        yaml_text, yaml_line, body, _ = frontmatter.split(text)
        tree = yamltree.parse(yaml_text, yaml_line)
    except (frontmatter.SplitError, yamltree.YamlError) as exc:
        return None, [Problem(source.shown, exc.line, exc.message)]
    default_slug = make_slug(Path(source.rel).stem)
    return schema.read_article(tree, body, source.rel, source.shown, default_slug, tz)


def load(root: Path, display_root: str, tz: dt.tzinfo) -> tuple[list[Article], list[Problem]]:
    articles, problems = [], []
    for source in discover(root, display_root):
        article, found = read(source, tz)
        problems.extend(found)
        if article is not None:
            articles.append(article)
    return articles, problems
