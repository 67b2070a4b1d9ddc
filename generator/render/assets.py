"""Files copied into the site as they are: the theme's static files and article images."""

from __future__ import annotations

import html
import posixpath
from pathlib import Path
from typing import Iterable
from urllib.parse import unquote, urlsplit

from generator.archive import frontmatter
from generator.archive.layout import BUILTIN_STATIC, STATIC_DIR, is_text, shown_path
from generator.archive.model import Article, Problem
from generator.output.writer import Copy
from generator.render import urls
from generator.render.urls import is_remote


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


def static_problems(root: Path, display_root: str) -> list[Problem]:
    """Files of the root's static/ whose names are not UTF-8: no page can link them."""
    base = root / STATIC_DIR
    if not base.is_dir():
        return []
    return [
        Problem(shown_path(display_root, path.relative_to(root).as_posix()), None,
                "the name of this file or its folder is not UTF-8 text; rename it")
        for path in sorted(base.rglob("*")) if not is_text(path.name)
    ]


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
        try:
            source = (root / article.file).parent.joinpath(image.src).resolve()
            exists = source.is_file()
        except (OSError, ValueError) as exc:  # a NUL in the name, a name longer than the system allows
            problems.append(Problem(where, line, f"image src '{_short(image.src)}' cannot be opened: {exc}"))
            continue
        if not source.is_relative_to(content):
            problems.append(Problem(where, line, f"image src '{_short(image.src)}' points outside content/"))
        elif not exists:
            problems.append(Problem(where, line, f"image src '{_short(image.src)}' does not exist"))
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
        found = []
        for src in images[article.slug]:
            problem, source, target = _body_image(src, root / article.file, urls.article_dir(article), content)
            if problem:
                found.append((src, problem))
            else:
                copies.append(Copy(source, target))
        problems.extend(_at_lines(root / article.file, where, found))
    return copies, problems


def body_image_problems(rel: str, where: str, images: tuple[str, ...], root: Path) -> list[Problem]:
    """The problems of a body's images when its front-matter failed (no article, no page folder)."""
    content = (root / "content").resolve()
    found = []
    for src in images:
        problem, _, _ = _body_image(src, root / rel, "undated/x", content)
        if problem:
            found.append((src, problem))
    return _at_lines(root / rel, where, found)


def _body_image(src: str, file: Path, folder: str, content: Path) -> tuple[str | None, Path | None, str]:
    """(the problem, or None; the image file; its path in the site) of one `src` in a body."""
    path = urlsplit(src).path
    name = unquote(path)
    target = f"{folder}/{posixpath.normpath(name)}"
    if "\0" in name:
        return f"body image '{_short(src)}' is not a possible file name (it holds a NUL character)", None, target
    if path.startswith("/") or ".." in path.split("/") or not urls.is_safe(target):
        return f"body image '{_short(src)}' must be a file beside the article or below its folder", None, target
    try:
        source = file.parent.joinpath(name).resolve()
        if source.is_relative_to(content) and source.is_file():
            return None, source, target
    except OSError as exc:  # e.g. a name longer than the system allows
        return f"body image '{_short(src)}' cannot be opened: {exc.strerror}", None, target
    return f"body image '{_short(src)}' does not exist", None, target


def _short(src: str) -> str:
    return src if len(src) <= 100 else f"{src[:60]}…({len(src)} characters)"


def _at_lines(file: Path, where: str, found: list[tuple[str, str]]) -> list[Problem]:
    if not found:
        return []
    text = file.read_text(encoding="utf-8")
    return [Problem(where, image_line(text, src), problem) for src, problem in found]


def image_line(text: str, src: str) -> int | None:
    """The line of the body where an image is written: as Markdown `](src` or an HTML `src=`
    before any other mention of its path (a title may mention it too), then the first mention."""
    try:
        _, _, _, body_line = frontmatter.split(text)
    except frontmatter.SplitError:
        body_line = 1
    start = 0
    for _ in range(body_line - 1):
        start = text.find("\n", start) + 1 or len(text)
    spellings = dict.fromkeys((src, unquote(src), html.escape(src)))
    found = [
        index
        for spelling in spellings
        for written in (f"]({spelling}", f"](<{spelling}", f'src="{spelling}', f"src='{spelling}",
                        f"src={spelling}", f"]: {spelling}")
        if (index := text.find(written, start)) >= 0
    ] or [index for spelling in spellings if (index := text.find(spelling, start)) >= 0]
    if not found:
        found = [index for spelling in spellings if (index := text.find(spelling)) >= 0]
    return text.count("\n", 0, min(found)) + 1 if found else None
