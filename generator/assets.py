"""Files copied into the site as they are: the theme's static files and article images."""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Iterable
from urllib.parse import unquote, urlsplit

from generator import urls
from generator.content import shown_path
from generator.markdown import is_remote
from generator.model import Article, Problem
from generator.layout import BUILTIN_STATIC, STATIC_DIR
from generator.writer import Copy



def static_files(root: Path) -> list[Copy]:
    """The theme's static files; a root's static/ adds files or shadows the theme's."""
    chosen: dict[str, Path] = {}
    for base in (BUILTIN_STATIC, root / STATIC_DIR):
        if base.is_dir():
            for path in sorted(base.rglob("*")):
                rel = path.relative_to(base).as_posix()
                if path.is_file() and not any(p.startswith(".") for p in rel.split("/")):
                    chosen[rel] = path
    return [Copy(source, urls.static_path(rel)) for rel, source in sorted(chosen.items())]


def article_images(articles: Iterable[Article], root: Path, display_root: str) -> tuple[list[Copy], list[Problem]]:
    """Local `image.src` files, copied next to their article. They must exist inside content/."""
    copies, problems = [], []
    content = (root / "content").resolve()
    for article in articles:
        image = article.image
        if image is None or not image.src or is_remote(image.src):
            continue
        where = shown_path(display_root, article.file)
        line = article.lines.get("image")
        source = (root / article.file).parent.joinpath(image.src).resolve()
        if not source.is_relative_to(content):
            problems.append(Problem(where, line, f"image src '{image.src}' points outside content/"))
        elif not source.is_file():
            problems.append(Problem(where, line, f"image src '{image.src}' does not exist"))
        else:
            copies.append(Copy(source, f"{urls.article_dir(article)}/{Path(image.src).name}"))
    return copies, problems


def body_images(
    articles: Iterable[Article], images: dict[str, tuple[str, ...]], root: Path, display_root: str
) -> tuple[list[Copy], list[Problem]]:
    """Local images an article's body shows, copied to the same relative place beside its page.

    `![x](photo.jpg)` in content/2020/a.md is content/2020/photo.jpg, published
    as 2020/a/photo.jpg next to the page that shows it.
    """
    copies, problems = [], []
    content = (root / "content").resolve()
    for article in articles:
        where = shown_path(display_root, article.file)
        text = None
        for src in images[article.slug]:
            path = urlsplit(src).path
            source = (root / article.file).parent.joinpath(unquote(path)).resolve()
            target = f"{urls.article_dir(article)}/{posixpath.normpath(unquote(path))}"
            problem = None
            if path.startswith("/") or ".." in path.split("/") or not urls.is_safe(target):
                problem = f"body image '{src}' must be a file beside the article or below its folder"
            elif not source.is_relative_to(content) or not source.is_file():
                problem = f"body image '{src}' does not exist"
            if problem:
                text = text if text is not None else (root / article.file).read_text(encoding="utf-8")
                problems.append(Problem(where, _line_of(text, src), problem))
            else:
                copies.append(Copy(source, target))
    return copies, problems


def _line_of(text: str, needle: str) -> int | None:
    index = text.find(needle)
    return text.count("\n", 0, index) + 1 if index >= 0 else None
